/**
 * The processor lock's storage lease with a hand-driven clock (every wait visible, ended by
 * the test), over memory storage seen through separate adapter objects, as two processes see
 * one store; its Web Locks path over an in-test LockManager with the ifAvailable semantics.
 * The cross-process proof is lease-process.test.ts; the real-browser one is the browser suite's.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { createProcessorLock, type LockManagerLike } from '../../../src/repository/offline/lease.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import type { StorageAdapter } from '../../../src/platform/storage/types.js';
import type { Clock } from '../../../src/platform/clock.js';

interface Wait {
  readonly ms: number;
  ended: boolean;
  readonly signal: AbortSignal | undefined;
  end(): void;
}

interface HandClock extends Pick<Clock, 'now' | 'sleep'> {
  time: number;
  readonly waits: Wait[];
  /** Waits neither ended nor aborted (of `ms` when given). */
  pending(ms?: number): Wait[];
}

/** A clock whose time the test sets and whose sleeps last until the test ends them (or they are aborted). */
function handClock(start = 1_000_000): HandClock {
  const waits: Wait[] = [];
  const clock: HandClock = {
    time: start,
    waits,
    now: () => clock.time,
    pending: (ms?: number) => waits.filter((wait) => !wait.ended && !wait.signal?.aborted && (ms === undefined || wait.ms === ms)),
    sleep(ms: number, signal?: AbortSignal) {
      return new Promise<void>((resolve) => {
        const wait: Wait = { ms, ended: false, signal, end: () => ((wait.ended = true), resolve()) };
        signal?.addEventListener('abort', () => resolve(), { once: true });
        waits.push(wait);
      });
    },
  };
  return clock;
}

/**
 * Lets pending storage calls, promise chains and zero-delay timers run (the lock yields the
 * event loop a turn between renewals): timers fire in order, so each round's timer runs after
 * any zero-delay timer scheduled before it.
 */
const settle = async (rounds = 5) => {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
};

/** Another adapter object over the same entries: what a second process opening the same store gets. */
const view = (storage: StorageAdapter): StorageAdapter => ({
  getItem: (key) => storage.getItem(key),
  setItem: (key, value) => storage.setItem(key, value),
  removeItem: (key) => storage.removeItem(key),
  getAllKeys: () => storage.getAllKeys(),
});

/** A task that runs until the test lets it finish. */
function heldTask() {
  let finish: () => void = () => {};
  let started = false;
  let signal: AbortSignal | undefined;
  const task = (lease: { signal: AbortSignal }) =>
    new Promise<string>((resolve) => {
      started = true;
      signal = lease.signal;
      finish = () => resolve('done');
    });
  return { task, finish: () => finish(), started: () => started, signal: () => signal };
}

const NAME = 'tether.offline.shop';
const KEY = `${NAME}.lease`;
const TTL = 30_000;

const test = suite('processor lock: storage lease');

test('a second lock on the same store does not run while the first holds it, and runs after release', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  const first = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, locks: null });
  const second = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, locks: null });
  const held = heldTask();
  const running = first.tryRun(held.task);
  await settle();
  assert.ok(held.started());
  let ran = false;
  assert.equal(await second.tryRun(async () => void (ran = true)), { ran: false });
  assert.is(ran, false);
  held.finish();
  assert.equal(await running, { ran: true, value: 'done' });
  assert.is(await shared.getItem(KEY), null, 'released: the record is gone');
  assert.equal(await second.tryRun(async () => 42), { ran: true, value: 42 });
});

test('a record left by a dead holder blocks until it expires, then the lock takes it over', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  await shared.setItem(KEY, JSON.stringify({ holder: 'killed-process', until: clock.now() + TTL }));
  const lock = createProcessorLock({ name: NAME, storage: shared, clock, settleMs: 0, locks: null });
  assert.equal(await lock.tryRun(async () => 1), { ran: false });
  clock.time += TTL - 1;
  assert.equal(await lock.tryRun(async () => 1), { ran: false });
  clock.time += 1;
  assert.equal(await lock.tryRun(async () => 2), { ran: true, value: 2 });
});

test('a record that is already ours (a restart with a stable holder) is taken at once', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  await shared.setItem(KEY, JSON.stringify({ holder: 'app-1', until: clock.now() + TTL }));
  const lock = createProcessorLock({ name: NAME, storage: shared, clock, settleMs: 0, holder: 'app-1', locks: null });
  assert.equal(await lock.tryRun(async () => 'mine'), { ran: true, value: 'mine' });
});

test('a corrupt record counts as absent and is overwritten', async () => {
  for (const corrupt of ['{not json', '"a string"', 'null', JSON.stringify({ holder: 7, until: 'later' }), JSON.stringify({ holder: 'x' })]) {
    const shared = memoryStorage();
    const clock = handClock();
    await shared.setItem(KEY, corrupt);
    const lock = createProcessorLock({ name: NAME, storage: shared, clock, settleMs: 0, holder: 'me', locks: null });
    const seen: Array<string | null> = [];
    const outcome = await lock.tryRun(async () => void seen.push(await shared.getItem(KEY)));
    assert.equal(outcome, { ran: true, value: undefined }, corrupt);
    assert.equal(JSON.parse(seen[0]!), { holder: 'me', until: clock.now() + TTL }, corrupt);
  }
});

test('two contenders that both found the store free: only the one whose write landed last runs', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  const settleMs = 50;
  const a = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs, holder: 'a', locks: null });
  const b = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs, holder: 'b', locks: null });
  const ran: string[] = [];
  const tryA = a.tryRun(async () => void ran.push('a'));
  const tryB = b.tryRun(async () => void ran.push('b'));
  await settle();
  assert.is(clock.pending(settleMs).length, 2, 'both wrote and are waiting to read back');
  assert.is(JSON.parse((await shared.getItem(KEY))!).holder, 'b');
  for (const wait of clock.pending(settleMs)) wait.end();
  const outcomes = await Promise.all([tryA, tryB]);
  assert.equal(outcomes, [{ ran: false }, { ran: true, value: undefined }]);
  assert.equal(ran, ['b']);
});

test('the holder renews every ttl/3, so a long task keeps the lease past its first expiry', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  const holder = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, locks: null });
  const other = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, locks: null });
  const held = heldTask();
  const running = holder.tryRun(held.task);
  await settle();
  for (let round = 1; round <= 4; round++) {
    const [renewal] = clock.pending(TTL / 3);
    assert.ok(renewal, `renewal ${round} is scheduled`);
    clock.time += TTL / 3;
    renewal.end();
    await settle();
    assert.is(JSON.parse((await shared.getItem(KEY))!).until, clock.now() + TTL, `renewed in round ${round}`);
  }
  assert.equal(await other.tryRun(async () => 1), { ran: false }, 'past the first record\'s expiry, still held');
  held.finish();
  await running;
  assert.equal(clock.pending(), [], 'no renewal wait left behind');
  assert.equal(await other.tryRun(async () => 1), { ran: true, value: 1 });
});

test('a holder that stalled past its ttl and was taken over: its signal aborts and it does not remove the new record', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  const stalled = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, locks: null });
  const held = heldTask();
  const running = stalled.tryRun(held.task);
  await settle();
  clock.time += TTL;
  const successor = createProcessorLock({ name: NAME, storage: view(shared), clock, settleMs: 0, holder: 'successor', locks: null });
  const successorHeld = heldTask();
  const successorRun = successor.tryRun(successorHeld.task);
  await settle();
  assert.ok(successorHeld.started());
  clock.pending(TTL / 3)[0]!.end();
  await settle();
  assert.ok(held.signal()?.aborted, 'the stalled holder learns it lost the lease');
  held.finish();
  await running;
  assert.is(JSON.parse((await shared.getItem(KEY))!).holder, 'successor');
  successorHeld.finish();
  await successorRun;
  assert.is(await shared.getItem(KEY), null);
});

test('a clock whose sleep resolves at once (a retry test\'s instant clock) does not make renewal spin and starve the task', async () => {
  const shared = memoryStorage();
  let writes = 0;
  const counting: StorageAdapter = { ...view(shared), setItem: (key, value) => ((writes += 1), shared.setItem(key, value)) };
  const instant = { now: () => 1_000_000, sleep: async () => {} };
  const lock = createProcessorLock({ name: NAME, storage: counting, clock: instant, settleMs: 0, locks: null });
  // The task needs the event loop (a real timer), which a renewal spin of promise callbacks would starve.
  const outcome = await lock.tryRun(() => new Promise<string>((resolve) => setTimeout(() => resolve('finished'), 20)));
  assert.equal(outcome, { ran: true, value: 'finished' });
  assert.is(writes, 1, 'only the acquiring write: no renewal while the clock\'s time stood still');
});

test('a failing task rejects with its own error and releases the lease', async () => {
  const shared = memoryStorage();
  const lock = createProcessorLock({ name: NAME, storage: shared, clock: handClock(), settleMs: 0, locks: null });
  const boom = new Error('replay failed');
  try {
    await lock.tryRun(async () => {
      throw boom;
    });
    assert.unreachable('should reject');
  } catch (error) {
    assert.is(error, boom);
  }
  assert.is(await shared.getItem(KEY), null);
  assert.equal(await lock.tryRun(async () => 'again'), { ran: true, value: 'again' });
});

test('in one realm, locks over the same storage object are exclusive without touching the record; other names are independent', async () => {
  const shared = memoryStorage();
  const clock = handClock();
  const one = createProcessorLock({ name: NAME, storage: shared, clock, settleMs: 0, holder: 'same', locks: null });
  const two = createProcessorLock({ name: NAME, storage: shared, clock, settleMs: 0, holder: 'same', locks: null });
  const elsewhere = createProcessorLock({ name: 'tether.offline.other', storage: shared, clock, settleMs: 0, locks: null });
  const held = heldTask();
  const running = one.tryRun(held.task);
  await settle();
  assert.equal(await two.tryRun(async () => 1), { ran: false }, 'same holder id, still exclusive');
  assert.equal(await one.tryRun(async () => 1), { ran: false }, 'not re-entrant');
  assert.equal(await elsewhere.tryRun(async () => 3), { ran: true, value: 3 });
  held.finish();
  await running;
});

/** The Web Locks API's ifAvailable semantics: the callback gets null when the name is held. */
function lockManager(): LockManagerLike & { requests: string[] } {
  const held = new Set<string>();
  return {
    requests: [],
    async request(name, _options, callback) {
      this.requests.push(name);
      if (held.has(name)) return callback(null);
      held.add(name);
      try {
        return await callback({ name, mode: 'exclusive' });
      } finally {
        held.delete(name);
      }
    },
  };
}

const web = suite('processor lock: web locks');

web('with Web Locks the lock is requested by name and no lease record is written; a held name does not run', async () => {
  const locks = lockManager();
  const storageA = memoryStorage();
  const storageB = memoryStorage();
  const first = createProcessorLock({ name: NAME, storage: storageA, clock: handClock(), locks });
  const second = createProcessorLock({ name: NAME, storage: storageB, clock: handClock(), locks });
  const held = heldTask();
  const running = first.tryRun(held.task);
  await settle();
  assert.equal(await second.tryRun(async () => 1), { ran: false });
  assert.equal(await storageA.getAllKeys(), []);
  held.finish();
  assert.equal(await running, { ran: true, value: 'done' });
  assert.equal(await second.tryRun(async () => 2), { ran: true, value: 2 });
  assert.equal(locks.requests, [NAME, NAME, NAME]);
});

web('Web Locks that refuse to work here (SecurityError before the callback) fall back to the storage lease; a task error is not mistaken for that', async () => {
  const storage = memoryStorage();
  const refusing: LockManagerLike = {
    request: async () => {
      throw new DOMException('The request was denied.', 'SecurityError');
    },
  };
  const lock = createProcessorLock({ name: NAME, storage, clock: handClock(), settleMs: 0, locks: refusing });
  const seen: Array<string | null> = [];
  assert.equal(await lock.tryRun(async () => void seen.push(await storage.getItem(KEY))), { ran: true, value: undefined });
  assert.ok(seen[0]?.includes('"holder"'), 'ran under the storage lease');
  const boom = new Error('replay failed');
  const granting = createProcessorLock({ name: NAME, storage, clock: handClock(), settleMs: 0, locks: lockManager() });
  try {
    await granting.tryRun(async () => {
      throw boom;
    });
    assert.unreachable('should reject');
  } catch (error) {
    assert.is(error, boom);
  }
});

web('navigator.locks is looked up per call, so a LockManager installed later is used', async () => {
  const locks = lockManager();
  const storage = memoryStorage();
  const lock = createProcessorLock({ name: NAME, storage, clock: handClock(), settleMs: 0 });
  assert.equal(await lock.tryRun(async () => 1), { ran: true, value: 1 });
  assert.equal(locks.requests, []);
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true, writable: true });
  try {
    assert.equal(await lock.tryRun(async () => 2), { ran: true, value: 2 });
    assert.equal(locks.requests, [NAME]);
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
});

test.run();
web.run();
