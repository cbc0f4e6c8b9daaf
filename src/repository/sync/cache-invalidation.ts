/**
 * Keeps the SDK's HTTP cache in step with a sync: after each batch, the stored reads of every
 * changed or deleted record (and the list reads named) are invalidated, so the next read asks
 * the server (a cheap 304 when nothing changed for it) instead of serving a copy the feed just
 * said is stale. The cache stores HTTP answers, not records, so it is invalidated, not written.
 */
import type { CacheInit, CacheOperationId, SdkCache } from '../sdk-cache.js';
import type { SyncBatch } from './types.js';

/** What to invalidate: the single-record read and, optionally, list reads. */
export interface CacheInvalidationOptions<S, K extends CacheOperationId<S>, L extends CacheOperationId<S>> {
  /** The SDK's cache (`sdk.cache`). */
  readonly cache: SdkCache<S>;
  /** The read of one record and how a record id becomes its init, e.g. `['orders.getOrder', (orderId) => ({ params: { path: { orderId } } })]`. */
  readonly record: readonly [K, (id: string) => CacheInit<S, K>];
  /** List reads whose answers any change may affect, e.g. `[['orders.listOrders', {}]]`. */
  readonly lists?: ReadonlyArray<readonly [L, CacheInit<S, L>]> | undefined;
}

/** Returns the `cache` step of `createSync`: invalidates what a batch touched (everything on a reset). */
export function cacheInvalidation<S, K extends CacheOperationId<S>, L extends CacheOperationId<S> = K>(
  options: CacheInvalidationOptions<S, K, L>,
): (batch: SyncBatch<unknown>, ids: ReadonlyArray<string>) => Promise<void> {
  const [operation, initFor] = options.record;
  return async (batch, ids) => {
    // A reset replaces the app's whole copy: every stored answer may describe records that are gone.
    if (batch.reset) return options.cache.clear();
    for (const id of ids) await options.cache.invalidate(operation, initFor(id));
    if (ids.length > 0) for (const [list, init] of options.lists ?? []) await options.cache.invalidate(list, init);
  };
}
