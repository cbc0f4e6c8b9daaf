/**
 * The offline queue and the session, through the generated Shop API SDK against test/server
 * (opaque tokens): an ended session pauses the queue with every entry kept and a new sign-in
 * resumes it; another user's session never sends an entry; `{ offline: 'queue' }` queues when
 * offline and after a failed send (with the same key, so the server applies it once); a new SDK
 * over the same storage replays what the last one left; on disk an entry holds no token; and
 * `onLogout: 'discard'` drops the signed-out user's entries.
 */
import * as assert from 'uvu/assert';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverSuite } from '../../helpers/server-suite.js';
import { within } from '../../helpers/timed-suite.js';
import { gatedSleep } from '../../helpers/gated-sleep.js';
import { fileStorage } from '../../../src/platform/storage/node.js';
import { memoryStorage, memoryTokenStore, type QueuedResult } from '../../../generated/v1/index.js';
import { launch, orderBody, closeLaunched } from './queue-helpers.js';

const test = serverSuite('offline queue: sessions, users, per-call queueing, restarts');
test.after.each(closeLaunched);

const login = (app: ReturnType<typeof launch>, email: string, password: string) => app.sdk.auth.login({ body: { email, password } });

test('an ended session pauses the queue keeping every entry; the next sign-in resumes it', async (ctx) => {
  let user = 'alice';
  const app = launch(ctx.server, { offline: { user: () => user } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('MUG-LOGO') });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  ctx.server.tokens.revokeAll(); // the refresh is refused: the session is over
  await app.sdk.offline.process();
  const kept = await app.sdk.offline.pending();
  assert.is(kept.length, 2, 'nothing dropped');
  assert.is(ctx.server.ledger.count('order.created'), 0);
  assert.is(await app.tokenStore.get(), null, 'the auth layer ended the session');
  const drained = new Promise((resolve) => app.sdk.offline.on('drained', resolve));
  user = 'alice';
  await login(app, 'alice@example.com', ctx.server.seed.password);
  await drained; // resumed by the sign-in, without process()
  assert.is(ctx.server.ledger.count('order.created'), 2);
  assert.equal(await app.sdk.offline.pending(), []);
});

test("a user switch never sends the previous user's entry under the new session", async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await login(app, 'bob@example.com', ctx.server.seed.password);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 0, 'not sent as bob');
  assert.not.ok(ctx.server.requests.some((r) => r.method === 'POST' && r.path === '/orders'));
  const [entry] = await app.sdk.offline.pending();
  assert.ok(entry, "alice's entry is kept for her next session");
});

// The network layer retries a 503 after about BACKOFF_MS (random 0.99 of full jitter), in a wait
// the test ends by hand (gatedSleep): what happens to the session during it does not race a real
// timer. The storage lease's own sleeps (50 ms settle, 10 s renewal) run as usual.
const BACKOFF_MS = 400;
const retryingIn = (gate: ReturnType<typeof gatedSleep>) => ({
  clock: { random: () => 0.99, sleep: gate.sleep },
  retry: { maxRetries: 3, baseDelayMs: BACKOFF_MS, maxDelayMs: BACKOFF_MS },
});

test("a send in flight when the user switches is stopped: its refresh and retry never run under the new session", async (ctx) => {
  // The network layer retries a 503 after a backoff. The switch lands during that backoff, and
  // alice's access token has expired by the retry, so a retry would refresh, from the token
  // store that now holds bob's session, and replay as bob.
  const gate = gatedSleep({ fromMs: BACKOFF_MS / 2, toMs: BACKOFF_MS });
  const app = launch(ctx.server, { extra: retryingIn(gate) });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 503 } });
  const processing = app.sdk.offline.process();
  const posts = () => ctx.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  await within(gate.asleep, "the retry's backoff");
  const aliceAuth = String(posts()[0]!.headers['authorization']);
  ctx.server.tokens.expire(aliceAuth.slice('Bearer '.length));
  await login(app, 'bob@example.com', ctx.server.seed.password);
  await processing;
  gate.release(); // past the retry's backoff: nothing is waiting to go out any more
  await new Promise((resolve) => setTimeout(resolve, 20));
  assert.ok(posts().every((r) => r.headers['authorization'] === aliceAuth), "no attempt carried bob's token");
  assert.is(ctx.server.ledger.count('order.created'), 0, 'nothing created, for bob or anyone');
  const [entry] = await app.sdk.offline.pending();
  assert.ok(entry, "alice's entry is kept for her next session");
  assert.is(entry.notBefore, undefined, 'stopped by the switch, not backed off');
});

test("the same user signing in again while a send waits: its 401 does not pause the queue, the entry goes out with the new session", async (ctx) => {
  const gate = gatedSleep({ fromMs: BACKOFF_MS / 2, toMs: BACKOFF_MS });
  const app = launch(ctx.server, { offline: { user: 'alice' }, extra: retryingIn(gate) });
  const sent = new Promise((resolve) => app.sdk.offline.on('sent', resolve));
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 503 } });
  const processing = app.sdk.offline.process();
  const posts = () => ctx.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  await within(gate.asleep, "the retry's backoff");
  ctx.server.tokens.expire(String(posts()[0]!.headers['authorization']).slice('Bearer '.length));
  await login(app, 'alice@example.com', ctx.server.seed.password);
  gate.release();
  await processing;
  await within(sent, 'the entry sent with the new session');
  assert.is(ctx.server.ledger.count('order.created'), 1);
  assert.equal(await app.sdk.offline.pending(), []);
});

test('a server that refuses every fresh token: one refresh and one replay, then the queue pauses (no loop through refreshes)', async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  // Every POST /orders expires the token it carries, the refreshed one included.
  ctx.server.faults.add({ method: 'POST', path: '/orders', times: 20, fault: { type: 'expire-token' } });
  await app.sdk.offline.process();
  await new Promise((resolve) => setTimeout(resolve, 100)); // a loop would go on by itself
  const posts = ctx.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders').length;
  assert.is(posts, 2, 'the send and its one replay');
  assert.is(ctx.server.tokens.refreshCount, 1);
  const [entry] = await app.sdk.offline.pending();
  assert.is(entry?.lastError?.type, 'UNAUTHORIZED', 'kept, paused');
});

test("{ offline: 'queue' } offline resolves with a QueuedResult; nothing is sent until processed", async (ctx) => {
  const app = launch(ctx.server, { online: false });
  const result = await app.sdk.orders.createOrder({ body: orderBody() }, { offline: 'queue' });
  assert.is((result as QueuedResult).queued, true);
  assert.is((result as QueuedResult).operation, 'orders.createOrder');
  assert.is(ctx.server.requests.length, 0);
  app.network.set(true);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1);
});

test("{ offline: 'queue' }: a send that fails after reaching the server is queued with the same key and applied once", async (ctx) => {
  const app = launch(ctx.server);
  // Committed on the server, but the answer is lost on the way back.
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
  const result = (await app.sdk.orders.createOrder({ body: orderBody() }, { offline: 'queue' })) as QueuedResult;
  assert.is(result.queued, true);
  const [entry] = await app.sdk.offline.pending();
  assert.is(entry!.id, result.id);
  assert.is(entry!.attempts, 1);
  const firstKey = ctx.server.ledger.entries('order.created')[0]?.key;
  assert.is(entry!.idempotencyKey, firstKey, 'the key the failed send carried');
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1, 'the replay was answered from the key, not applied again');
  assert.equal(await app.sdk.offline.pending(), []);
  // A plain call's failure still rejects as before.
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-before' } });
  await app.sdk.orders.createOrder({ body: orderBody() }).then(
    () => assert.unreachable('resolved'),
    (error: { type?: string }) => assert.is(error.type, 'CONNECTION'),
  );
});

test('a new SDK over the same storage replays what the previous launch left', async (ctx) => {
  const storage = memoryStorage();
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  const first = launch(ctx.server, { storage, tokenStore, online: false });
  await first.sdk.orders.createOrder({ body: orderBody() }, { offline: 'queue' });
  await first.sdk.offline.close();
  const second = launch(ctx.server, { storage, tokenStore });
  assert.is((await second.sdk.offline.pending()).length, 1);
  await second.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1);
});

test('with autoProcess (the default) a new launch sends what the previous one left, with no call to process()', async (ctx) => {
  const storage = memoryStorage();
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  const first = launch(ctx.server, { storage, tokenStore, online: false });
  await first.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await first.sdk.offline.close();
  const second = launch(ctx.server, { storage, tokenStore, offline: { autoProcess: true } });
  await new Promise((resolve) => second.sdk.offline.on('sent', resolve));
  assert.is(ctx.server.ledger.count('order.created'), 1);
});

test('entries on disk (the file adapter) hold no token', async (ctx) => {
  const directory = await mkdtemp(join(tmpdir(), 'tether-offline-'));
  try {
    const storage = fileStorage({ directory, durable: false });
    const app = launch(ctx.server, { storage, online: false });
    const token = (await app.tokenStore.get())!.accessToken;
    await app.sdk.orders.createOrder({ body: orderBody(), headers: { Authorization: `Bearer ${token}`, Cookie: `sid=${token}` } as never }, { offline: 'queue' });
    const files = await readdir(directory, { recursive: true });
    const texts = await Promise.all(files.map((f) => readFile(join(directory, String(f))).then((b) => b.toString('utf8'), () => '')));
    assert.ok(texts.some((t) => t.includes('MUG-LOGO')), 'the entry is on disk');
    assert.not.ok(texts.some((t) => t.includes(token)), 'no token on disk');
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

test("onLogout: 'discard' drops the signed-out user's entries at the spec's logout; 'keep' keeps them", async (ctx) => {
  const discarding = launch(ctx.server, { offline: { onLogout: 'discard' } });
  await discarding.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await discarding.sdk.auth.logout();
  assert.equal(await discarding.sdk.offline.pending(), []);
  const keeping = launch(ctx.server);
  await keeping.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await keeping.sdk.auth.logout();
  assert.is((await keeping.sdk.offline.pending()).length, 1);
  assert.is(ctx.server.ledger.count('order.created'), 0);
});

test.run();
