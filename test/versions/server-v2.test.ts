/**
 * The reference server serves both versions: v1 at the root and under /v1, v2 under /v2 with
 * v2's shapes, each through its own generated SDK (generated/v1, generated/v2) in one program.
 */
import * as assert from 'uvu/assert';
import * as v1 from '../../generated/v1/index.js';
import * as v2 from '../../generated/v2/index.js';
import { serverSuite } from '../helpers/server-suite.js';

const test = serverSuite('versions: /v1 and /v2');
const quiet = { logLevel: 'off' } as const;

async function signedIn(url: string): Promise<v2.Sdk> {
  const sdk = v2.createSdk({ baseUrl: `${url}/v2`, auth: { tokenStore: v2.memoryTokenStore() }, ...quiet });
  await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  return sdk;
}

test('v1 answers at the root and under /v1 alike', async ({ server }) => {
  for (const baseUrl of [server.url, `${server.url}/v1`]) {
    const sdk = v1.createSdk({ baseUrl, auth: { tokenStore: v1.memoryTokenStore() }, ...quiet });
    await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
    const me = await sdk.users.getMe();
    assert.is(me.email, 'alice@example.com');
    assert.ok('avatarUrl' in me, baseUrl);
  }
});

test('v2 users carry pictureUrl instead of avatarUrl (validated strictly by the v2 SDK)', async ({ server }) => {
  const sdk = await signedIn(server.url);
  const me = await sdk.users.getMe();
  assert.ok('pictureUrl' in me);
  assert.not.ok('avatarUrl' in me);
});

test('v2 sync reports serverTime in epoch milliseconds', async ({ server }) => {
  const sdk = await signedIn(server.url);
  const sync = await sdk.sync.getSync();
  assert.type(sync.serverTime, 'number');
  assert.ok(sync.upserts.length > 0);
});

test('v2 has no batchGetUsers; v1 still has it', async ({ server }) => {
  const sdk = await signedIn(server.url);
  assert.not.ok('batchGetUsers' in sdk.users);
  const tokens = server.tokens.issue('alice@example.com');
  const gone = await fetch(`${server.url}/v2/users/batch-get`, { method: 'POST', headers: { authorization: `Bearer ${tokens.accessToken}`, 'content-type': 'application/json' }, body: '{"ids":[]}' });
  // /users/{userId} exists for GET, so the old POST route is 405 (or 404): never served.
  assert.ok(gone.status === 404 || gone.status === 405, String(gone.status));
});

test('v2 deleteOrder requires If-Match (428 without it) and deletes with it', async ({ server }) => {
  const sdk = await signedIn(server.url);
  const [order] = (await sdk.orders.listOrders()).items;
  assert.ok(order);
  const tokens = server.tokens.issue('alice@example.com');
  const refused = await fetch(`${server.url}/v2/orders/${order.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${tokens.accessToken}` } });
  assert.is(refused.status, 428);
  await sdk.orders.deleteOrder({ params: { path: { orderId: order.id }, header: { 'If-Match': `"v${order.version}"` } } });
  assert.is(server.store.getOrder(order.id), undefined);
});

test('v2 cancelOrder cancels once and is safe to repeat; createOrder accepts couponCode', async ({ server }) => {
  const sdk = await signedIn(server.url);
  const created = await sdk.orders.createOrder({
    body: { items: [{ sku: 'CAP-RED', quantity: 1 }], couponCode: 'SPRING25', shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: '1', country: 'DE' } },
  });
  const cancelled = await sdk.orders.cancelOrder({ params: { path: { orderId: created.id } } });
  assert.is(cancelled.status, 'cancelled');
  const again = await sdk.orders.cancelOrder({ params: { path: { orderId: created.id } } });
  assert.is(again.version, cancelled.version);
});

test('v2 refuses a status update other than cancelled (the narrowed enum), client-side', async ({ server }) => {
  const sdk = await signedIn(server.url);
  const [order] = (await sdk.orders.listOrders()).items;
  assert.ok(order);
  // @ts-expect-error v2 narrowed UpdateOrderRequest.status to 'cancelled'
  const error = await sdk.orders.updateOrder({ params: { path: { orderId: order.id } }, body: { status: 'paid' } }).catch((e: unknown) => e);
  assert.ok(v2.isNetworkError(error) && error.type === 'VALIDATION' && error.source === 'client', String(error));
});

test.run();
