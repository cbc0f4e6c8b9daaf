/**
 * One single-item read served through its batch operation (`x-tether-batch`): calls that carry
 * only the id (and at most a signal) are coalesced by a batcher into calls of the batch
 * operation, which go through the normal call path (auth, retry, timeout, validation of the
 * batch answer). Each caller gets its own item, checked against the single read's own success
 * schema, so the result is exactly what the single call would have typed. Anything else (more
 * parameters, per-call options, `.safe()`/`.raw()`, input the single read's schema refuses) is
 * sent as the single call, so its behaviour never changes by being batchable.
 */
import type { BatchMeta, OperationMeta } from '../../contract/operation.js';
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';
import { isThenable, issuesOf, requestIssues, type ValidateMode } from '../../service/validate.js';
import { createBatcher } from './batcher.js';
import { BatchItemMissingError } from './errors.js';
import type { BatchTuning } from './options.js';

/** A bound call: `(init, options)` → the success body. */
export type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** What a batched operation needs from the runtime around it. */
export interface BatchedOperationDeps {
  /** The single call, for calls that cannot be batched. */
  readonly single: Run;
  /** A call of the batch operation through the normal call path. */
  readonly callBatch: Run;
  /** The SDK's validate mode (per-call `validate` makes a call unbatchable). */
  readonly validate: ValidateMode;
  /** For the URLs the per-item errors name. */
  readonly baseUrl: string;
}

/** Why the default cap: the most ids most batch endpoints take when the spec sets no maxItems. */
const DEFAULT_MAX_BATCH_SIZE = 100;

/** Wraps `meta`'s calls so calls made together go out as batch calls (see the module comment). */
export function batchedOperation(meta: OperationMeta, batch: BatchMeta, tuning: BatchTuning, deps: BatchedOperationDeps): Run {
  const cap = batch.maxItems ?? DEFAULT_MAX_BATCH_SIZE;
  const maxBatchSize = tuning.maxBatchSize ?? cap;
  if (maxBatchSize > cap) {
    throw new TypeError(`Tether: options.batch[${JSON.stringify(meta.id)}].maxBatchSize ${maxBatchSize} is above the ${cap} ids ${batch.operation} accepts`);
  }
  const success = successSchema(meta);
  const urlOf = (id: string): string => `${deps.baseUrl}${batch.idIn === 'path' ? meta.path.replace(`{${batch.idParam}}`, encodeURIComponent(id)) : meta.path}`;
  // Ids are matched as strings (an item's `id: 5` answers for a requested `5`); ids that are
  // not strings are sent as the caller gave them.
  const given = new Map<string, unknown>();

  const batcher = createBatcher<string, Record<string, unknown>>({
    maxBatchSize,
    windowMs: tuning.windowMs,
    async load(keys, signal) {
      const ids = keys.map((k) => (given.has(k) ? given.get(k) : k));
      for (const k of keys) given.delete(k);
      const body = batch.requestField === undefined ? ids : { [batch.requestField]: ids };
      const data = await deps.callBatch({ body }, { signal });
      const list = batch.responseField === undefined ? data : (data as Record<string, unknown> | null | undefined)?.[batch.responseField];
      if (!Array.isArray(list)) {
        throw new NetworkError({
          type: NetworkErrorType.UNKNOWN,
          summary: `Answer of ${batch.operation} has no list of items${batch.responseField === undefined ? '' : ` at ${batch.responseField}`}`,
          method: 'POST',
          url: deps.baseUrl,
          source: 'server',
        });
      }
      return list.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null);
    },
    key: (item) => String(item[batch.itemKey]),
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

  return async (init, options) => {
    const id = batchableId(batch, init, options);
    if (id === undefined || deps.validate !== 'off' && !inputValid(meta, init)) return deps.single(init, options);
    const key = String(id);
    if (typeof id !== 'string') given.set(key, id);
    const item = await batcher.load(key, (options as { signal?: AbortSignal } | undefined)?.signal);
    if (deps.validate === 'strict' && success) {
      const found = issuesOf(success, item);
      const issues = isThenable(found) ? await found : found;
      if (issues) {
        throw new NetworkError({
          type: NetworkErrorType.UNKNOWN,
          summary: `Item ${key} of ${batch.operation} does not match the response schema of ${meta.id}`,
          method: meta.method,
          url: urlOf(key),
          data: item,
          issues,
          source: 'server',
        });
      }
    }
    return item;
  };
}

/** The id of a call that carries nothing but it (and at most a signal); else undefined. */
function batchableId(batch: BatchMeta, init: unknown, options: unknown): string | number | undefined {
  if (options !== undefined) {
    // Symbol keys too: `.safe()`/`.raw()` pass the Response sink that way, and need a Response of their own.
    const keys = Reflect.ownKeys(options as object);
    if (keys.some((k) => k !== 'signal')) return undefined;
  }
  if (typeof init !== 'object' || init === null) return undefined;
  const { params, ...rest } = init as { params?: Record<string, unknown> };
  if (Object.keys(rest).length > 0 || typeof params !== 'object' || params === null) return undefined;
  let id: unknown;
  for (const [where, group] of Object.entries(params)) {
    if (group === undefined) continue;
    if (typeof group !== 'object' || group === null) return undefined;
    const entries = Object.entries(group).filter(([, v]) => v !== undefined);
    if (entries.length === 0) continue;
    if (where !== batch.idIn || entries.length !== 1 || entries[0]![0] !== batch.idParam) return undefined;
    id = entries[0]![1];
  }
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : undefined;
}

/** True when the single read's own schemas accept the input (else the single call reports it). */
function inputValid(meta: OperationMeta, init: unknown): boolean {
  try {
    const found = requestIssues(meta, init as Parameters<typeof requestIssues>[1]);
    // An asynchronous validator: let the single call path run it properly.
    return !isThenable(found) && found.length === 0;
  } catch {
    return false;
  }
}

/** The single read's success schema (200, else the first 2xx one). */
function successSchema(meta: OperationMeta) {
  const responses = meta.schemas.responses ?? {};
  return responses['200'] ?? Object.entries(responses).find(([status]) => /^2/.test(status))?.[1];
}
