/**
 * bridgeTetherCache against test/server: an observed query hears what the SDK's cache learns
 * without TanStack asking. A stale-while-revalidate refresh in the background lands in the query
 * via setQueryData; the entry invalidated refetches it; the cache cleared resets it; a query
 * nobody observes is not subscribed; the bridge refuses an SDK without a cache.
 */
import * as assert from 'uvu/assert';
import { QueryClient, QueryObserver } from '@tanstack/query-core';
import { serverSuite } from '../helpers/server-suite.js';
import { signedInSdk } from '../e2e/helpers.js';
import { bridgeTetherCache, CacheBridgeError, createQueries, createSdk } from '../../generated/v1/index.js';

const test = serverSuite('query: the SDK cache bridged into TanStack Query');

const queryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity, staleTime: Infinity } } });

/** Resolves when `check` holds after one of the client's query cache events. */
function when(client: QueryClient, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (check()) return resolve();
    const off = client.getQueryCache().subscribe(() => {
      if (!check()) return;
      off();
      resolve();
    });
  });
}

test('a background SWR refresh reaches the observed query; invalidation refetches; clear resets', async ({ server }) => {
  const clock = { now: Date.now() };
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: { now: () => clock.now }, cache: { strategy: 'stale-while-revalidate' } });
  const { sdk: other } = await signedInSdk(server); // another device: no cache
  const q = createQueries(sdk);
  const client = queryClient();
  const orderId = server.store.ordersOf('alice@example.com')[0]!.id;
  const init = { params: { path: { orderId } } };
  const key = q.orders.getOrder.queryKey(init);
  const bridge = bridgeTetherCache(client, sdk);
  const observer = new QueryObserver(client, q.orders.getOrder.queryOptions(init));
  const off = observer.subscribe(() => undefined);
  try {
    await when(client, () => client.getQueryState(key)?.status === 'success');
    await bridge.ready();
    const gets = () => server.requests.filter((r) => r.method === 'GET' && r.path === `/orders/${orderId}`).length;
    assert.is(gets(), 1);

    // Changed elsewhere; the SDK's entry goes stale (max-age=60); a plain SDK call answers from
    // the cache at once and revalidates in the background. TanStack never asked.
    await other.orders.updateOrder({ params: { path: { orderId } }, body: { note: 'from the other device' } });
    clock.now += 61_000;
    const stale = await sdk.orders.getOrder(init);
    assert.is.not(stale.note, 'from the other device', 'the stale answer first');
    await when(client, () => client.getQueryData<{ note?: string }>(key)?.note === 'from the other device');
    assert.is(gets(), 2, 'the one background request, no refetch by TanStack');

    // Invalidated in the SDK (e.g. a mutation of the resource) → the active query refetches.
    const updates = client.getQueryState(key)!.dataUpdateCount;
    await sdk.cache.invalidate('orders.getOrder', init);
    await when(client, () => gets() === 3 && client.getQueryState(key)?.fetchStatus === 'idle' && client.getQueryState(key)!.dataUpdateCount > updates);

    // Cleared (logout, another user) → reset: the old data is dropped and the query refetches.
    let sawReset = false;
    const watch = client.getQueryCache().subscribe(() => {
      if (client.getQueryState(key)?.data === undefined) sawReset = true;
    });
    await sdk.cache.clear();
    await when(client, () => gets() === 4 && client.getQueryState(key)?.status === 'success' && client.getQueryState(key)?.fetchStatus === 'idle');
    watch();
    assert.ok(sawReset, 'the previous data was dropped, not only marked stale');
  } finally {
    off();
    bridge();
    client.clear();
  }
});

test('only observed queries are subscribed; stopping the bridge ends every subscription', async ({ server }) => {
  const clock = { now: Date.now() };
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: { now: () => clock.now }, cache: { strategy: 'stale-while-revalidate' } });
  const q = createQueries(sdk);
  const client = queryClient();
  const orderId = server.store.ordersOf('alice@example.com')[0]!.id;
  const init = { params: { path: { orderId } } };
  const bridge = bridgeTetherCache(client, sdk);
  try {
    // Fetched but never observed: the bridge leaves it alone.
    await client.fetchQuery(q.orders.getOrder.queryOptions(init));
    await bridge.ready();
    await sdk.cache.invalidate('orders.getOrder', init);
    await new Promise((resolve) => setImmediate(resolve));
    assert.is(client.getQueryState(q.orders.getOrder.queryKey(init))?.isInvalidated, false, 'an unobserved query was not touched');

    // Observed, then the bridge stopped: a later invalidation does not reach it.
    const off = new QueryObserver(client, q.orders.getOrder.queryOptions(init)).subscribe(() => undefined);
    await bridge.ready();
    bridge();
    await sdk.cache.invalidate('orders.getOrder', init);
    await new Promise((resolve) => setImmediate(resolve));
    assert.is(client.getQueryState(q.orders.getOrder.queryKey(init))?.isInvalidated, false, 'the stopped bridge forwards nothing');
    off();
  } finally {
    bridge();
    client.clear();
  }
});

test('an SDK without the cache option is refused by name', ({ server }) => {
  const error = (() => {
    try {
      bridgeTetherCache(queryClient(), createSdk({ baseUrl: server.url }));
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(error instanceof CacheBridgeError, String(error));
});

test.run();
