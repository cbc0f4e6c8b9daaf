/**
 * A poller or socket over a sync built on the SDK follows the SDK's connectivity and foreground
 * without the app passing them again: the generated createSyncForGetSync(sdk, …) carries them
 * (sdk-signals.ts), createPoller(sync) and createSocketSync({ sync }) read them, and explicit
 * options still win. Against test/server; time moves only when the test says so.
 */
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { serverSuite } from '../../helpers/server-suite.js';
import { createSdk, createSyncForGetSync, manualConnectivity, manualForeground, memoryStorage, memoryTokenStore } from '../../../generated/v1/index.js';
import { createPoller, createSocketSync, createSync, type Sync, type WebSocketConstructor } from '../../../src/repository/sync/index.js';
import { localTable, manualScheduler, shopFeed, until } from './helpers.js';
import type { TestServer } from '../../server/index.js';

const test = serverSuite('sync: pollers and sockets follow the SDK\'s connectivity and foreground');

function setup(server: TestServer) {
  const connectivity = manualConnectivity(true);
  const foreground = manualForeground(true);
  const sdk = createSdk({
    baseUrl: server.url, auth: { tokenStore: memoryTokenStore(server.tokens.issue('alice@example.com')) },
    logLevel: 'off', retry: { maxRetries: 0 }, connectivity, foreground,
  });
  const table = localTable();
  const sync = createSyncForGetSync(sdk, { apply: table.apply, storage: memoryStorage() });
  const pulls = () => server.requests.filter((r) => r.path === '/sync').length;
  return { sdk, connectivity, foreground, sync, table, pulls };
}

const idle = async (sync: Sync) => {
  await until(() => !sync.running, 'the run to end');
  await new Promise((r) => setImmediate(r));
};

test("the generated sync carries the SDK's adapters; createPoller(sync) pauses and resumes by them", async (ctx) => {
  const { connectivity, foreground, sync, pulls } = setup(ctx.server);
  assert.is(sync.connectivity, connectivity);
  assert.is(sync.foreground, foreground);
  const clock = manualScheduler();
  const poller = createPoller(sync, { intervalMs: 60_000, scheduler: clock.scheduler });
  await idle(sync);
  assert.is(pulls(), 1);
  connectivity.set(false);
  assert.is(poller.state, 'paused');
  assert.equal(clock.pending(), [], 'no timer while the SDK says offline');
  await clock.advance(3_600_000, () => idle(sync));
  assert.is(pulls(), 1, 'an hour offline: no request');
  connectivity.set(true);
  await idle(sync);
  assert.is(pulls(), 2, 'back online: a run at once');
  foreground.set(false);
  assert.is(poller.state, 'paused');
  await clock.advance(600_000, () => idle(sync));
  assert.is(pulls(), 2, 'background: no request');
  foreground.set(true);
  await idle(sync);
  assert.is(pulls(), 3, 'back in front: a run at once');
  poller.stop();
});

test("explicit adapters win: the poller's over the sync's, createSync's over the SDK's", async (ctx) => {
  const { connectivity, sync, pulls, sdk } = setup(ctx.server);
  connectivity.set(false);
  const clock = manualScheduler();
  const poller = createPoller(sync, { scheduler: clock.scheduler, connectivity: manualConnectivity(true) });
  await idle(sync);
  assert.is(pulls(), 1, "the poller's own adapter says online");
  assert.is(poller.state, 'running');
  poller.stop();
  const own = manualConnectivity(true);
  const explicit = createSyncForGetSync(sdk, { apply: () => undefined, storage: memoryStorage(), connectivity: own });
  assert.is(explicit.connectivity, own);
  // A hand-written pull carries no SDK: the sync follows nothing unless told.
  const plain = createSync({ pull: async () => ({ upserts: [], deletes: [], nextCursor: 'c', hasMore: false }), apply: () => undefined, storage: memoryStorage() });
  assert.is(plain.connectivity, undefined);
  assert.is(plain.foreground, undefined);
  // A feed over the SDK's method carries them too (operationFeed, not only the generated factory).
  const fed = createSync({ pull: shopFeed(sdk), apply: () => undefined, storage: memoryStorage() });
  assert.is(fed.connectivity, connectivity);
});

test("createSocketSync({ sync }): no reconnect while the SDK says offline, one at once when online or back in front", async (ctx) => {
  const { connectivity, foreground, sync, table } = setup(ctx.server);
  // A backoff that never ends by itself: only the adapters can bring the socket back.
  const clock = manualScheduler();
  const socket = createSocketSync({
    url: ctx.server.url.replace('http', 'ws') + '/ws',
    sync,
    token: () => ctx.server.tokens.issue('alice@example.com').accessToken,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    scheduler: clock.scheduler,
  });
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');

  connectivity.set(false);
  ctx.server.ws.dropAll();
  await until(() => socket.state === 'waiting', 'the socket to notice the drop');
  assert.is(socket.connects, 1);
  assert.equal(clock.pending(), [], 'offline: no reconnect timer (and no heartbeat)');
  connectivity.set(true);
  await until(() => socket.state === 'open' && socket.connects === 2, 'reconnect on the SDK going online');

  // Dropped while online: a backoff timer is set, which the test never lets fire.
  ctx.server.ws.dropAll();
  await until(() => socket.state === 'waiting', 'the second drop');
  assert.is(socket.connects, 2);
  assert.is(clock.pending().length, 1, 'online: one backoff timer, never fired here');
  foreground.set(false);
  assert.is(socket.state, 'waiting', 'going to the background does not reconnect');
  foreground.set(true);
  await until(() => socket.state === 'open' && socket.connects === 3, 'reconnect on the app coming back in front');
  socket.stop();
  await until(() => ctx.server.ws.size === 0, 'the close');
});

test.run();
