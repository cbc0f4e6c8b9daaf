/**
 * The generated TanStack Query helpers with @tanstack/query-core against test/server: queries
 * keyed by operation + init, infinite queries walking the cursor pagination, cancelQueries
 * aborting the SDK's request on the wire, and mutations whose idempotency key survives
 * TanStack's own retry (the server applies the order once).
 */
import * as assert from 'uvu/assert';
import { MutationObserver, QueryClient } from '@tanstack/query-core';
import { serverSuite, whenRequested } from '../helpers/server-suite.js';
import { signedInSdk } from '../e2e/helpers.js';
import { createQueries, createSdk, isNetworkError, type Queries, type Sdk } from '../../generated/v1/index.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const newOrder = { items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address };

/** A client that schedules no garbage-collection timers and never retries unless a test asks. */
const queryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false, gcTime: Infinity } } });

const test = serverSuite<{ sdk: Sdk; q: Queries; client: QueryClient }>('query: TanStack Query helpers against test/server');

test.before.each(async (ctx) => {
  ctx.sdk = (await signedInSdk(ctx.server)).sdk;
  ctx.q = createQueries(ctx.sdk);
  ctx.client = queryClient();
});
test.after.each((ctx) => ctx.client.clear());

test('fetchQuery: the operation’s data under [tether, <tag>.<operationId>, init]', async ({ server, sdk, q, client }) => {
  const orderId = server.store.ordersOf('alice@example.com')[0]!.id;
  const init = { params: { path: { orderId } } };
  const options = q.orders.getOrder.queryOptions(init);
  assert.equal(options.queryKey, ['tether', 'orders.getOrder', { params: { path: { orderId } } }]);
  const order = await client.fetchQuery(options);
  assert.is(order.id, orderId);
  assert.equal(client.getQueryData(q.orders.getOrder.queryKey(init)), order, 'stored under the key a second helper call derives');
  assert.equal(order, await sdk.orders.getOrder(init), 'the same data as the SDK call');
  // A prefix of the key matches every init of the operation (invalidateQueries({ queryKey })).
  assert.is(client.getQueryCache().findAll({ queryKey: ['tether', 'orders.getOrder'] }).length, 1);
  // An SDK error is the query's error, typed as always.
  const missing = await client.fetchQuery(q.orders.getOrder.queryOptions({ params: { path: { orderId: '00000000-0000-4000-8000-00000000dead' } } })).catch((e: unknown) => e);
  assert.ok(isNetworkError(missing) && missing.type === 'NOT_FOUND', String(missing));
});

test('two SDKs in one client keep apart with their own prefix', async ({ server, q, client }) => {
  const v = createQueries(createSdk({ baseUrl: server.url, logLevel: 'off' }), { prefix: 'shop-v1-anon' });
  assert.equal(v.users.getMe.queryKey(), ['shop-v1-anon', 'users.getMe', {}]);
  assert.equal(q.users.getMe.queryKey(), ['tether', 'users.getMe', {}]);
  const me = await client.fetchQuery(q.users.getMe.queryOptions());
  assert.is(me.email, 'alice@example.com');
  const anonymous = await client.fetchQuery(v.users.getMe.queryOptions()).catch((e: unknown) => e);
  assert.ok(isNetworkError(anonymous) && anonymous.type === 'UNAUTHORIZED', 'the other SDK’s query ran on its own');
  assert.throws(() => createQueries(createSdk({ baseUrl: server.url }), { prefix: '' }), /prefix/);
});

test('fetchInfiniteQuery walks the cursor pages the generated pagination meta describes', async ({ server, q, client }) => {
  const all = server.store.ordersOf('alice@example.com').length;
  assert.is(all, 5);
  const options = q.orders.listOrders.infiniteQueryOptions({ params: { query: { limit: 2 } } });
  assert.equal(options.queryKey, ['tether', 'orders.listOrders', { params: { query: { limit: 2 } } }, 'infinite']);
  assert.equal(options.initialPageParam, { limit: 2 });
  const data = await client.fetchInfiniteQuery({ ...options, pages: 10 });
  assert.equal(data.pages.map((page) => page.items.length), [2, 2, 1], 'stops where the server gives no next cursor');
  const ids = data.pages.flatMap((page) => page.items.map((order) => order.id));
  assert.is(new Set(ids).size, 5, 'every order once');
  assert.is(data.pageParams[1]?.cursor, data.pages[0]?.nextCursor, 'the next page asks for the previous page’s cursor');
  const lists = server.requests.filter((r) => r.method === 'GET' && r.path === '/orders');
  assert.is(lists.length, 3);
  assert.ok(lists.every((r) => r.url.includes('limit=2')), 'the init’s query stays on every page');
  // Page params are plain JSON (they are persisted with the data).
  assert.equal(JSON.parse(JSON.stringify(data.pageParams)), data.pageParams);
});

test('cancelQueries aborts the SDK’s request on the wire (TanStack’s signal is the call’s)', async ({ server, client }) => {
  let failed!: (abortedBySignal: boolean) => void;
  const fetchFailed = new Promise<boolean>((resolve) => (failed = resolve));
  // A pass-through platform fetch that only reports how its request ended (a custom fetch is
  // handed the attempt's Request, docs/architecture.md). Without the signal reaching it, the
  // request would hang until the suite closes the server and this test would fail by its limit.
  const recording: typeof fetch = async (input, init) => {
    try {
      return await fetch(input, init);
    } catch (error) {
      const signal = input instanceof Request ? input.signal : init?.signal;
      failed(signal?.aborted === true);
      throw error;
    }
  };
  const { sdk } = await signedInSdk(server, 'alice@example.com', { fetch: recording, retry: false });
  const q = createQueries(sdk);
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  const options = q.users.getMe.queryOptions();
  const pending = client.fetchQuery(options).catch((e: unknown) => e);
  await whenRequested(server, (r) => r.path === '/users/me');
  await client.cancelQueries({ queryKey: options.queryKey });
  const outcome = await pending;
  assert.ok(outcome instanceof Error, 'the query rejects');
  assert.is(await fetchFailed, true, 'the platform fetch ended because its signal was aborted');
  assert.is(client.getQueryState(options.queryKey)?.fetchStatus, 'idle');
  assert.is(server.requests.filter((r) => r.path === '/users/me').length, 1, 'not retried');
});

test('mutationOptions: one order, and TanStack’s own retry resends the same Idempotency-Key', async ({ server, q, client }) => {
  // The SDK's retry is off so TanStack's retry is what resends after the dropped connection.
  const { sdk } = await signedInSdk(server, 'alice@example.com', { retry: false });
  const helpers = createQueries(sdk);
  assert.equal(q.orders.createOrder.mutationKey, ['tether', 'orders.createOrder']);
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
  const observer = new MutationObserver(client, { ...helpers.orders.createOrder.mutationOptions(), retry: 1, retryDelay: 0 });
  const variables = { body: newOrder };
  const created = await observer.mutate(variables);
  const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  assert.is(posts.length, 2, 'the first answer was lost, TanStack sent again');
  assert.is(posts[0]?.headers['idempotency-key'], posts[1]?.headers['idempotency-key']);
  assert.type(observer.getCurrentResult().variables?.idempotencyKey, 'string', 'the key lives in the mutation’s variables (persisted with them)');
  assert.is(server.ledger.count('order.created'), 1, 'applied once');
  assert.is(created.items[0]?.sku, 'MUG-LOGO');
});

test('an app-given idempotencyKey is sent as is; keyless operations get none', async ({ server, q, client }) => {
  const created = await new MutationObserver(client, q.orders.createOrder.mutationOptions()).mutate({ body: newOrder, idempotencyKey: 'app-key-1' });
  assert.is(server.requests.find((r) => r.method === 'POST' && r.path === '/orders')?.headers['idempotency-key'], 'app-key-1');
  const variables = { params: { path: { orderId: created.id } }, body: { note: 'ring twice' } };
  const updated = await new MutationObserver(client, q.orders.updateOrder.mutationOptions()).mutate(variables);
  assert.is(updated.note, 'ring twice');
  assert.not.ok('idempotencyKey' in variables, 'PATCH declares no key: the variables are left alone');
  assert.equal(server.ledger.counts(), { login: 1, 'order.created': 1, 'order.updated': 1 });
});

test('a signal in the helpers’ call options is refused (TanStack owns cancellation)', ({ q }) => {
  const signal = new AbortController().signal;
  assert.throws(() => (q.users.getMe.queryOptions as (i: unknown, o: unknown) => unknown)(undefined, { signal }), /signal/);
  assert.throws(() => (q.orders.createOrder.mutationOptions as (o: unknown) => unknown)({ signal }), /signal/);
});

test.run();
