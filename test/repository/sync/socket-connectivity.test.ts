/**
 * createSocketSync follows connectivity like the SSE stream: going offline lets the open socket
 * go at once (the server sees a 1000 'offline' close; no error, no failure counted, no timer),
 * nothing is attempted while offline, and the return online reconnects at once, resubscribes
 * and fills the gap with one pull. A backoff wait is cut short by the return; a server's 1013
 * wait is not. Against test/server's /ws; the socket's timers move only when the test says so.
 */
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { serverSuite } from '../../helpers/server-suite.js';
import { SEED_ADDRESS } from '../../server/store.js';
import { manualConnectivity, manualForeground, memoryStorage } from '../../../generated/v1/index.js';
import { createSocketSync, createSync, type Sync, type SyncPull, type WebSocketConstructor } from '../../../src/repository/sync/index.js';
import { serverRetryDelayMs } from '../../../src/repository/sync/socket-close.js';
import { localTable, manualScheduler, serverSnapshot, shopFeed, shopSdk, until } from './helpers.js';
import type { Order, TestServer } from '../../server/index.js';

const test = serverSuite('sync: the WebSocket follows connectivity');

function setup(server: TestServer, extra: { online?: boolean; token?: () => string | Promise<string>; pull?: (feed: SyncPull<Order>) => SyncPull<Order> } = {}) {
  const table = localTable();
  // The SDK under the pull has no adapter: only the socket is told the device is offline, so
  // what is measured is the socket's behaviour, not the pull failing.
  const feed = shopFeed(shopSdk(server));
  const sync = createSync({ pull: extra.pull?.(feed) ?? feed, apply: table.apply, storage: memoryStorage() });
  const connectivity = manualConnectivity(extra.online ?? true);
  const foreground = manualForeground(true);
  const clock = manualScheduler();
  const errors: unknown[] = [];
  const token = () => server.tokens.issue('alice@example.com').accessToken;
  const socket = createSocketSync({
    url: server.url.replace('http', 'ws') + '/ws',
    sync,
    token: extra.token ?? token,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    connectivity,
    foreground,
    scheduler: clock.scheduler,
    onError: (error) => errors.push(error),
  });
  const pulls = () => server.requests.filter((r) => r.path === '/sync').length;
  return { table, sync, socket, connectivity, foreground, clock, errors, pulls };
}

const idle = async (sync: Sync) => {
  await until(() => !sync.running, 'the run to end');
  await new Promise((r) => setImmediate(r));
};

/** How many batches upserted `id`: the "exactly once" of a change reaching the app. */
const appliedTimes = (table: ReturnType<typeof localTable>, id: string) => table.batches.filter((b) => b.upserts.some((o) => o.id === id)).length;

const newOrder = (server: TestServer) => server.store.createOrder(server.seed.alice.id, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: SEED_ADDRESS });

test('offline cuts the open socket at once (the server sees the close), no attempts while offline; back online reconnects at once and one pull fills the gap', async (ctx) => {
  const { table, sync, socket, connectivity, clock, errors, pulls } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  const closesBefore = ctx.server.ws.closes.length;
  const acceptedBefore = ctx.server.ws.accepted;

  connectivity.set(false);
  assert.is(socket.state, 'waiting', 'let go at once, not when the heartbeat gives up');
  assert.equal(clock.pending(), [], 'offline: no heartbeat, no reconnect timer');
  await until(() => ctx.server.ws.closes.length === closesBefore + 1 && ctx.server.ws.size === 0, 'the server to see the close');
  assert.equal(ctx.server.ws.closes.at(-1), { code: 1000, reason: 'offline' });

  const missed = newOrder(ctx.server);
  await clock.advance(3_600_000, () => idle(sync));
  assert.is(ctx.server.ws.accepted, acceptedBefore, 'an hour offline: no connection attempted');
  assert.is(socket.connects, 1);
  const pullsBefore = pulls();

  connectivity.set(true);
  assert.is(socket.state, 'connecting', 'back online: a reconnect at once, no backoff wait');
  await until(() => socket.state === 'open' && table.rows.has(missed.id), 'the reconnect and the pull');
  await idle(sync);
  assert.is(socket.connects, 2);
  assert.is(pulls(), pullsBefore + 1, 'one pull fills the gap');
  assert.is(appliedTimes(table, missed.id), 1, 'the change made offline reaches apply exactly once');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  assert.equal(errors, [], 'going offline is no error');

  // Resubscribed: a change now is pushed on the new socket.
  const live = newOrder(ctx.server);
  await until(() => table.rows.has(live.id), 'the change pushed after the reconnect');
  socket.stop();
});

test('repeated blips: each one cuts and reconnects, every change is applied once, and a burst of blips leaves one socket and one pull', async (ctx) => {
  const { table, sync, socket, connectivity, clock, errors, pulls } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  const made: string[] = [];
  for (let blip = 1; blip <= 3; blip++) {
    connectivity.set(false);
    assert.is(socket.state, 'waiting');
    made.push(newOrder(ctx.server).id);
    connectivity.set(true);
    await until(() => socket.state === 'open' && socket.connects === blip + 1, `reconnect ${blip}`);
    await until(() => made.every((id) => table.rows.has(id)), `the gap of blip ${blip}`);
    await idle(sync);
  }
  for (const id of made) assert.is(appliedTimes(table, id), 1, `${id} applied once`);

  // Five blips in one go: each abandons the attempt before it, so only the last one connects.
  const pullsBefore = pulls();
  const acceptedBefore = ctx.server.ws.accepted;
  for (let i = 0; i < 5; i++) {
    connectivity.set(false);
    connectivity.set(true);
  }
  await until(() => socket.state === 'open' && ctx.server.ws.size === 1, 'the one socket left');
  await idle(sync);
  // Each attempt but the last was abandoned while its token was read: no socket made for them.
  assert.is(socket.connects, 4 + 1);
  assert.is(ctx.server.ws.accepted, acceptedBefore + 1, 'one connection reached the server');
  assert.is(ctx.server.ws.size, 1, 'no abandoned attempt opened a second socket');
  assert.is(pulls(), pullsBefore + 1, 'one ready, one pull');
  assert.equal(clock.pending().length, 2, 'only the open socket\'s ping and dead-link timers: no backoff armed');
  assert.equal(errors, []);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  socket.stop();
});

test('reconnects during a running pull add one follow-up pull, shared by all of them (never one per reconnect, never two at once)', async (ctx) => {
  // A pull held before its request until the test opens the gate: "already running", without timing.
  let gate: Promise<void> | undefined;
  let open: (() => void) | undefined;
  let inFlight = 0;
  let most = 0;
  const held = (feed: SyncPull<Order>): SyncPull<Order> => async (args) => {
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      await gate;
      return await feed(args);
    } finally {
      inFlight--;
    }
  };
  const { table, sync, socket, connectivity, pulls } = setup(ctx.server, { pull: held });
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  gate = new Promise<void>((resolve) => (open = resolve));
  const before = pulls();
  const poked = newOrder(ctx.server);
  await until(() => sync.running, 'the poke to start a pull');
  const made: string[] = [];
  for (let blip = 1; blip <= 3; blip++) {
    connectivity.set(false);
    made.push(newOrder(ctx.server).id);
    connectivity.set(true);
    await until(() => socket.state === 'open' && socket.connects === blip + 1, `reconnect ${blip}`);
  }
  open!();
  await until(() => [poked.id, ...made].every((id) => table.rows.has(id)), 'every change');
  await idle(sync);
  assert.is(pulls(), before + 2, 'the running pull and one follow-up for three reconnects');
  assert.is(most, 1, 'never two pulls at once');
  for (const id of [poked.id, ...made]) assert.is(appliedTimes(table, id), 1, `${id} applied once`);
  socket.stop();
});

test('a backoff wait after a server drop is dropped offline and cut short by coming back online', async (ctx) => {
  const { table, sync, socket, connectivity, clock, errors } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  ctx.server.ws.dropAll();
  await until(() => socket.state === 'waiting', 'the drop');
  assert.is(clock.pending().length, 1, 'online: a backoff wait');
  const missed = newOrder(ctx.server);

  connectivity.set(false);
  assert.equal(clock.pending(), [], 'offline: the wait is dropped, nothing will fire');
  const accepted = ctx.server.ws.accepted;
  await clock.advance(600_000, () => idle(sync));
  assert.is(ctx.server.ws.accepted, accepted, 'no attempt while offline');

  connectivity.set(true);
  await until(() => socket.state === 'open' && socket.connects === 2 && table.rows.has(missed.id), 'the reconnect at once');
  await idle(sync);
  assert.is(appliedTimes(table, missed.id), 1);
  assert.equal(errors, []);
  socket.stop();
});

test('offline while connecting: the attempt is abandoned (no socket opened after its token arrives), and the start offline attempts nothing', async (ctx) => {
  let release: ((token: string) => void) | undefined;
  const slowToken = () => new Promise<string>((resolve) => (release = resolve));
  const { socket, connectivity, table, sync } = setup(ctx.server, { token: slowToken });
  await until(() => release !== undefined, 'the token to be asked for');
  assert.is(socket.state, 'connecting');
  connectivity.set(false);
  assert.is(socket.state, 'waiting');
  release!(ctx.server.tokens.issue('alice@example.com').accessToken);
  release = undefined;
  await new Promise((r) => setTimeout(r, 20));
  assert.is(socket.connects, 0, 'the late token opened nothing');
  connectivity.set(true);
  await until(() => release !== undefined, 'a fresh token asked for at once');
  release!(ctx.server.tokens.issue('alice@example.com').accessToken);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'connected');
  assert.is(socket.connects, 1);
  socket.stop();

  const offline = setup(ctx.server, { online: false });
  assert.is(offline.socket.state, 'waiting', 'created offline: no attempt');
  assert.is(offline.socket.connects, 0);
  offline.connectivity.set(true);
  await until(() => offline.socket.state === 'open', 'the connect when online');
  offline.socket.stop();
});

test("a server's 1013 wait is kept: neither coming back online nor to the front shortens it; it is capped by backoff.maxMs", async (ctx) => {
  ctx.server.ws.refuse = { code: 1013, reason: '30' };
  const { socket, connectivity, foreground, clock, table } = setup(ctx.server);
  await until(() => socket.state === 'waiting' && socket.connects === 1, 'the refusal');
  assert.equal(clock.pending(), [30_000], 'the server asked for 30 s');
  ctx.server.ws.refuse = undefined;
  connectivity.set(false);
  assert.equal(clock.pending(), [30_000], 'kept while offline');
  connectivity.set(true);
  foreground.set(false);
  foreground.set(true);
  await new Promise((r) => setTimeout(r, 20));
  assert.is(socket.connects, 1, 'not shortened by the return');
  await clock.advance(29_999, () => Promise.resolve());
  assert.is(socket.connects, 1);
  await clock.advance(1, () => Promise.resolve());
  await until(() => socket.state === 'open' && table.rows.size === 5, 'the reconnect after the wait');
  assert.is(socket.connects, 2);
  socket.stop();

  ctx.server.ws.refuse = { code: 1013, reason: '86400' };
  const capped = setup(ctx.server);
  await until(() => capped.socket.state === 'waiting' && capped.socket.connects === 1, 'the second refusal');
  assert.equal(capped.clock.pending(), [60_000], 'a day asked, a minute (backoff.maxMs) waited');
  capped.socket.stop();
});

test('only a 1013 close with whole seconds is a server wait; anything else is an ordinary failure', () => {
  assert.is(serverRetryDelayMs({ code: 1013, reason: '30' }), 30_000);
  assert.is(serverRetryDelayMs({ code: 1013, reason: ' 0 ' }), 0);
  for (const event of [{ code: 1013, reason: '' }, { code: 1013, reason: '1.5' }, { code: 1013, reason: '-3' }, { code: 1013, reason: 'soon' }, { code: 1013 }, { code: 1011, reason: '30' }, { code: 4401, reason: '30' }]) {
    assert.is(serverRetryDelayMs(event), undefined, JSON.stringify(event));
  }
  assert.is(serverRetryDelayMs(undefined), undefined);
});

test.run();
