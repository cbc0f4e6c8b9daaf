/**
 * Bridges the SDK's HTTP cache to TanStack Query: while a query made by the helpers has an
 * observer (a mounted `useQuery`, a `QueryObserver`), its request is subscribed with
 * `sdk.cache.subscribe`, so what the cache learns without TanStack asking lands in TanStack:
 * a stale-while-revalidate refresh in the background, or a newer answer another call stored
 * → `setQueryData`; the entry invalidated (a mutation of the resource, `sdk.cache.invalidate`)
 * → `invalidateQueries`, which refetches active queries; the cache cleared (logout, another
 * user) → `resetQueries`, which drops the previous user's data from TanStack too rather than
 * only marking it stale. Queries nobody observes are not subscribed: they refetch when next used.
 */
import type { CacheSubscription, CacheUpdate } from '../sdk-cache.js';
import type { QueryClientLike, QueryLike } from './client-types.js';
import { sdkMethods } from './create-queries.js';
import { parseQueryKey, resolvePrefix } from './keys.js';
import { isReadOperation } from './operation-helpers.js';
import type { TetherQueryOptionsConfig } from './types.js';

/** `sdk.cache` as far as the bridge uses it. */
interface BridgedCache {
  readonly enabled: boolean;
  subscribe(operation: string, init: unknown, listener: (update: CacheUpdate<unknown>) => void): CacheSubscription;
}

/** Thrown when the SDK has no cache to bridge (created without the `cache` option). */
export class CacheBridgeError extends TypeError {
  override readonly name = 'CacheBridgeError';
}

/** Stops the bridge; `ready()` resolves once every current subscription listens (its key needs the user's scope, read asynchronously). */
export type CacheBridge = (() => void) & { ready(): Promise<void> };

/** Starts the bridge for every query of `sdk` in `queryClient`; returns the function that stops it. */
export function bridgeTetherCache(queryClient: QueryClientLike, sdk: object, options: TetherQueryOptionsConfig = {}): CacheBridge {
  const prefix = resolvePrefix(options.prefix);
  const cache = (sdk as { cache?: BridgedCache }).cache;
  if (cache === undefined || typeof cache.subscribe !== 'function' || !cache.enabled) {
    throw new CacheBridgeError('Tether: bridgeTetherCache needs an SDK created with the `cache` option (there is nothing to bridge otherwise)');
  }
  const reads = new Set([...sdkMethods(sdk)].filter(([, method]) => isReadOperation(method.meta)).map(([id]) => id));
  const subscriptions = new Map<string, CacheSubscription>();

  const forward = (query: QueryLike, update: CacheUpdate<unknown>): void => {
    const filter = { queryKey: query.queryKey, exact: true as const };
    if (update.type === 'updated') queryClient.setQueryData(query.queryKey, () => update.data);
    // Both refetch active queries through the SDK; a failed refetch is the query's own error
    // state (TanStack rejects here only with `throwOnError`, which the bridge never sets).
    else if (update.type === 'invalidated') void queryClient.invalidateQueries(filter);
    else void queryClient.resetQueries(filter);
  };

  const watch = (query: QueryLike): void => {
    if (subscriptions.has(query.queryHash) || query.getObserversCount() === 0) return;
    const parsed = parseQueryKey(prefix, query.queryKey);
    if (!parsed || !reads.has(parsed.operation)) return;
    subscriptions.set(query.queryHash, cache.subscribe(parsed.operation, parsed.init, (update) => forward(query, update)));
  };

  const unwatch = (query: QueryLike): void => {
    subscriptions.get(query.queryHash)?.();
    subscriptions.delete(query.queryHash);
  };

  for (const query of queryClient.getQueryCache().getAll()) watch(query);
  const off = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'observerAdded') watch(event.query);
    else if (event.type === 'removed' || (event.type === 'observerRemoved' && event.query.getObserversCount() === 0)) unwatch(event.query);
  });
  const stop = () => {
    off();
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
  return Object.assign(stop, { ready: async () => void (await Promise.all([...subscriptions.values()].map((s) => s.ready))) });
}
