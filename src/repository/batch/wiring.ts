/**
 * Everything batching adds to a runtime, as one value the runtime receives instead of importing
 * it (the pattern of auth-wiring.ts and cache-wiring.ts): the `batch` option's checks, the mark
 * on calls the batcher may take (batchable.ts), the exchange that answers them under the cache
 * (batch-exchange.ts), and the runner of the batch operations. `createSdk` always has it;
 * `createClient` only with `withBatch(options, …operations)`, so an app that never batches
 * bundles none of it.
 *
 * Batch calls run on a runner of their own, straight on the pipeline (auth, retry, timeout,
 * logging): not through the cache, which would treat the POST as a mutation, and not through
 * the app's `onDeprecation`. A deprecated batch operation is the SDK's choice, not a call the app
 * made, so its notice is one `warn` line saying which batching depends on it (see the docs).
 */
import type { OperationMeta } from '../../contract/operation.js';
import type { FetchLike } from '../../network/types.js';
import type { ResolvedNetworkOptions } from '../../network/options.js';
import { createCallRunner, type CallExchange, type CallRunner } from '../../service/call.js';
import { describeNotice } from '../../service/deprecation.js';
import type { CallOptions, ResolvedServiceOptions } from '../../service/options.js';
import { BATCH_ITEM, batchableId } from './batchable.js';
import { batchExchange } from './batch-exchange.js';
import { batchedOperation, batchSizeOf, type ItemLoader } from './batched-operation.js';
import { checkNamedOperations, resolveBatchOption } from './options.js';

/** A bound call: `(init, options)` → the success body. */
export type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** The resolved SDK options batching reads (the top's resolved options have them all). */
export type BatchHostOptions = ResolvedNetworkOptions & ResolvedServiceOptions;

/** One runtime's batching, as the runtime composes it. */
export interface BatchLayer {
  /** `run` as is, or marking the calls the batcher may take when the option and the spec say so. */
  bind(meta: OperationMeta, run: Run): Run;
  /** The exchange under the cache that answers marked calls from their batcher. */
  exchange(next: CallExchange): CallExchange;
  /** Once every operation is known: a TypeError for an id in `batch` that is not batchable. */
  check(): void;
}

/** What a runtime asks of the batch wiring; `createRuntime` and `withBatch` hand it in. */
export interface BatchWiring {
  /**
   * Checks `batch` on the raw options; undefined when batching is off. `given`: the operations
   * `withBatch` was handed (createClient), the only ones it knows; absent (createSdk), it
   * learns every operation the runtime binds.
   */
  start(raw: { readonly batch?: unknown }, resolved: BatchHostOptions, pipeline: FetchLike, given?: readonly OperationMeta[]): BatchLayer | undefined;
}

/** The batch wiring as createSdk always has it. */
export const batchWiring: BatchWiring = {
  start(raw, resolved, pipeline, given) {
    const settings = resolveBatchOption(raw.batch);
    if (raw.batch === undefined || raw.batch === false) return undefined;
    const known = new Map<string, OperationMeta>();
    for (const meta of given ?? []) known.set(meta.id, meta);
    const batchRunner: CallRunner = createCallRunner(
      {
        ...resolved,
        onDeprecation: (notice) =>
          resolved.log.warn(`batching (options.batch) calls a deprecated operation. The SDK calls it, not the app, so onDeprecation is not told; batched reads fail once it is gone, so turn batching off for them before then. ${describeNotice(notice)}`, { operation: notice.operation }),
      },
      pipeline,
    );
    const loaders = new Map<string, ItemLoader>();
    const baseUrl = resolved.baseUrl.replace(/\/+$/, '');

    const layer: BatchLayer = {
      bind(meta, run) {
        if (given === undefined) known.set(meta.id, meta);
        const batch = meta.batch;
        const tuning = batch && known.has(meta.id) ? settings.tuning(meta.id) : undefined;
        if (!batch || !tuning) return run;
        batchSizeOf(meta, batch, tuning); // a maxBatchSize above the spec's maxItems: TypeError now
        return (init, callOptions) => {
          const id = known.has(batch.operation) ? batchableId(meta, batch, init, callOptions, resolved.validate) : undefined;
          return id === undefined ? run(init, callOptions) : run(init, { ...(callOptions as object | undefined), [BATCH_ITEM]: { id } });
        };
      },
      exchange: (next) =>
        batchExchange(next, (meta) => {
          let load = loaders.get(meta.id);
          const batch = meta.batch;
          const target = batch && known.get(batch.operation);
          const tuning = settings.tuning(meta.id);
          if (load === undefined && batch && target && tuning) {
            load = batchedOperation(meta, batch, tuning, (init, options) => batchRunner(target, init, options as CallOptions), baseUrl);
            loaders.set(meta.id, load);
          }
          return load;
        }),
      check() {
        const batchable = [...known.values()].filter((m) => m.batch !== undefined).map((m) => m.id);
        checkNamedOperations(settings, batchable, given === undefined ? 'options.batch' : 'withBatch: options.batch');
        for (const id of batchable) {
          const target = known.get(id)!.batch!.operation;
          if (given !== undefined && settings.tuning(id) && !known.has(target)) {
            throw new TypeError(`Tether: withBatch: ${id} is batched through ${target}; hand that operation to withBatch too (withBatch(options, ${id.split('.').pop()}, ${target.split('.').pop()}))`);
          }
        }
      },
    };
    if (given !== undefined) layer.check();
    return layer;
  },
};

/** Where `withBatch` leaves the wiring on an options object (a registry symbol: safe across copies). */
export const BATCH_WIRING: unique symbol = /* @__PURE__ */ Symbol.for('tether.batchWiring');

/** What `withBatch` leaves under BATCH_WIRING. */
export interface WithBatch {
  readonly wiring: BatchWiring;
  readonly operations: readonly OperationMeta[];
}

/**
 * `options` for `createClient` with batching on: `operations` are the standalone functions
 * batching may use, each batchable read to batch and its batch operation (for the Shop API
 * `withBatch(options, getUser, batchGetUsers)`); `options.batch` picks and tunes them as with
 * `createSdk` and defaults to `true` here. Only an app that calls this bundles the batcher;
 * `createClient` refuses `batch` without it.
 */
export function withBatch<O extends object>(options: O, ...operations: ReadonlyArray<{ readonly meta: OperationMeta }>): O {
  const metas = operations.map((op, i) => {
    if (typeof op?.meta?.id !== 'string') throw new TypeError(`Tether: withBatch: argument ${i + 2} is not a generated operation function`);
    return op.meta;
  });
  if (metas.length === 0) throw new TypeError('Tether: withBatch(options, ...operations) needs the reads to batch and their batch operations, e.g. withBatch(options, getUser, batchGetUsers)');
  const batch = (options as { batch?: unknown }).batch ?? true;
  const handed: WithBatch = { wiring: batchWiring, operations: metas };
  return { ...options, batch, [BATCH_WIRING]: handed };
}
