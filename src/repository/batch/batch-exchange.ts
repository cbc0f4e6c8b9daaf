/**
 * Batching on a call's way to the network: the CallExchange under the cache. The cache answers
 * what it can first; only its misses (and revalidations) come down here. A call the batch
 * wiring marked (batchable.ts, `BATCH_ITEM`) is answered from its operation's batcher with a
 * synthesized 200 (item-response.ts) that the cache stores and the runner parses like the
 * single GET's answer; every other call goes on to `next` unchanged.
 */
import type { OperationMeta } from '../../contract/operation.js';
import type { CallExchange } from '../../service/call.js';
import { BATCH_ITEM, type BatchItemMark } from './batchable.js';
import type { ItemLoader } from './batched-operation.js';
import { itemResponse } from './item-response.js';

/** Builds the exchange around `next`; `loaderOf` gives a marked operation's item loader. */
export function batchExchange(next: CallExchange, loaderOf: (meta: OperationMeta) => ItemLoader | undefined): CallExchange {
  return async (attempt, context, options) => {
    const mark = (options as { readonly [BATCH_ITEM]?: BatchItemMark } | undefined)?.[BATCH_ITEM];
    const load = mark === undefined ? undefined : loaderOf(context.meta);
    if (load === undefined) return next(attempt, context, options);
    // The context's signal: the caller's own, or under the cache the shared flight's, which
    // aborts only when every caller of that flight has left.
    const item = await load(mark!.id, context.signal);
    return itemResponse(item.value, item.headers, attempt.url);
  };
}
