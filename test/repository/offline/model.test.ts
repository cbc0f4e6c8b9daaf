/**
 * Model-based property test of the offline queue (issue #12): fast-check draws sequences of
 * enqueues, offline/online flips, server faults (reset before or after the handler, 503, 429,
 * latency), lost acks, process(), crashes with restart over the same storage, and crashes in
 * the middle of an enqueue or a replay, and runs them against the generated SDK and the
 * reference server. After every command: applied ⊆ enqueued, nothing applied twice, per-scope
 * order kept. After the run: on a healthy network, process() drains the queue and every
 * confirmed enqueue is applied exactly once.
 *
 * Seeded: OFFLINE_MODEL_SEED=<n> (and OFFLINE_MODEL_RUNS) replays or widens a run; a failure
 * prints fast-check's seed and shrunk path.
 */
import * as fc from 'fast-check';
import * as assert from 'uvu/assert';
import { serverSuite, whenRequested } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { createSdk, memoryStorage, memoryTokenStore, type Tokens } from '../../../generated/v1/index.js';
import { commandArbitraries } from './model/commands.js';
import { checkDrained } from './model/invariants.js';
import { emptyModel, orderBody } from './model/model.js';
import { createWorld, type World } from './model/world.js';

const SEED = Number(process.env['OFFLINE_MODEL_SEED'] ?? 1_212_012);
const RUNS = Number(process.env['OFFLINE_MODEL_RUNS'] ?? 30);

const test = serverSuite('offline queue: model-based property', { timeoutMs: 60_000 });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** On a healthy network, process() until nothing is pending (backoffs are milliseconds here). */
async function drain(world: World): Promise<{ pending: number; deadLetters: number }> {
  world.server.faults.clear();
  world.connectivity.set(true);
  const offline = world.current.sdk.offline;
  for (let pass = 0; pass < 200; pass++) {
    await within(offline.process(), `drain pass ${pass}`);
    if ((await offline.pending()).length === 0) break;
    await sleep(5);
  }
  return { pending: (await offline.pending()).length, deadLetters: (await offline.deadLetters()).length };
}

test('enqueue / offline / faults / crashes: applied once, in scope order, and drained', async ({ server }) => {
  const issued = server.tokens.issue('alice@example.com');
  const tokens: Tokens = { accessToken: issued.accessToken, refreshToken: issued.refreshToken, expiresAt: Date.now() + issued.expiresIn * 1000 };
  await fc.assert(
    fc.asyncProperty(fc.boolean(), fc.commands(commandArbitraries(), { maxCommands: 25 }), async (autoProcess, commands) => {
      server.reset();
      const model = emptyModel();
      const world = createWorld(server, { autoProcess }, tokens);
      try {
        await fc.asyncModelRun(() => ({ model, real: world }), commands);
        const left = await drain(world);
        checkDrained(world, model, left.pending, left.deadLetters);
      } finally {
        await world.shutdown();
      }
    }),
    { seed: SEED, numRuns: RUNS, verbose: 1, includeErrorInReport: true },
  );
});

// Found by the property test: a pass that a backoff timer started had no one to catch its
// storage failure, so it surfaced as an unhandled rejection (which ends a Node process).
test('a storage failure in a pass started by a backoff timer reaches onError, never an unhandled rejection', async ({ server }) => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const disk = memoryStorage();
    let broken = false;
    const storage = { ...disk, getAllKeys: () => (broken ? Promise.reject(new Error('disk gone')) : disk.getAllKeys()) };
    const reported: unknown[] = [];
    const sdk = createSdk({
      baseUrl: server.url, logLevel: 'off', retry: false,
      auth: { tokenStore: memoryTokenStore({ accessToken: server.tokens.issue('alice@example.com').accessToken }) },
      offline: { storage, backoff: { baseMs: 200, maxMs: 200 }, onError: (error) => void reported.push(error) },
    });
    server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 503 } });
    await sdk.offline.enqueue('orders.createOrder', { body: orderBody('timer') });
    await whenRequested(server, (r) => r.method === 'POST' && r.path === '/orders');
    // The 503 is written back as a backoff (notBefore): from then on only the timer replays.
    const backedOff = async () => ((await disk.getItem((await disk.getAllKeys()).find((k) => k.includes('.q.')) ?? '')) ?? '').includes('notBefore');
    for (let polls = 0; !(await backedOff()); polls++) {
      assert.ok(polls < 2_500, 'the 503 was never written back as a backoff');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    broken = true;
    await until(() => reported.some((error) => error instanceof Error && error.message === 'disk gone'), 'the timer pass reporting the storage failure');
    // An unhandled rejection is only counted after the turn that created it.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(unhandled, [], 'no unhandled rejection');
    await sdk.offline.close();
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test.run();
