/**
 * The commands of the offline queue's model test (fast-check `fc.commands`): enqueue, go
 * offline/online, server faults (including a lost ack: applied, answer dropped), process(), a
 * crash with restart, and crashes that interrupt an enqueue or a replay mid-flight. Each command
 * checks the safety invariants after it ran.
 */
import * as fc from 'fast-check';
import * as assert from 'uvu/assert';
import type { Fault } from '../../../server/index.js';
import { within } from '../../../helpers/timed-suite.js';
import { checkSafety } from './invariants.js';
import { orderBody, reserveNote, SCOPES, type Model } from './model.js';
import type { World } from './world.js';

type Command = fc.AsyncCommand<Model, World>;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const posts = (world: World) => world.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders').length;

/** Enqueues one createOrder in `scope` and waits for the promise: the queue now owes it. */
class Enqueue implements Command {
  constructor(readonly scope: string) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const note = reserveNote(model, this.scope);
    model.maybe.add(note); // until the promise resolves, a crash may or may not have kept it
    const id = await within(world.current.sdk.offline.enqueue('orders.createOrder', { body: orderBody(note) }, { scope: this.scope }), `enqueue ${note}`);
    model.maybe.delete(note);
    model.confirmed.add(note);
    assert.type(id, 'string');
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => `enqueue(${this.scope})`;
}

/** Starts an enqueue and crashes after `ticks` macrotasks, whether or not it finished. */
class EnqueueThenCrash implements Command {
  constructor(readonly scope: string, readonly ticks: number) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const note = reserveNote(model, this.scope);
    model.maybe.add(note);
    let resolved = false;
    // Not awaited after the crash: a dead instance's enqueue may never settle.
    void world.current.sdk.offline.enqueue('orders.createOrder', { body: orderBody(note) }, { scope: this.scope }).then(
      () => void (resolved = true),
      () => undefined,
    );
    for (let i = 0; i < this.ticks; i++) await new Promise((resolve) => setImmediate(resolve));
    const heardBack = resolved;
    world.restart();
    // Only a resolution heard before the crash counts as a promise made to the app.
    if (heardBack) {
      model.maybe.delete(note);
      model.confirmed.add(note);
    }
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => `enqueueThenCrash(${this.scope}, ${this.ticks} ticks)`;
}

/** Flips the connectivity switch. */
class SetOnline implements Command {
  constructor(readonly online: boolean) {}
  check = (model: Readonly<Model>) => model.online !== this.online;
  async run(model: Model, world: World): Promise<void> {
    model.online = this.online;
    world.connectivity.set(this.online);
    // A reconnect may start a replay on its own: let it get going before the next command.
    await sleep(1);
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => (this.online ? 'online' : 'offline');
}

/** The faults the server can inject into the next POST /orders. */
export const FAULTS: ReadonlyArray<Fault> = [
  { type: 'reset-before' },
  { type: 'reset-after' }, // applied, answer lost: the replay must reuse the key
  { type: 'status', status: 503 },
  { type: 'rate-limit', retryAfterMs: '5' },
  { type: 'rate-limit', status: 429, retryAfter: '0' },
  { type: 'latency', ms: 15 },
];

/** Arms one fault for the next `times` POST /orders. */
class ServerFault implements Command {
  constructor(readonly fault: Fault, readonly times: number) {}
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    world.server.faults.add({ method: 'POST', path: '/orders', times: this.times, fault: this.fault });
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => `fault(${JSON.stringify(this.fault)} ×${this.times})`;
}

/** A lost ack: the next send is applied but its answer dropped, then replayed with the same key. */
class DuplicateAck implements Command {
  check = (model: Readonly<Model>) => model.online;
  async run(model: Model, world: World): Promise<void> {
    world.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
    await within(world.current.sdk.offline.process(), 'process() after a lost ack');
    await sleep(3); // past a short backoff
    await within(world.current.sdk.offline.process(), 'process() replaying the lost ack');
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => 'duplicateAck';
}

/**
 * process(); while offline, it sends nothing. Checked only without autoProcess, where every
 * send happens inside an awaited process(), so a POST during this one can only be its own.
 */
class Process implements Command {
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    const before = posts(world);
    await within(world.current.sdk.offline.process(), 'process()');
    if (!model.online && !world.settings.autoProcess) assert.is(posts(world), before, 'process() while offline sends nothing');
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => 'process';
}

/** Drops the SDK without close() and starts a new one over the same storage. */
class CrashRestart implements Command {
  check = () => true;
  async run(model: Model, world: World): Promise<void> {
    world.restart();
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => 'crash';
}

/** Starts a replay and crashes after `ms`: a send may be applied without its ack being stored. */
class ProcessThenCrash implements Command {
  constructor(readonly ms: number) {}
  check = (model: Readonly<Model>) => model.online;
  async run(model: Model, world: World): Promise<void> {
    // The dead instance's process() never settles (its storage went silent): not awaited.
    void world.current.sdk.offline.process().catch(() => undefined);
    await sleep(this.ms);
    world.restart();
    checkSafety(world, model, `after ${this}`);
  }
  toString = () => `processThenCrash(${this.ms} ms)`;
}

/** Every command, weighted so enqueues and replays dominate and crashes stay frequent. */
export function commandArbitraries(): Array<fc.Arbitrary<Command>> {
  const scope = fc.constantFrom(...SCOPES);
  return [
    scope.map((s) => new Enqueue(s)),
    scope.map((s) => new Enqueue(s)),
    fc.tuple(scope, fc.integer({ min: 0, max: 4 })).map(([s, ticks]) => new EnqueueThenCrash(s, ticks)),
    fc.boolean().map((online) => new SetOnline(online)),
    fc.tuple(fc.constantFrom(...FAULTS), fc.integer({ min: 1, max: 3 })).map(([fault, times]) => new ServerFault(fault, times)),
    fc.constant(new DuplicateAck()),
    fc.constant(new Process()),
    fc.constant(new Process()),
    fc.constant(new CrashRestart()),
    fc.integer({ min: 0, max: 8 }).map((ms) => new ProcessThenCrash(ms)),
  ];
}
