/**
 * Tests of the reference Shop API server (test/server/) over real loopback HTTP with undici.
 * Responses are checked against openapi/v1/openapi.yaml with the server's own validator, so
 * the server and the spec are held to each other.
 *
 * Run: npx tsx node_modules/uvu/bin.js test 'server\.test\.ts$'
 */
import { suite } from './helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { Agent, fetch, type Response } from 'undici';
import { startServer, type TestServer, type Tokens } from './server/index.js';
import { loadSpec } from './server/spec.js';
import { validate } from './server/validate.js';

// ---------------------------------------------------------------------------------------------
// helpers

const agent = new Agent({ keepAliveTimeout: 500, keepAliveMaxTimeout: 500 });
const spec = loadSpec();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected ad hoc
type Json = any;

interface Reply {
  status: number;
  headers: Response['headers'];
  text: string;
  body: Json;
}

interface CallOptions {
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function call(server: TestServer, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const res = await send(server, method, path, options);
  const text = await res.text();
  let body: Json;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

function send(server: TestServer, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(server.url + path, {
    method,
    headers,
    dispatcher: agent,
    ...(options.json !== undefined && { body: JSON.stringify(options.json) }),
    ...(options.signal && { signal: options.signal }),
  });
}

async function login(server: TestServer, email = 'alice@example.com'): Promise<Tokens> {
  const r = await call(server, 'POST', '/auth/login', { json: { email, password: 'password123' } });
  assert.is(r.status, 200, r.text);
  return r.body as Tokens;
}

/** Asserts that `body` matches the spec's response schema for an operation and status. */
function conforms(operationId: string, status: number, body: unknown): void {
  const schema = spec.responseSchema(operationId, status);
  assert.ok(schema, `spec declares ${operationId} ${status}`);
  assert.equal(validate(schema, body, spec.document), [], `${operationId} ${status} body conforms to the spec`);
}

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const orderBody = (extra: Record<string, unknown> = {}) => ({ items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address, ...extra });

async function createOrder(server: TestServer, token: string, key: string = crypto.randomUUID(), body: unknown = orderBody()): Promise<Reply> {
  return call(server, 'POST', '/orders', { token, json: body, headers: { 'idempotency-key': key } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A suite with its own server, reset before each test. */
function serverSuite(name: string, options: Parameters<typeof startServer>[0] = {}) {
  const ctx: { server: TestServer } = { server: undefined as unknown as TestServer };
  const s = suite(name, ctx);
  s.before(async () => {
    ctx.server = await startServer(options);
  });
  s.before.each(() => ctx.server.reset());
  s.after(() => ctx.server.close());
  return { s, ctx };
}

// ---------------------------------------------------------------------------------------------
// auth

{
  let clock = Date.now();
  const { s, ctx } = serverSuite('auth', { now: () => clock });

  s('login issues opaque Bearer tokens and answers 401 to a wrong password', async () => {
    const ok = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'alice@example.com', password: 'password123' } });
    assert.is(ok.status, 200);
    conforms('login', 200, ok.body);
    assert.is(ok.body.tokenType, 'Bearer');
    assert.is(ok.body.expiresIn, 900);
    assert.is(ok.headers.get('cache-control'), 'no-store');
    const bad = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'alice@example.com', password: 'wrong-password' } });
    assert.is(bad.status, 401);
    assert.match(bad.headers.get('content-type') ?? '', 'application/problem+json');
    conforms('login', 401, bad.body);
    assert.is(ctx.server.ledger.count('login'), 1);
  });

  s('login validates its body (422 with pointers)', async () => {
    const r = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'not-an-email', password: 'short' } });
    assert.is(r.status, 422);
    conforms('login', 422, r.body);
    assert.equal(r.body.errors.map((e: Json) => e.pointer).sort(), ['/email', '/password']);
  });

  s('refresh rotates: new refresh token each time, old one reused revokes the family', async () => {
    const first = await login(ctx.server);
    const r1 = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: first.refreshToken } });
    assert.is(r1.status, 200);
    conforms('refreshToken', 200, r1.body);
    assert.is.not(r1.body.refreshToken, first.refreshToken);
    assert.is.not(r1.body.accessToken, first.accessToken);
    assert.is(ctx.server.tokens.refreshCount, 1);

    const me = await call(ctx.server, 'GET', '/users/me', { token: r1.body.accessToken });
    assert.is(me.status, 200);

    // Reuse of the first refresh token: theft is assumed, the whole family dies.
    const reuse = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: first.refreshToken } });
    assert.is(reuse.status, 401);
    assert.is(reuse.body.error, 'invalid_grant');
    conforms('refreshToken', 401, reuse.body);
    const after = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: r1.body.refreshToken } });
    assert.is(after.status, 401);
    assert.is(after.body.error, 'invalid_grant');
    const meAfter = await call(ctx.server, 'GET', '/users/me', { token: r1.body.accessToken });
    assert.is(meAfter.status, 401);
    assert.is(ctx.server.tokens.refreshCount, 1);
    assert.equal(ctx.server.ledger.entries().map((e) => e.kind), ['login', 'refresh', 'revoke']);

    // Another login is unaffected.
    const other = await login(ctx.server);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: other.accessToken })).status, 200);
  });

  s('refresh with a malformed body answers OAuth invalid_request (400)', async () => {
    const missing = await call(ctx.server, 'POST', '/auth/refresh', { json: {} });
    assert.is(missing.status, 400);
    assert.is(missing.body.error, 'invalid_request');
    conforms('refreshToken', 400, missing.body);
    const unknown = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: 'rt_nope' } });
    assert.is(unknown.status, 401);
    assert.is(unknown.body.error, 'invalid_grant');
  });

  s('missing, unknown and expired access tokens answer 401 with a Bearer challenge', async () => {
    const none = await call(ctx.server, 'GET', '/users/me');
    assert.is(none.status, 401);
    assert.is(none.headers.get('www-authenticate'), 'Bearer realm="shop"');
    conforms('getMe', 401, none.body);
    const unknown = await call(ctx.server, 'GET', '/users/me', { token: 'at_nope' });
    assert.match(unknown.headers.get('www-authenticate') ?? '', 'error="invalid_token"');

    const tokens = await login(ctx.server);
    clock += 15 * 60 * 1000 + 1; // past the 15-minute access token lifetime
    const expired = await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken });
    assert.is(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token".*expired/);
    const refreshed = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } });
    assert.is(refreshed.status, 200);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: refreshed.body.accessToken })).status, 200);
  });

  s('tokens.expireAll() expires access tokens but not refresh tokens', async () => {
    const tokens = await login(ctx.server);
    ctx.server.tokens.expireAll();
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken })).status, 401);
    assert.is((await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } })).status, 200);
  });

  s('logout revokes the family', async () => {
    const tokens = await login(ctx.server);
    const out = await call(ctx.server, 'POST', '/auth/logout', { token: tokens.accessToken });
    assert.is(out.status, 204);
    assert.is(out.text, '');
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken })).status, 401);
    assert.is((await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } })).status, 401);
    assert.is(ctx.server.ledger.count('logout'), 1);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// users, request ids, request log, routing

{
  const { s, ctx } = serverSuite('users and plumbing');

  s('getMe / getUser / batchGetUsers respect visibility', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    const { seed } = ctx.server;
    const me = await call(ctx.server, 'GET', '/users/me', { token: alice.accessToken });
    conforms('getMe', 200, me.body);
    assert.is(me.body.id, seed.alice.id);
    assert.is((await call(ctx.server, 'GET', `/users/${seed.bob.id}`, { token: alice.accessToken })).status, 403);
    const asAdmin = await call(ctx.server, 'GET', `/users/${seed.alice.id}`, { token: bob.accessToken });
    assert.is(asAdmin.status, 200);
    assert.is((await call(ctx.server, 'GET', `/users/${crypto.randomUUID()}`, { token: bob.accessToken })).status, 404);

    const unknown = crypto.randomUUID();
    const batch = await call(ctx.server, 'POST', '/users/batch-get', { token: alice.accessToken, json: { ids: [seed.alice.id, seed.bob.id, unknown] } });
    assert.is(batch.status, 200);
    conforms('batchGetUsers', 200, batch.body);
    assert.equal(batch.body.users.map((u: Json) => u.id), [seed.alice.id]);
    assert.equal(batch.body.missing, [seed.bob.id, unknown]);
    const empty = await call(ctx.server, 'POST', '/users/batch-get', { token: alice.accessToken, json: { ids: [] } });
    assert.is(empty.status, 422);
    assert.is(empty.body.errors[0].pointer, '/ids');
  });

  s('X-Request-Id is echoed when sent and generated otherwise', async () => {
    const echoed = await call(ctx.server, 'GET', '/users/me', { headers: { 'x-request-id': 'req-123' } });
    assert.is(echoed.headers.get('x-request-id'), 'req-123');
    const generated = await call(ctx.server, 'GET', '/users/me');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  s('the request log records method, path and headers, but not control calls', async () => {
    const tokens = await login(ctx.server);
    await call(ctx.server, 'GET', '/__control/health');
    await createOrder(ctx.server, tokens.accessToken, 'log-key');
    const log = ctx.server.requests;
    assert.equal(log.map((r) => `${r.method} ${r.path}`), ['POST /auth/login', 'POST /orders']);
    assert.is(log[1]?.headers.authorization, `Bearer ${tokens.accessToken}`);
    assert.is(log[1]?.headers['idempotency-key'], 'log-key');
    assert.ok(log[1]?.requestId);
  });

  s('unknown paths are 404, wrong methods 405 with Allow, non-JSON bodies 400/415', async () => {
    const tokens = await login(ctx.server);
    assert.is((await call(ctx.server, 'GET', '/nope')).status, 404);
    const wrong = await call(ctx.server, 'PUT', '/orders', { token: tokens.accessToken });
    assert.is(wrong.status, 405);
    assert.is(wrong.headers.get('allow'), 'GET, POST');
    const res = await fetch(`${ctx.server.url}/auth/login`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: '{oops' });
    assert.is(res.status, 400);
    assert.is(((await res.json()) as Json).type, 'https://api.shop.example.com/problems/malformed-json');
    const text = await fetch(`${ctx.server.url}/auth/login`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'text/plain' }, body: 'hi' });
    assert.is(text.status, 415);
    await text.arrayBuffer();
  });

  s('CORS preflight is answered and exposes the headers an SDK reads', async () => {
    const res = await fetch(`${ctx.server.url}/orders`, {
      method: 'OPTIONS',
      dispatcher: agent,
      headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' },
    });
    assert.is(res.status, 204);
    assert.is(res.headers.get('access-control-allow-headers'), 'authorization, idempotency-key');
    assert.match(res.headers.get('access-control-expose-headers') ?? '', 'Retry-After');
    assert.is(ctx.server.requests.length, 0);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// orders: idempotency, ETags, ownership, validation

{
  const { s, ctx } = serverSuite('orders');

  s('createOrder: 201 with Location and ETag; totals come from the catalogue', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await createOrder(ctx.server, accessToken, 'k-1', orderBody({ items: [{ sku: 'MUG-LOGO', quantity: 3 }, { sku: 'CAP-RED', quantity: 1 }], note: 'hi' }));
    assert.is(r.status, 201);
    conforms('createOrder', 201, r.body);
    assert.is(r.headers.get('location'), `/orders/${r.body.id}`);
    assert.is(r.headers.get('etag'), '"v1"');
    assert.equal(r.body.total, { amount: '43.50', currency: 'EUR' });
    assert.is(r.body.items[0].category.parent.name, 'Home');
    assert.is(r.headers.get('idempotent-replayed'), null);
  });

  s('a completed key replays the stored response byte for byte; nothing is applied twice', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await createOrder(ctx.server, accessToken, 'k-replay', { shippingAddress: address, items: [{ quantity: 1, sku: 'MUG-LOGO' }] });
    // Same body with a different key order: still the same request.
    const again = await createOrder(ctx.server, accessToken, 'k-replay', { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address });
    assert.is(again.status, 201);
    assert.is(again.text, first.text);
    assert.is(again.headers.get('idempotent-replayed'), 'true');
    assert.is(again.headers.get('location'), first.headers.get('location'));
    assert.is.not(again.headers.get('x-request-id'), first.headers.get('x-request-id'));
    assert.is(ctx.server.ledger.count('order.created'), 1);
    assert.is(ctx.server.ledger.last('order.created')?.key, 'k-replay');
  });

  s('the same key with a different body is 422; keys are scoped per user', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    await createOrder(ctx.server, alice.accessToken, 'k-shared');
    const other = await createOrder(ctx.server, alice.accessToken, 'k-shared', orderBody({ note: 'different' }));
    assert.is(other.status, 422);
    assert.is(other.body.type, 'https://api.shop.example.com/problems/idempotency-key-reused');
    conforms('createOrder', 422, other.body);
    const bobs = await createOrder(ctx.server, bob.accessToken, 'k-shared', orderBody({ note: 'different' }));
    assert.is(bobs.status, 201);
    assert.is(ctx.server.ledger.count('order.created'), 2);
  });

  s('a key still in flight answers 409; afterwards it replays', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'latency', ms: 300 } });
    const slow = createOrder(ctx.server, accessToken, 'k-flight');
    await sleep(80);
    const busy = await createOrder(ctx.server, accessToken, 'k-flight');
    assert.is(busy.status, 409);
    assert.is(busy.headers.get('retry-after'), '1');
    conforms('createOrder', 409, busy.body);
    const done = await slow;
    assert.is(done.status, 201);
    const replay = await createOrder(ctx.server, accessToken, 'k-flight');
    assert.is(replay.headers.get('idempotent-replayed'), 'true');
    assert.is(replay.text, done.text);
    assert.is(ctx.server.ledger.count('order.created'), 1);
  });

  s('a missing Idempotency-Key is 400', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await call(ctx.server, 'POST', '/orders', { token: accessToken, json: orderBody() });
    assert.is(r.status, 400);
    assert.is(r.body.type, 'https://api.shop.example.com/problems/idempotency-key-missing');
    conforms('createOrder', 400, r.body);
    assert.is(ctx.server.ledger.count(), 1); // the login only
  });

  s('422 is a ValidationProblem with a pointer per invalid field', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await createOrder(ctx.server, accessToken, 'k-bad', {
      items: [{ sku: 'MUG-LOGO', quantity: 1000 }, { sku: 'MUG-LOGO' }],
      note: 'x'.repeat(501),
      shippingAddress: { ...address, country: 'germany' },
      paymentMethod: { type: 'crypto' },
    });
    assert.is(r.status, 422);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    conforms('createOrder', 422, r.body);
    assert.is(r.body.status, 422);
    assert.is(r.body.instance, '/orders');
    const byPointer = Object.fromEntries(r.body.errors.map((e: Json) => [e.pointer, e.detail]));
    assert.equal(byPointer, {
      '/items/0/quantity': 'must be <= 999',
      '/items/1/quantity': 'is required',
      '/note': 'must be at most 500 characters',
      '/shippingAddress/country': 'must match ^[A-Z]{2}$',
      '/paymentMethod/type': 'must be one of: "card", "wallet"',
    });
    const unknownSku = await createOrder(ctx.server, accessToken, 'k-sku', orderBody({ items: [{ sku: 'NOPE-1', quantity: 1 }] }));
    assert.is(unknownSku.status, 422);
    assert.is(unknownSku.body.errors[0].pointer, '/items/0/sku');
    assert.is(ctx.server.ledger.count('order.created'), 0);
  });

  s('getOrder: strong ETag and Cache-Control; If-None-Match gives 304', async () => {
    const { accessToken } = await login(ctx.server);
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    const r = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken });
    assert.is(r.status, 200);
    conforms('getOrder', 200, r.body);
    assert.is(r.headers.get('etag'), `"v${order!.version}"`);
    assert.is(r.headers.get('cache-control'), 'private, max-age=60');
    const cached = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': r.headers.get('etag')! } });
    assert.is(cached.status, 304);
    assert.is(cached.text, '');
    assert.is(cached.headers.get('etag'), r.headers.get('etag'));
    const weak = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': `"v0", W/${r.headers.get('etag')}` } });
    assert.is(weak.status, 304);
    const stale = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': '"v0"' } });
    assert.is(stale.status, 200);
  });

  s('updateOrder: If-Match mismatch is 412, a match bumps version and ETag', async () => {
    const { accessToken } = await login(ctx.server);
    const created = await createOrder(ctx.server, accessToken);
    const path = `/orders/${created.body.id}`;
    const stale = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: 'x' }, headers: { 'if-match': '"v7"' } });
    assert.is(stale.status, 412);
    assert.is(stale.headers.get('etag'), '"v1"');
    conforms('updateOrder', 412, stale.body);
    const ok = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: 'ring twice' }, headers: { 'if-match': '"v1"' } });
    assert.is(ok.status, 200);
    conforms('updateOrder', 200, ok.body);
    assert.is(ok.body.version, 2);
    assert.is(ok.body.note, 'ring twice');
    assert.is(ok.headers.get('etag'), '"v2"');
    const cleared = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: null } });
    assert.is(cleared.body.note, null);
    const old = await call(ctx.server, 'GET', path, { token: accessToken, headers: { 'if-none-match': '"v1"' } });
    assert.is(old.status, 200);
    assert.is(ctx.server.ledger.count('order.updated'), 2);
    const empty = await call(ctx.server, 'PATCH', path, { token: accessToken, json: {} });
    assert.is(empty.status, 422);
  });

  s('status rules: customers may only cancel, and not after shipping', async () => {
    const alice = await login(ctx.server);
    const orders = ctx.server.store.ordersOf('alice@example.com');
    const pending = orders.find((o) => o.status === 'pending')!;
    const delivered = orders.find((o) => o.status === 'delivered')!;
    const ship = await call(ctx.server, 'PATCH', `/orders/${pending.id}`, { token: alice.accessToken, json: { status: 'shipped' } });
    assert.is(ship.status, 422);
    assert.is(ship.body.errors[0].pointer, '/status');
    const late = await call(ctx.server, 'PATCH', `/orders/${delivered.id}`, { token: alice.accessToken, json: { status: 'cancelled' } });
    assert.is(late.status, 409);
    const cancel = await call(ctx.server, 'PATCH', `/orders/${pending.id}`, { token: alice.accessToken, json: { status: 'cancelled' } });
    assert.is(cancel.body.status, 'cancelled');
  });

  s('orders are owned: 403 for another user\'s order, 404 for an unknown one; delete works', async () => {
    const alice = await login(ctx.server);
    const [bobs] = ctx.server.store.ordersOf('bob@example.com');
    assert.is((await call(ctx.server, 'GET', `/orders/${bobs!.id}`, { token: alice.accessToken })).status, 403);
    assert.is((await call(ctx.server, 'DELETE', `/orders/${bobs!.id}`, { token: alice.accessToken })).status, 403);
    assert.is((await call(ctx.server, 'GET', `/orders/${crypto.randomUUID()}`, { token: alice.accessToken })).status, 404);
    assert.is((await call(ctx.server, 'GET', '/orders/not-a-uuid', { token: alice.accessToken })).status, 404);
    const [mine] = ctx.server.store.ordersOf('alice@example.com');
    assert.is((await call(ctx.server, 'DELETE', `/orders/${mine!.id}`, { token: alice.accessToken, headers: { 'if-match': '"v9"' } })).status, 412);
    const del = await call(ctx.server, 'DELETE', `/orders/${mine!.id}`, { token: alice.accessToken });
    assert.is(del.status, 204);
    assert.is((await call(ctx.server, 'GET', `/orders/${mine!.id}`, { token: alice.accessToken })).status, 404);
    assert.is(ctx.server.ledger.count('order.deleted'), 1);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// pagination over 1,000 orders

{
  const { s, ctx } = serverSuite('pagination', { seedOrders: 1000 });

  s('limit 50 walks all 1,000 orders newest first, each exactly once', async () => {
    const { accessToken } = await login(ctx.server);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const r = await call(ctx.server, 'GET', `/orders?limit=50${q}`, { token: accessToken });
      assert.is(r.status, 200);
      if (pages === 0) conforms('listOrders', 200, r.body);
      assert.ok(r.body.items.length <= 50);
      seen.push(...r.body.items.map((o: Json) => o.id));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    assert.is(pages, 20);
    assert.is(seen.length, 1000);
    assert.is(new Set(seen).size, 1000);
    assert.equal(seen, ctx.server.store.ordersOf('alice@example.com').map((o) => o.id));
  });

  s('cursors stay valid while orders are added and deleted', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await call(ctx.server, 'GET', '/orders?limit=10', { token: accessToken });
    await createOrder(ctx.server, accessToken);
    const nextId = ctx.server.store.ordersOf('alice@example.com')[11]!.id;
    ctx.server.store.deleteOrder(nextId);
    const second = await call(ctx.server, 'GET', `/orders?limit=10&cursor=${first.body.nextCursor}`, { token: accessToken });
    const ids = second.body.items.map((o: Json) => o.id);
    assert.not.ok(ids.includes(nextId));
    assert.not.ok(ids.some((id: string) => first.body.items.some((o: Json) => o.id === id)));
    assert.is(ids.length, 10);
  });

  s('limit, cursor and status are validated; default limit is 20', async () => {
    const { accessToken } = await login(ctx.server);
    for (const bad of ['0', '101', 'abc', '2.5']) {
      const r = await call(ctx.server, 'GET', `/orders?limit=${bad}`, { token: accessToken });
      assert.is(r.status, 422, `limit=${bad}`);
      conforms('listOrders', 422, r.body);
      assert.equal(r.body.errors.map((e: Json) => [e.pointer, e.location]), [['/limit', 'query']]);
    }
    const cursor = await call(ctx.server, 'GET', '/orders?cursor=garbage', { token: accessToken });
    assert.is(cursor.status, 422);
    assert.is(cursor.body.errors[0].pointer, '/cursor');
    const status = await call(ctx.server, 'GET', '/orders?status=lost', { token: accessToken });
    assert.is(status.status, 422);
    const plain = await call(ctx.server, 'GET', '/orders', { token: accessToken });
    assert.is(plain.body.items.length, 20);
  });

  s('status filter and sparse fieldsets', async () => {
    const { accessToken } = await login(ctx.server);
    const paid = await call(ctx.server, 'GET', '/orders?status=paid&limit=100', { token: accessToken });
    assert.is(paid.body.items.length, 100);
    assert.ok(paid.body.items.every((o: Json) => o.status === 'paid'));
    const sparse = await call(ctx.server, 'GET', '/orders?limit=3&fields=status,total', { token: accessToken });
    for (const item of sparse.body.items) assert.equal(Object.keys(item).sort(), ['id', 'status', 'total']);
    const badField = await call(ctx.server, 'GET', '/orders?fields=status,password', { token: accessToken });
    assert.is(badField.status, 422);
    assert.is(badField.body.errors[0].pointer, '/fields/1');
  });

  s('the deprecated page parameter still works and says so', async () => {
    const { accessToken } = await login(ctx.server);
    const page2 = await call(ctx.server, 'GET', '/orders?limit=10&page=2', { token: accessToken });
    assert.is(page2.headers.get('deprecation'), '@1735689600');
    assert.match(page2.headers.get('link') ?? '', 'rel="deprecation"');
    assert.equal(page2.body.items.map((o: Json) => o.id), ctx.server.store.ordersOf('alice@example.com').slice(10, 20).map((o) => o.id));
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// sync feed

{
  const { s, ctx } = serverSuite('sync');

  s('a full sync returns every order; later syncs return only changes, deletes included', async () => {
    const { accessToken } = await login(ctx.server);
    const full = await call(ctx.server, 'GET', '/sync', { token: accessToken });
    assert.is(full.status, 200);
    conforms('getSync', 200, full.body);
    assert.is(full.body.upserts.length, 5);
    assert.equal(full.body.deletes, []);
    assert.is(full.body.hasMore, false);

    const [victim, changed] = ctx.server.store.ordersOf('alice@example.com');
    await call(ctx.server, 'PATCH', `/orders/${changed!.id}`, { token: accessToken, json: { note: 'one' } });
    const created = await createOrder(ctx.server, accessToken);
    await call(ctx.server, 'PATCH', `/orders/${changed!.id}`, { token: accessToken, json: { note: 'two' } });
    await call(ctx.server, 'DELETE', `/orders/${victim!.id}`, { token: accessToken });
    const bob = await login(ctx.server, 'bob@example.com');
    await createOrder(ctx.server, bob.accessToken); // someone else's change is not in alice's feed

    const delta = await call(ctx.server, 'GET', `/sync?since=${full.body.nextCursor}`, { token: accessToken });
    conforms('getSync', 200, delta.body);
    // Each order once, in the order of its latest change.
    assert.equal(delta.body.upserts.map((o: Json) => o.id), [created.body.id, changed!.id]);
    assert.is(delta.body.upserts[1].note, 'two');
    assert.equal(delta.body.deletes, [victim!.id]);
    assert.is(delta.body.hasMore, false);

    const quiet = await call(ctx.server, 'GET', `/sync?since=${delta.body.nextCursor}`, { token: accessToken });
    assert.equal([quiet.body.upserts, quiet.body.deletes, quiet.body.hasMore], [[], [], false]);
  });

  s('limit pages the feed with hasMore, without losing or repeating orders', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.store.seedOrders(12, 'alice@example.com');
    const ids: string[] = [];
    let since = '';
    let rounds = 0;
    for (;;) {
      const r = await call(ctx.server, 'GET', `/sync?limit=5${since && `&since=${since}`}`, { token: accessToken });
      ids.push(...r.body.upserts.map((o: Json) => o.id));
      since = r.body.nextCursor;
      rounds += 1;
      if (!r.body.hasMore) break;
    }
    assert.is(rounds, 4);
    assert.is(ids.length, 17);
    assert.is(new Set(ids).size, 17);
  });

  s('a cursor from before a reset is 410 Gone; a garbled one is 422', async () => {
    const { accessToken } = await login(ctx.server);
    const full = await call(ctx.server, 'GET', '/sync', { token: accessToken });
    ctx.server.reset();
    const gone = await call(ctx.server, 'GET', `/sync?since=${full.body.nextCursor}`, { token: accessToken });
    assert.is(gone.status, 410);
    conforms('getSync', 410, gone.body);
    const bad = await call(ctx.server, 'GET', '/sync?since=zzz', { token: accessToken });
    assert.is(bad.status, 422);
    assert.is(bad.body.errors[0].pointer, '/since');
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// server-sent events

interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

async function openEvents(server: TestServer, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await send(server, 'GET', '/events', { token, signal: controller.signal, ...(lastEventId && { headers: { 'last-event-id': lastEventId } }) });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let ended = false;
  const decoder = new TextDecoder();
  const pump = (async () => {
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { id: undefined, event: undefined, data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data += line.slice(6);
              hasData = true;
            }
          }
          if (hasData) events.push(event);
        }
      }
    } catch {
      // aborted by us or cut by the server
    }
    ended = true;
  })();
  const waitFor = async (predicate: () => boolean, what: string, timeoutMs = 2000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  };
  return {
    res,
    events,
    comments,
    waitFor,
    get ended() {
      return ended;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

{
  const { s, ctx } = serverSuite('events (SSE)', { sseHeartbeatMs: 40 });

  s('streams order events with ids, heartbeats, and only the user\'s own orders', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    const stream = await openEvents(ctx.server, alice.accessToken);
    assert.is(stream.res.status, 200);
    assert.match(stream.res.headers.get('content-type') ?? '', 'text/event-stream');
    await createOrder(ctx.server, bob.accessToken);
    const created = await createOrder(ctx.server, alice.accessToken);
    await stream.waitFor(() => stream.events.length >= 1, 'order.created');
    await stream.waitFor(() => stream.comments.some((c) => c.startsWith('heartbeat')), 'a heartbeat');
    const [event] = stream.events;
    assert.is(event?.event, 'order.created');
    assert.match(event?.id ?? '', /^\d+$/);
    const data = JSON.parse(event!.data);
    assert.equal(validate(spec.schema('OrderEvent'), data, spec.document), []);
    assert.is(data.orderId, created.body.id);
    assert.is(stream.events.length, 1);
    await stream.close();
  });

  s('Last-Event-ID replays the missed events before live ones', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await openEvents(ctx.server, accessToken);
    const created = await createOrder(ctx.server, accessToken);
    await first.waitFor(() => first.events.length === 1, 'first event');
    const lastId = first.events[0]!.id!;
    await first.close();

    await call(ctx.server, 'PATCH', `/orders/${created.body.id}`, { token: accessToken, json: { note: 'missed' } });
    await call(ctx.server, 'DELETE', `/orders/${created.body.id}`, { token: accessToken });
    const second = await openEvents(ctx.server, accessToken, lastId);
    await second.waitFor(() => second.events.length === 2, 'replayed events');
    const live = await createOrder(ctx.server, accessToken);
    await second.waitFor(() => second.events.length === 3, 'live event');
    assert.equal(second.events.map((e) => e.event), ['order.updated', 'order.deleted', 'order.created']);
    assert.is(JSON.parse(second.events[2]!.data).orderId, live.body.id);
    const ids = second.events.map((e) => Number(e.id));
    assert.ok(ids.every((id, i) => id > Number(lastId) && (i === 0 || id > ids[i - 1]!)), 'ids increase');
    await second.close();
  });

  s('requires a token', async () => {
    const r = await call(ctx.server, 'GET', '/events');
    assert.is(r.status, 401);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// faults

{
  const { s, ctx } = serverSuite('faults');

  const meWith = async (fault: Parameters<TestServer['faults']['add']>[0]['fault']) => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'GET', path: '/users/me', fault });
    return accessToken;
  };

  s('latency delays, then answers normally', async () => {
    const token = await meWith({ type: 'latency', ms: 150 });
    const started = Date.now();
    const r = await call(ctx.server, 'GET', '/users/me', { token });
    assert.ok(Date.now() - started >= 140, 'delayed');
    assert.is(r.status, 200);
  });

  s('hang never answers; the client\'s abort ends it', async () => {
    const token = await meWith({ type: 'hang' });
    const err = await call(ctx.server, 'GET', '/users/me', { token, signal: AbortSignal.timeout(150) }).catch((e: Error) => e);
    assert.instance(err, Error);
    assert.is((err as Error).name, 'TimeoutError');
    assert.is((await call(ctx.server, 'GET', '/users/me', { token })).status, 200);
  });

  s('reset-before drops the connection and applies nothing', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-before' } });
    const err = await createOrder(ctx.server, accessToken, 'k-rb').catch((e: Error) => e);
    assert.instance(err, TypeError);
    assert.is(ctx.server.ledger.count('order.created'), 0);
    assert.is((await createOrder(ctx.server, accessToken, 'k-rb')).headers.get('idempotent-replayed'), null);
  });

  s('reset-after commits, drops the connection, and the retry replays', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
    const err = await createOrder(ctx.server, accessToken, 'k-ra').catch((e: Error) => e);
    assert.instance(err, TypeError);
    assert.is(ctx.server.ledger.count('order.created'), 1);
    const retry = await createOrder(ctx.server, accessToken, 'k-ra');
    assert.is(retry.status, 201);
    assert.is(retry.headers.get('idempotent-replayed'), 'true');
    assert.is(retry.body.id, ctx.server.ledger.last('order.created')?.orderId);
    assert.is(ctx.server.ledger.count('order.created'), 1);
  });

  s('status answers with a problem (or the given body and headers) without running the handler', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 503, headers: { 'retry-after': '3' } } });
    const r = await createOrder(ctx.server, accessToken);
    assert.is(r.status, 503);
    assert.is(r.headers.get('retry-after'), '3');
    conforms('createOrder', 503, r.body);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 502, body: '<html>bad gateway</html>' } });
    const html = await createOrder(ctx.server, accessToken);
    assert.is(html.status, 502);
    assert.is(html.text, '<html>bad gateway</html>');
    assert.is(ctx.server.ledger.count('order.created'), 0);
  });

  s('status with commit runs the handler first', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 500, commit: true } });
    assert.is((await createOrder(ctx.server, accessToken, 'k-commit')).status, 500);
    assert.is(ctx.server.ledger.count('order.created'), 1);
    assert.is((await createOrder(ctx.server, accessToken, 'k-commit')).headers.get('idempotent-replayed'), 'true');
  });

  s('rate-limit sends raw Retry-After / retry-after-ms values', async () => {
    const token = await meWith({ type: 'rate-limit', retryAfter: 'soon', retryAfterMs: '1500' });
    const r = await call(ctx.server, 'GET', '/users/me', { token });
    assert.is(r.status, 429);
    assert.is(r.headers.get('retry-after'), 'soon');
    assert.is(r.headers.get('retry-after-ms'), '1500');
    conforms('getMe', 429, r.body);
    const date = new Date(Date.now() + 2000).toUTCString();
    ctx.server.faults.add({ fault: { type: 'rate-limit', retryAfter: date, status: 503 } });
    const busy = await call(ctx.server, 'GET', '/users/me', { token });
    assert.is(busy.status, 503);
    assert.is(busy.headers.get('retry-after'), date);
  });

  s('truncate promises a full body and cuts it in half', async () => {
    const token = await meWith({ type: 'truncate' });
    const res = await send(ctx.server, 'GET', '/users/me', { token });
    assert.is(res.status, 200);
    const length = Number(res.headers.get('content-length'));
    const err = await res.text().then(() => undefined, (e: Error) => e);
    assert.instance(err, Error);
    assert.ok(length > 20);
  });

  s('malformed answers 200 with invalid JSON', async () => {
    const token = await meWith({ type: 'malformed' });
    const res = await send(ctx.server, 'GET', '/users/me', { token });
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', 'application/json');
    const err = await res.json().then(() => undefined, (e: Error) => e);
    assert.instance(err, SyntaxError);
  });

  s('drip sends the whole body slowly', async () => {
    const { accessToken } = await login(ctx.server);
    const normal = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    ctx.server.faults.add({ path: '/users/me', fault: { type: 'drip', bytesPerChunk: 40, intervalMs: 25 } });
    const started = Date.now();
    const slow = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    const chunks = Math.ceil(normal.text.length / 40);
    assert.ok(Date.now() - started >= (chunks - 1) * 25 - 5, 'took at least one interval per chunk');
    assert.is(slow.text, normal.text);
  });

  s('wrong-type answers valid JSON that breaks the response schema', async () => {
    const { accessToken } = await login(ctx.server);
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    ctx.server.faults.add({ path: '/orders/{orderId}', fault: { type: 'wrong-type' } });
    const r = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken });
    assert.is(r.status, 200);
    assert.type(r.body.total, 'number');
    const issues = validate(spec.responseSchema('getOrder', 200), r.body, spec.document);
    assert.equal(issues.map((i) => i.pointer), ['/total']);
  });

  s('expire-token expires the presented token for good; a refresh recovers', async () => {
    const { accessToken, refreshToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/users/me', fault: { type: 'expire-token' } });
    const r = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    assert.is(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', 'invalid_token');
    assert.is((await call(ctx.server, 'GET', '/orders', { token: accessToken })).status, 401);
    const refreshed = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken } });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: refreshed.body.accessToken })).status, 200);
    assert.is(ctx.server.tokens.refreshCount, 1);
  });

  s('rules match by method and path, in order, count down times and honour skip', async () => {
    const { accessToken } = await login(ctx.server);
    const statusOf = async (method: string, path: string) => (await call(ctx.server, method, path, { token: accessToken })).status;
    const { faults } = ctx.server;
    faults.add({ method: 'POST', path: '/users/me', fault: { type: 'status', status: 500 } }); // never matches a GET
    faults.add({ method: 'get', path: /^\/users\/me$/, times: 1, fault: { type: 'status', status: 500 } });
    faults.add({ path: '/users/me', times: 2, fault: { type: 'status', status: 503 } });
    assert.equal(
      [await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me')],
      [500, 503, 503, 200],
    );
    faults.clear();
    faults.add({ path: '/orders/*', skip: 1, times: Infinity, fault: { type: 'status', status: 502 } });
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    assert.equal([await statusOf('GET', `/orders/${order!.id}`), await statusOf('GET', `/orders/${order!.id}`), await statusOf('GET', `/orders/${order!.id}`)], [200, 502, 502]);
    assert.is(await statusOf('GET', '/orders'), 200);
    assert.equal(faults.list().map((r) => [r.hits, r.remaining]), [[3, Infinity]]);
    assert.throws(() => faults.add({ fault: { type: 'explode' } as never }), /unknown fault type/);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// HTTP control endpoints

{
  const { s, ctx } = serverSuite('control endpoints');
  const control = (method: string, path: string, json?: unknown) => call(ctx.server, method, `/__control${path}`, json === undefined ? {} : { json });

  s('faults can be added, listed and cleared over HTTP', async () => {
    const { accessToken } = await login(ctx.server);
    const added = await control('POST', '/faults', { method: 'GET', path: '/users/me', times: 'Infinity', fault: { type: 'status', status: 503 } });
    assert.is(added.status, 201);
    assert.match(added.body.id, /^f\d+$/);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 503);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 503);
    const listed = await control('GET', '/faults');
    assert.is(listed.body.rules[0].remaining, 'Infinity');
    assert.is(listed.body.rules[0].hits, 2);
    assert.is((await control('DELETE', '/faults')).status, 204);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 200);

    const regex = await control('POST', '/faults', { pathRegex: '^/users/', fault: { type: 'status', status: 500 } });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 500);
    assert.is((await control('DELETE', `/faults/${regex.body.id}`)).status, 204);
    const bad = await control('POST', '/faults', { fault: { type: 'latency' } });
    assert.is(bad.status, 400);
    assert.match(bad.body.detail, 'latency needs ms');
  });

  s('ledger, request log, reset, tokens and seeding over HTTP', async () => {
    const { accessToken, refreshToken } = await login(ctx.server);
    await createOrder(ctx.server, accessToken, 'k-http');
    await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken } });
    const ledger = await control('GET', '/ledger');
    assert.equal(ledger.body.entries.map((e: Json) => e.kind), ['login', 'order.created', 'refresh']);
    assert.is(ledger.body.entries[1].key, 'k-http');
    assert.equal(ledger.body.counts, { login: 1, 'order.created': 1, refresh: 1 });
    assert.is(ledger.body.refreshCount, 1);
    const requests = await control('GET', '/requests');
    assert.equal(requests.body.requests.map((r: Json) => r.path), ['/auth/login', '/orders', '/auth/refresh']);

    const issued = await control('POST', '/tokens/issue', { user: 'bob@example.com' });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: issued.body.accessToken })).body.email, 'bob@example.com');
    assert.is((await control('POST', '/tokens/expire', {})).status, 204);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: issued.body.accessToken })).status, 401);

    const seeded = await control('POST', '/orders/seed', { count: 3 });
    assert.is(seeded.body.ids.length, 3);
    assert.is(ctx.server.store.ordersOf('alice@example.com').length, 5 + 1 + 3);
    assert.is((await control('POST', '/reset')).status, 204);
    assert.is(ctx.server.ledger.count(), 0);
    assert.is(ctx.server.requests.length, 0);
    assert.is(ctx.server.store.ordersOf('alice@example.com').length, 5);
    assert.is((await control('GET', '/nope')).status, 404);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// shutdown

const watched = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
const handles = () => process.getActiveResourcesInfo().filter((r) => watched.includes(r)).sort();

const shutdown = suite('shutdown');

shutdown('close() ends streams, hung and dripping requests, and leaves no handles behind', async () => {
  const client = new Agent({ keepAliveTimeout: 10_000 });
  await sleep(50);
  const before = handles();
  const server = await startServer({ sseHeartbeatMs: 20 });
  const { accessToken } = await login(server);
  server.faults.add({ path: '/orders', method: 'GET', fault: { type: 'hang' } });
  server.faults.add({ path: '/users/me', fault: { type: 'drip', bytesPerChunk: 1, intervalMs: 50 } });
  server.faults.add({ path: '/sync', fault: { type: 'latency', ms: 10_000 } });
  const opts = (path: string) => fetch(server.url + path, { dispatcher: client, headers: { authorization: `Bearer ${accessToken}` } });
  const hung = opts('/orders').then((r) => r.text());
  const dripping = opts('/users/me').then((r) => r.text());
  const delayed = opts('/sync').then((r) => r.text());
  const events = await opts('/events');
  const stream = events.text();
  await sleep(100);
  assert.ok(handles().length > before.length, 'the check sees the server\'s handles while it runs');

  const started = Date.now();
  await server.close();
  assert.ok(Date.now() - started < 1000, 'close() does not wait for timers or clients');
  const outcomes = await Promise.allSettled([hung, dripping, delayed, stream]);
  assert.equal(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected', 'fulfilled']);
  await server.close(); // idempotent
  await client.close();
  await sleep(20);
  assert.equal(handles(), before);
});

shutdown.after(() => agent.close());
shutdown.run();
