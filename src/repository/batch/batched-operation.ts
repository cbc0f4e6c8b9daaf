/**
 * One single-item read served through its batch operation (`x-tether-batch`): the batcher that
 * coalesces the ids its calls ask for into calls of the batch operation (auth, retry, timeout,
 * validation of the batch answer: the normal call path), and finds each caller's item in the
 * answer. An id the answer lacks fails only its callers (NOT_FOUND, cause BatchItemMissingError);
 * a failed batch call fails every caller of that batch with its NetworkError.
 */
import type { BatchMeta, OperationMeta } from '../../contract/operation.js';
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';
import { RESPONSE_SINK, type ResponseSink } from '../../service/call.js';
import { createBatcher } from './batcher.js';
import { BatchItemMissingError } from './errors.js';
import type { BatchTuning } from './options.js';

/** A call of the batch operation: `(init, options)` → its success body. */
export type BatchCall = (init: unknown, options: { readonly signal: AbortSignal; readonly [RESPONSE_SINK]: ResponseSink }) => Promise<unknown>;

/** One caller's item and the headers of the batch answer it came in. */
export interface BatchedItem {
  readonly value: Record<string, unknown>;
  readonly headers: Headers;
}

/** Loads one id through the batcher. */
export type ItemLoader = (id: string | number, signal: AbortSignal | undefined) => Promise<BatchedItem>;

/** Why the default cap: the most ids most batch endpoints take when the spec sets no maxItems. */
const DEFAULT_MAX_BATCH_SIZE = 100;

/** The largest batch for `meta`; a `maxBatchSize` above the spec's `maxItems` is a TypeError. */
export function batchSizeOf(meta: OperationMeta, batch: BatchMeta, tuning: BatchTuning): number {
  const cap = batch.maxItems ?? DEFAULT_MAX_BATCH_SIZE;
  const maxBatchSize = tuning.maxBatchSize ?? cap;
  if (maxBatchSize > cap) {
    throw new TypeError(`Tether: options.batch[${JSON.stringify(meta.id)}].maxBatchSize ${maxBatchSize} is above the ${cap} ids ${batch.operation} accepts`);
  }
  return maxBatchSize;
}

/** The loader of `meta`'s items (see the module comment); `baseUrl` names the URLs of per-item errors. */
export function batchedOperation(meta: OperationMeta, batch: BatchMeta, tuning: BatchTuning, callBatch: BatchCall, baseUrl: string): ItemLoader {
  const maxBatchSize = batchSizeOf(meta, batch, tuning);
  const urlOf = (id: string): string => `${baseUrl}${batch.idIn === 'path' ? meta.path.replace(`{${batch.idParam}}`, encodeURIComponent(id)) : meta.path}`;
  // Ids are matched as strings (an item's `id: 5` answers for a requested `5`); ids that are
  // not strings are sent as the caller gave them.
  const given = new Map<string, unknown>();

  const batcher = createBatcher<string, BatchedItem>({
    maxBatchSize,
    windowMs: tuning.windowMs,
    async load(keys, signal) {
      const ids = keys.map((k) => (given.has(k) ? given.get(k) : k));
      for (const k of keys) given.delete(k);
      const body = batch.requestField === undefined ? ids : { [batch.requestField]: ids };
      let headers = new Headers();
      const data = await callBatch({ body }, { signal, [RESPONSE_SINK]: (response) => (headers = response.headers) });
      const list = batch.responseField === undefined ? data : (data as Record<string, unknown> | null | undefined)?.[batch.responseField];
      if (!Array.isArray(list)) {
        throw new NetworkError({
          type: NetworkErrorType.UNKNOWN,
          summary: `Answer of ${batch.operation} has no list of items${batch.responseField === undefined ? '' : ` at ${batch.responseField}`}`,
          method: 'POST',
          url: baseUrl,
          source: 'server',
        });
      }
      return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null).map((value) => ({ value, headers }));
    },
    key: (item) => String(item.value[batch.itemKey]),
    missing: (id) =>
      new NetworkError({
        type: NetworkErrorType.NOT_FOUND,
        summary: `${batch.operation} found no item ${id} for ${meta.id}`,
        method: meta.method,
        url: urlOf(id),
        source: 'server',
        cause: new BatchItemMissingError(id),
      }),
    cancelled: (id, reason) => new NetworkError({ type: NetworkErrorType.CANCELLED, summary: `Request to ${meta.id} was aborted by the caller`, method: meta.method, url: urlOf(id), cause: reason }),
  });

  return (id, signal) => {
    const key = String(id);
    if (typeof id !== 'string') given.set(key, id);
    return batcher.load(key, signal);
  };
}
