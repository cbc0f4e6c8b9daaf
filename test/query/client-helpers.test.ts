/**
 * The TanStack Query helpers of the tree-shakable form (`createClient` + standalone functions)
 * with @tanstack/query-core against test/server: the same keys as `createQueries(sdk)` (so both
 * forms share one cache entry), queries, infinite queries and mutations run through the client's
 * call path (auth included), and a helper asked for the wrong kind of operation is refused.
 */
import * as assert from 'uvu/assert';
import { MutationObserver, QueryClient, dehydrate, hydrate, onlineManager, type DehydratedState } from '@tanstack/query-core';
import { serverSuite } from '../helpers/server-suite.js';
import { PASSWORD } from '../e2e/helpers.js';
import {
  createClient, createOrder, createQueries, createSdk, getMe, getOrder, isNetworkError, listOrders, login, memoryTokenStore,
  mutationHelpersFor, OperationKindError, queryHelpersFor, registerMutationsFor, streamEvents, withAuth, type Client, type TokenStore,
} from '../../generated/v1/index.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

const test = serverSuite<{ client: Client; queryClient: QueryClient; tokenStore: TokenStore }>('query: helpers for createClient and standalone functions');

test.before.each(async (ctx) => {
  ctx.tokenStore = memoryTokenStore();
  ctx.client = createClient(withAuth({ baseUrl: ctx.server.url, auth: { tokenStore: ctx.tokenStore }, logLevel: 'off' }));
  await login(ctx.client, { body: { email: 'alice@example.com', password: PASSWORD } });
  ctx.queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false, gcTime: Infinity } } });
});
test.after.each((ctx) => {
  ctx.queryClient.clear();
  onlineManager.setOnline(true); // query-core's process-wide singleton
});

test('a query: the client’s data under the key createQueries(sdk) uses too', async ({ server, client, queryClient }) => {
  const orderId = server.store.ordersOf('alice@example.com')[0]!.id;
  const init = { params: { path: { orderId } } };
  const helpers = queryHelpersFor(client, getOrder);
  const sdkKey = createQueries(createSdk({ baseUrl: server.url })).orders.getOrder.queryKey(init);
  assert.equal(helpers.queryKey(init), sdkKey, 'one key for both forms');
  const order = await queryClient.fetchQuery(helpers.queryOptions(init, { timeoutMs: 5_000 }));
  assert.is(order.id, orderId);
  assert.is(queryClient.getQueryData(sdkKey), order, 'found under the SDK form’s key');
  const me = await queryClient.fetchQuery(queryHelpersFor(client, getMe).queryOptions());
  assert.is(me.email, 'alice@example.com', 'the call went through the client’s auth');
  const missing = await queryClient.fetchQuery(helpers.queryOptions({ params: { path: { orderId: '00000000-0000-4000-8000-00000000dead' } } })).catch((e: unknown) => e);
  assert.ok(isNetworkError(missing) && missing.type === 'NOT_FOUND', String(missing));
});

test('an infinite query walks the pages; a prefix keeps two clients apart', async ({ client, queryClient }) => {
  const list = queryHelpersFor(client, listOrders, { prefix: 'shop' });
  const options = list.infiniteQueryOptions({ params: { query: { limit: 2 } } });
  assert.equal(options.queryKey, ['shop', 'orders.listOrders', { params: { query: { limit: 2 } } }, 'infinite']);
  const data = await queryClient.fetchInfiniteQuery({ ...options, pages: 10 });
  assert.equal(data.pages.map((page) => page.items.length), [2, 2, 1]);
  assert.is(queryClient.getQueryData(list.infiniteQueryKey({ params: { query: { limit: 2 } } }))?.pages.length, 3);
});

test('a mutation sends once with its idempotency key, through the client', async ({ server, client, queryClient }) => {
  const before = server.store.ordersOf('alice@example.com').length;
  const helpers = mutationHelpersFor(client, createOrder);
  assert.equal(helpers.mutationKey, ['tether', 'orders.createOrder']);
  const variables = { body: { items: [{ sku: 'CAP-RED', quantity: 1 }], shippingAddress: address } };
  const created = await new MutationObserver(queryClient, helpers.mutationOptions()).mutate(variables);
  assert.ok(created.id);
  assert.type((variables as { idempotencyKey?: unknown }).idempotencyKey, 'string', 'the key was written into the variables');
  assert.is(server.store.ordersOf('alice@example.com').length, before + 1);
});

test('paused offline, persisted, reloaded: registerMutationsFor gives the listed mutations their function', async ({ server, client, queryClient, tokenStore }) => {
  onlineManager.setOnline(false);
  const variables = { body: { items: [{ sku: 'SOCKS-3PK', quantity: 1 }], shippingAddress: address } };
  void new MutationObserver(queryClient, mutationHelpersFor(client, createOrder).mutationOptions()).mutate(variables).catch(() => undefined);
  await Promise.resolve();
  assert.ok(queryClient.getMutationCache().getAll().every((m) => m.state.isPaused), 'paused while offline');
  const persisted = JSON.parse(JSON.stringify(dehydrate(queryClient))) as DehydratedState;
  queryClient.clear(); // the old app is gone

  // The reloaded app: a new client over the same token store, a new QueryClient.
  const reloaded = createClient(withAuth({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' }));
  const next = new QueryClient({ defaultOptions: { mutations: { gcTime: Infinity } } });
  hydrate(next, persisted);
  const keys = registerMutationsFor(next, reloaded, [createOrder, getOrder]);
  assert.equal(keys, [['tether', 'orders.createOrder']], 'reads in the list are skipped');
  onlineManager.setOnline(true);
  await next.resumePausedMutations();
  const mutations = next.getMutationCache().getAll();
  assert.equal(mutations.map((m) => m.state.status), ['success'], mutations.map((m) => String(m.state.error)).join());
  assert.is(server.ledger.count('order.created'), 1, 'applied once');
  next.clear();
});

test('the wrong kind of operation, or something else, is refused at once', ({ client }) => {
  assert.throws(() => queryHelpersFor(client, createOrder as unknown as typeof getOrder), (e: unknown) => e instanceof OperationKindError && e.operation === 'orders.createOrder');
  assert.throws(() => mutationHelpersFor(client, getOrder as unknown as typeof createOrder), (e: unknown) => e instanceof OperationKindError && e.operation === 'orders.getOrder');
  assert.throws(() => queryHelpersFor(client, (() => Promise.resolve()) as unknown as typeof getOrder), TypeError);
  assert.throws(() => queryHelpersFor(client, streamEvents as unknown as typeof getOrder), (e: unknown) => e instanceof OperationKindError && e.operation === streamEvents.meta.id);
  assert.throws(() => queryHelpersFor(client, getOrder, { prefix: '' }), TypeError);
});

test('a client that is not createClient’s fails the query like a direct call would', async ({ queryClient }) => {
  const helpers = queryHelpersFor({} as Client, getMe);
  const error = await queryClient.fetchQuery(helpers.queryOptions()).catch((e: unknown) => e);
  assert.ok(error instanceof TypeError, String(error));
});

test.run();
