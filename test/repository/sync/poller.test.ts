/**
 * createPoller over GET /sync with a hand-moved scheduler: the interval, pausing offline and in
 * the background with an immediate run on return, exponential backoff on 5xx, Retry-After, and
 * syncNow joining a run under way. Time only moves when the test says so.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { memoryStorage } from '../../../generated/v1/index.js';
import { createPoller, createSync, type Sync } from '../../../src/repository/sync/index.js';
import { localTable, manualScheduler, shopFeed, shopSdk, switchable, until } from './helpers.js';
import type { TestServer } from '../../server/index.js';

const test = serverSuite('sync: polling');

function setup(server: TestServer) {
  const table = localTable();
  const sync = createSync({ pull: shopFeed(shopSdk(server)), apply: table.apply, storage: memoryStorage() });
  const clock = manualScheduler();
  const pulls = () => server.requests.filter((r) => r.path === '/sync').length;
  // A run goes over real loopback: wait for it to end and for the poller to schedule the next.
  const settle = async () => {
    await until(() => !sync.running, 'the run to end');
    await new Promise((r) => setImmediate(r));
  };
  return { table, sync, clock, pulls, settle };
}

const waitIdle = async (sync: Sync) => {
  await until(() => !sync.running, 'the run to end');
  await new Promise((r) => setImmediate(r));
};

test('runs at once, then every interval (jitter drawn from the scheduler)', async (ctx) => {
  const { sync, clock, pulls, settle, table } = setup(ctx.server);
  const poller = createPoller(sync, { intervalMs: 60_000, jitter: 0.2, scheduler: clock.scheduler });
  await waitIdle(sync);
  assert.is(pulls(), 1);
  assert.is(table.rows.size, 5);
  assert.equal(clock.pending(), [60_000], 'random 0.5 is the middle of the ±20 % window');
  await clock.advance(59_999, settle);
  assert.is(pulls(), 1);
  await clock.advance(1, settle);
  assert.is(pulls(), 2);
  poller.stop();
  assert.equal(clock.pending(), []);
  assert.is(poller.state, 'stopped');
});

test('paused offline and in the background; back in front and online → an immediate run', async (ctx) => {
  const { sync, clock, pulls, settle } = setup(ctx.server);
  const online = switchable(true);
  const front = switchable(true);
  const poller = createPoller(sync, {
    intervalMs: 60_000, scheduler: clock.scheduler,
    connectivity: { isOnline: online.get, subscribe: online.subscribe },
    foreground: { isForeground: front.get, subscribe: front.subscribe },
  });
  await waitIdle(sync);
  online.set(false);
  assert.is(poller.state, 'paused');
  assert.equal(clock.pending(), [], 'no timer while offline');
  await clock.advance(3_600_000, settle);
  assert.is(pulls(), 1, 'an hour offline: no request');
  online.set(true);
  await waitIdle(sync);
  assert.is(pulls(), 2, 'reconnect: a run at once');
  front.set(false);
  await clock.advance(600_000, settle);
  assert.is(pulls(), 2, 'background: no request');
  front.set(true);
  await waitIdle(sync);
  assert.is(pulls(), 3);
  poller.stop();
});

test('5xx: exponential backoff, then the interval again after a success', async (ctx) => {
  const { sync, clock, pulls, settle } = setup(ctx.server);
  ctx.server.faults.add({ method: 'GET', path: '/sync', times: 3, fault: { type: 'status', status: 503 } });
  const errors: unknown[] = [];
  const poller = createPoller(sync, { intervalMs: 60_000, backoff: { baseMs: 1_000, maxMs: 300_000 }, scheduler: clock.scheduler, onError: (e) => errors.push(e) });
  await waitIdle(sync);
  const delays: number[] = [];
  for (let i = 0; i < 3; i++) {
    delays.push(clock.pending()[0]!);
    await clock.advance(delays[i]!, settle);
  }
  assert.is(errors.length, 3);
  assert.is(pulls(), 4);
  assert.equal(delays, [550, 1_100, 2_200], 'doubling (full jitter at 0.5: 0.1 + 0.9·0.5 of the ceiling)');
  assert.is(poller.failures, 0);
  assert.equal(clock.pending(), [60_000]);
  poller.stop();
});

test("Retry-After is obeyed when longer than the backoff, and capped", async (ctx) => {
  const { sync, clock, pulls, settle } = setup(ctx.server);
  ctx.server.faults.add({ method: 'GET', path: '/sync', times: 2, fault: { type: 'rate-limit', retryAfter: '120' } });
  const poller = createPoller(sync, { scheduler: clock.scheduler, maxRetryAfterMs: 100_000, onError: () => undefined });
  await waitIdle(sync);
  assert.equal(clock.pending(), [100_000], 'Retry-After 120 s, capped at 100 s');
  await clock.advance(100_000, settle);
  assert.is(pulls(), 2);
  poller.stop();
  const again = createPoller(sync, { scheduler: clock.scheduler, onError: () => undefined });
  await waitIdle(sync);
  assert.is(pulls(), 3);
  again.stop();
});

test('syncNow during a run joins it: never two runs at once', async (ctx) => {
  const { sync, clock, pulls } = setup(ctx.server);
  ctx.server.faults.add({ method: 'GET', path: '/sync', fault: { type: 'latency', ms: 100 } });
  const poller = createPoller(sync, { scheduler: clock.scheduler });
  const a = poller.syncNow();
  const b = poller.syncNow();
  assert.is(a, b);
  await a;
  await waitIdle(sync);
  assert.is(pulls(), 1);
  poller.stop();
});

test.run();
