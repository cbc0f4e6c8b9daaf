/**
 * A call made with `{ offline: 'queue' }`: offline now, its intent is queued and the call
 * resolves with a QueuedResult; online, it is sent with its idempotency key fixed up front, and
 * a failure that outlived the network layer's retries (connection, timeout, 5xx, 408, 429) is
 * queued with that same key, so whichever of the two reached the server is applied once.
 */
import type { OperationMeta } from '../../contract/operation.js';
import { RESPONSE_SINK } from '../../service/call.js';
import { isRetryable } from './classify.js';
import type { OfflineEngine } from './queue.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;

interface QueueCallOptions {
  readonly offline?: unknown;
  readonly idempotencyKey?: string | undefined;
  readonly signal?: AbortSignal | undefined;
}

const READS = new Set(['get', 'head', 'options', 'trace']);

/** `run` with the per-call `offline` option handled. */
export function queueingRun(meta: OperationMeta, run: Run, engine: OfflineEngine): Run {
  return async (init, rawOptions) => {
    const options = rawOptions as QueueCallOptions | undefined;
    const mode = options?.offline;
    if (mode === undefined) return run(init, rawOptions);
    if (mode !== 'queue') throw new TypeError(`Tether: ${meta.id}: options.offline must be 'queue' or undefined`);
    if (READS.has(meta.method)) throw new TypeError(`Tether: ${meta.id} is a read; only mutations can be queued with { offline: 'queue' }`);
    // .raw() and .safe() promise a Response, which a queued call does not have.
    if ((rawOptions as { [RESPONSE_SINK]?: unknown })[RESPONSE_SINK] !== undefined) {
      throw new TypeError(`Tether: ${meta.id}: { offline: 'queue' } works with the plain call only, not .raw() or .safe() (a queued call has no Response)`);
    }
    const { key } = engine.prepare(meta, init, options?.idempotencyKey);
    if (!engine.isOnline()) return engine.enqueueCall(meta, init, key, 0);
    try {
      return await run(init, { ...options, offline: undefined, idempotencyKey: key ?? options?.idempotencyKey });
    } catch (error) {
      // The caller's own abort is theirs: never queued behind their back.
      if (!isRetryable(error) || options?.signal?.aborted) throw error;
      return engine.enqueueCall(meta, init, key, 1);
    }
  };
}
