/**
 * createSocketSync against test/server's /ws (the `ws` package as the platform WebSocket):
 * first-message auth, a poke per change pulls it, a dropped server connection is replaced and
 * the gap filled by one pull, a silent (half-dead) link is detected by the heartbeat and a link
 * dead both ways is replaced without waiting for its close handshake, a bad token is refused,
 * and hostile messages are reported without effect.
 */
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import { serverSuite } from '../../helpers/server-suite.js';
import { SEED_ADDRESS } from '../../server/store.js';
import { memoryStorage } from '../../../generated/v1/index.js';
import { createSocketSync, createSync, type RejectedRecord, type WebSocketConstructor } from '../../../src/repository/sync/index.js';
import { localTable, serverSnapshot, shopFeed, shopSdk, until } from './helpers.js';
import type { TestServer } from '../../server/index.js';

const test = serverSuite('sync: WebSocket push');

function setup(server: TestServer, extra: { heartbeatMs?: number; heartbeatTimeoutMs?: number; token?: string } = {}) {
  const table = localTable();
  const sync = createSync({ pull: shopFeed(shopSdk(server)), apply: table.apply, storage: memoryStorage() });
  const token = extra.token ?? server.tokens.issue('alice@example.com').accessToken;
  const rejected: RejectedRecord[] = [];
  const socket = createSocketSync({
    url: server.url.replace('http', 'ws') + '/ws',
    sync,
    token: () => token,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    heartbeatMs: extra.heartbeatMs ?? 10_000,
    heartbeatTimeoutMs: extra.heartbeatTimeoutMs,
    backoff: { baseMs: 20, maxMs: 200 },
    onInvalid: (r) => rejected.push(r),
  });
  return { table, sync, socket, rejected, pulls: () => server.requests.filter((r) => r.path === '/sync').length };
}

test('connects with the token in the first message, pulls once, and each change poke pulls it', async (ctx) => {
  const { table, sync, socket, pulls } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  assert.is(pulls(), 1);
  assert.is(ctx.server.ws.size, 1);
  const created = ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'MUG-LOGO', quantity: 3 }], shippingAddress: SEED_ADDRESS });
  await until(() => table.rows.has(created.id), 'the pushed change');
  ctx.server.store.createOrder(ctx.server.seed.bob.id, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: SEED_ADDRESS });
  await until(() => !sync.running, 'idle');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server), "bob's order poked no one: alice's copy is exact");
  socket.stop();
  await until(() => ctx.server.ws.size === 0, 'the close');
});

test('server drop → reconnect with backoff → the gap is filled by a pull', async (ctx) => {
  const { table, sync, socket } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  ctx.server.ws.dropAll();
  // Changes while no socket is there: nobody is poked about them.
  const missed = ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'CAP-RED', quantity: 1 }], shippingAddress: SEED_ADDRESS });
  ctx.server.store.deleteOrder(ctx.server.store.ordersOf('alice@example.com').at(-1)!.id);
  await until(() => socket.connects === 2 && socket.state === 'open', 'the reconnect');
  await until(() => table.rows.has(missed.id) && !sync.running, 'the gap to fill');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  socket.stop();
});

test('a silent link (no pong, no frames) is detected by the heartbeat and replaced', async (ctx) => {
  const { table, sync, socket } = setup(ctx.server, { heartbeatMs: 50, heartbeatTimeoutMs: 150 });
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  ctx.server.ws.muted = true;
  await until(() => socket.connects >= 2, 'a reconnect after the heartbeat timeout');
  ctx.server.ws.muted = false;
  const created = ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'SOCKS-3PK', quantity: 1 }], shippingAddress: SEED_ADDRESS });
  await until(() => table.rows.has(created.id), 'the change after recovery');
  socket.stop();
});

test('a link dead both ways (not even the close frame answered) is replaced at the heartbeat timeout, not after the close handshake gives up', async (ctx) => {
  const { table, sync, socket } = setup(ctx.server, { heartbeatMs: 50, heartbeatTimeoutMs: 150 });
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  ctx.server.ws.freezeAll();
  try {
    // The `ws` package waits 30 s for an unanswered close frame; the limit here is well under it.
    await until(() => socket.connects >= 2 && socket.state === 'open', 'a new socket after the heartbeat timeout', 8_000);
    const created = ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'SOCKS-3PK', quantity: 1 }], shippingAddress: SEED_ADDRESS });
    await until(() => table.rows.has(created.id), 'the change on the new socket');
  } finally {
    socket.stop();
    await until(() => !sync.running, 'the last pull, so none lands in the next test');
    // The frozen connection is still held by the server: end it so the next test starts clean.
    ctx.server.ws.dropAll();
  }
});

test('a refused token closes the socket and it keeps retrying with backoff, pulling nothing', async (ctx) => {
  const { socket, pulls } = setup(ctx.server, { token: 'not-a-token' });
  await until(() => socket.connects >= 3, 'retries');
  assert.is(pulls(), 0);
  assert.is(ctx.server.ws.size, 0);
  socket.stop();
});

test('hostile messages (bad JSON, unknown topic, unknown type, __proto__) are reported and change nothing', async (ctx) => {
  const { table, sync, socket, rejected, pulls } = setup(ctx.server);
  await until(() => socket.state === 'open' && table.rows.size === 5 && !sync.running, 'the first pull');
  const before = pulls();
  ctx.server.ws.broadcastRaw('{not json');
  ctx.server.ws.broadcastRaw(JSON.stringify({ type: 'change', topic: 'admin-secrets' }));
  ctx.server.ws.broadcastRaw(JSON.stringify({ type: 'exec', code: 'x' }));
  ctx.server.ws.broadcastRaw('{"__proto__":{"polluted":"yes"},"type":"nope"}');
  await until(() => rejected.length === 4, 'four reports');
  assert.equal(rejected.map((r) => r.reason), ['not-an-object', 'unknown-collection', 'not-an-object', 'not-an-object']);
  assert.is(pulls(), before, 'none of them pulled');
  assert.is(({} as Record<string, unknown>)['polluted'], undefined);
  assert.is(socket.state, 'open');
  socket.stop();
});

test('the token never travels in clear: ws:// off loopback and non-WebSocket URLs are refused before connecting', (ctx) => {
  const base = { sync: createSync({ pull: shopFeed(shopSdk(ctx.server)), apply: () => undefined, storage: memoryStorage() }), token: () => 't', WebSocket: WebSocket as unknown as WebSocketConstructor };
  assert.throws(() => createSocketSync({ ...base, url: 'ws://api.example.com/ws' }), /in clear/);
  assert.throws(() => createSocketSync({ ...base, url: 'https://api.example.com/ws' }), TypeError);
  const allowed = createSocketSync({ ...base, url: 'ws://127.0.0.1:1/ws', backoff: { baseMs: 60_000 } });
  allowed.stop();
});

test.run();
