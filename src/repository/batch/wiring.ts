/**
 * Batching for one SDK instance: remembers every operation the runtime binds (so a single read
 * finds its batch operation by id, whatever order createSdk binds them in) and wraps the single
 * reads the `batch` option turns on. With the option off, `wrap` hands back the run unchanged.
 */
import type { OperationMeta } from '../../contract/operation.js';
import { resolveValidateMode } from '../../service/validate.js';
import { SERVICE_DEFAULTS } from '../../service/options.js';
import { batchedOperation, type Run } from './batched-operation.js';
import { resolveBatchOption } from './options.js';

/** Per-runtime batching; see the module comment. */
export interface Batching {
  /** `run` as is, or batched when the option and the spec say so; `bind` binds the batch operation. */
  wrap(meta: OperationMeta, run: Run, bind: (meta: OperationMeta) => Run): Run;
}

/** Checks `options.batch` (TypeError naming a bad entry) and starts the registry. */
export function createBatching(options: { readonly batch?: unknown; readonly validate?: unknown; readonly baseUrl?: unknown }): Batching {
  const settings = resolveBatchOption(options.batch);
  const validate = resolveValidateMode(options.validate, SERVICE_DEFAULTS.validate);
  const baseUrl = typeof options.baseUrl === 'string' ? options.baseUrl.replace(/\/+$/, '') : '';
  const known = new Map<string, OperationMeta>();
  return {
    wrap(meta, run, bind) {
      known.set(meta.id, meta);
      const batch = meta.batch;
      const tuning = batch && settings(meta.id);
      if (!batch || !tuning) return run;
      // The batch operation is looked up at the first call: createSdk binds every operation
      // before any call, in document order, so it may come after this one.
      let callBatch: Run | undefined;
      const batched = batchedOperation(meta, batch, tuning, {
        single: run,
        callBatch: (init, callOptions) => (callBatch ??= bind(known.get(batch.operation)!))(init, callOptions),
        validate,
        baseUrl,
      });
      return (init, callOptions) => (known.has(batch.operation) ? batched(init, callOptions) : run(init, callOptions));
    },
  };
}
