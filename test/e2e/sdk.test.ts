/**
 * The generated v1 SDK end to end against the reference backend over loopback: typed data in
 * and out, every error family mapped to NetworkError, faults injected at the server.
 */
import { serverSuite, whenRequested } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { createSdk, type NetworkError, type NetworkErrorType, type Sdk } from '../../generated/v1/index.js';
import { signedInSdk, type TestServer } from './helpers.js';
import { rejection } from '../helpers/rejection.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const newOrder = { items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address };

async function expectType(promise: Promise<unknown>, type: NetworkErrorType): Promise<NetworkError> {
  const error = await rejection(promise);
  assert.is(error.type, type, error.message);
  return error;
}

const e2e = serverSuite<{ sdk: Sdk }>('e2e: generated SDK against test/server');

e2e.before.each(async (ctx) => {
  ctx.sdk = (await signedInSdk(ctx.server)).sdk;
});

e2e('login sends no token; secured calls carry the bearer token', async ({ server, sdk }) => {
  const login = server.requests.find((r) => r.path === '/auth/login');
  assert.ok(login);
  assert.is(login.headers.authorization, undefined);
  const me = await sdk.users.getMe();
  assert.is(me.email, 'alice@example.com');
  assert.match(String(server.requests.at(-1)?.headers.authorization), /^Bearer \S+$/);
});

e2e('list, create, get, update, delete: typed bodies, one side effect each', async ({ server, sdk }) => {
  const page = await sdk.orders.listOrders({ params: { query: { limit: 2 } } });
  assert.is(page.items.length, 2);
  assert.type(page.nextCursor, 'string');

  const created = await sdk.orders.createOrder({ body: newOrder });
  assert.is(created.items[0]?.sku, 'MUG-LOGO');
  assert.is(server.ledger.count('order.created'), 1);
  const key = server.requests.find((r) => r.method === 'POST' && r.path === '/orders')?.headers['idempotency-key'];
  assert.match(String(key), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID v4 key is generated');

  const fetched = await sdk.orders.getOrder({ params: { path: { orderId: created.id } } });
  assert.is(fetched.id, created.id);
  const updated = await sdk.orders.updateOrder({ params: { path: { orderId: created.id } }, body: { note: 'leave at the door' } });
  assert.is(updated.note, 'leave at the door');
  const deleted = await sdk.orders.deleteOrder({ params: { path: { orderId: created.id } } });
  assert.is(deleted, undefined, '204 resolves with undefined');
  await expectType(sdk.orders.getOrder({ params: { path: { orderId: created.id } } }), 'NOT_FOUND');
  assert.equal(server.ledger.counts(), { login: 1, 'order.created': 1, 'order.updated': 1, 'order.deleted': 1 });
});

e2e('a caller-given idempotency key replays instead of creating twice', async ({ server, sdk }) => {
  const first = await sdk.orders.createOrder({ body: newOrder }, { idempotencyKey: 'key-e2e-1' });
  const again = await sdk.orders.createOrder({ body: newOrder }, { idempotencyKey: 'key-e2e-1' });
  assert.is(again.id, first.id);
  assert.is(server.ledger.count('order.created'), 1);
});

e2e('422 problem+json → VALIDATION with field paths', async ({ sdk }) => {
  const error = await expectType(
    // validate: 'off' sends the bad body so the server's 422 is what is mapped.
    sdk.orders.createOrder({ body: { ...newOrder, items: [{ sku: 'MUG-LOGO', quantity: 0 }] } }, { validate: 'off' }),
    'VALIDATION',
  );
  assert.is(error.status, 422);
  assert.is(error.source, 'server');
  assert.ok(error.fieldErrors && Object.keys(error.fieldErrors).includes('items[0].quantity'), JSON.stringify(error.fieldErrors));
  assert.ok(error.requestId, 'the request id is kept');
});

e2e('401, 403, 412, 429 and 5xx map to their types', async ({ server, sdk }) => {
  const anonymous = createSdk({ baseUrl: server.url, logLevel: 'off' });
  await expectType(anonymous.users.getMe(), 'UNAUTHORIZED');

  const bobsOrder = server.store.ordersOf('bob@example.com')[0]!;
  await expectType(sdk.orders.getOrder({ params: { path: { orderId: bobsOrder.id } } }), 'FORBIDDEN');

  const mine = (await sdk.orders.listOrders()).items[0]!;
  const stale = await expectType(
    sdk.orders.updateOrder({ params: { path: { orderId: mine.id }, header: { 'If-Match': '"v999"' } }, body: { note: 'x' } }),
    'CLIENT',
  );
  assert.is(stale.status, 412);

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '7' } });
  // One attempt each: the types are the point here; retries have test/network/.
  const limited = await expectType(sdk.users.getMe(undefined, { retry: false }), 'RATE_LIMITED');
  assert.is(limited.retryAfterMs, 7000);

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  const down = await expectType(sdk.users.getMe(undefined, { retry: false }), 'SERVER');
  assert.is(down.status, 503);
  assert.match(down.message, /GET http:\/\/127\.0\.0\.1:\d+\/users\/me$/);
});

e2e('transport faults: reset → CONNECTION, hang → TIMEOUT, abort → CANCELLED, malformed → UNKNOWN', async ({ server, sdk }) => {
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'reset-before' } });
  await expectType(sdk.users.getMe(undefined, { retry: false }), 'CONNECTION');

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  await expectType(sdk.users.getMe(undefined, { timeoutMs: 150, retry: false }), 'TIMEOUT');

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  const controller = new AbortController();
  const earlier = server.requests.length;
  const held = expectType(sdk.users.getMe(undefined, { signal: controller.signal }), 'CANCELLED');
  // In flight: this call's request (not an earlier one) is held by the hang fault.
  await whenRequested(server, (r) => r.path === '/users/me' && server.requests.indexOf(r) >= earlier);
  controller.abort();
  await held;

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'malformed' } });
  const malformed = await expectType(sdk.users.getMe(), 'UNKNOWN');
  assert.ok(malformed.cause, 'the parse error is kept as the cause');

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'truncate' } });
  const truncated = await rejection(sdk.users.getMe());
  assert.ok(['UNKNOWN', 'CONNECTION'].includes(truncated.type), truncated.type);
});

e2e('a mutation without a key is sent once even when the server commits and drops the socket', async ({ server, sdk }) => {
  const mine = (await sdk.orders.listOrders()).items[0]!;
  server.faults.add({ method: 'PATCH', path: '/orders/{orderId}', fault: { type: 'reset-after' } });
  await expectType(sdk.orders.updateOrder({ params: { path: { orderId: mine.id } }, body: { note: 'once' } }), 'CONNECTION');
  assert.is(server.ledger.count('order.updated'), 1, 'the effect happened once and was not repeated');
  assert.is(server.requests.filter((r) => r.method === 'PATCH').length, 1);
});

e2e('a keyed POST whose response was lost is retried with its key and applied once', async ({ server, sdk }) => {
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
  const created = await sdk.orders.createOrder({ body: newOrder });
  assert.is(created.items[0]?.sku, 'MUG-LOGO');
  assert.is(server.ledger.count('order.created'), 1, 'the retry was deduplicated by its key');
  const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  assert.is(posts.length, 2);
  assert.is(posts[1]?.headers['idempotency-key'], posts[0]?.headers['idempotency-key']);
});

e2e('cursor pagination walks every order with typed items', async ({ server, sdk }) => {
  server.store.seedOrders(120, 'alice@example.com');
  const ids = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await sdk.orders.listOrders({ params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } });
    for (const order of page.items) ids.add(order.id);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  assert.is(ids.size, server.store.ordersOf('alice@example.com').length);
});

e2e('https is required except on loopback', () => {
  assert.throws(() => createSdk({ baseUrl: 'http://api.example.com' }), /allowInsecureHttp/);
  createSdk({ baseUrl: 'http://api.example.com', allowInsecureHttp: true });
  createSdk({ baseUrl: 'https://api.example.com' });
  createSdk({ baseUrl: 'http://localhost:8080' });
});

e2e.run();
