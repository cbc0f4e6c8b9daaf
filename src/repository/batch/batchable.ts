/**
 * Which calls of a batchable read the batcher may take, and how the call carries that down to
 * the batch exchange. A call qualifies when it carries nothing but the id (and at most a
 * `signal`, or a `cache` choice, which the cache above the batcher has already applied) and
 * its input passes the single read's own schemas. Anything else (other parameters, per-call
 * `timeoutMs`/`retry`/`validate`/…, `.safe()`/`.raw()`, bad input) is sent as the single call,
 * so its behaviour never changes by being batchable.
 */
import type { BatchMeta, OperationMeta } from '../../contract/operation.js';
import { isThenable, requestIssues, type ValidateMode } from '../../service/validate.js';

/**
 * The call option key (not public) that marks a call as taken by the batcher, holding its id as
 * the caller gave it. A registry symbol: it rides through the cache's exchange with the call's
 * other options and can never clash with a real option.
 */
export const BATCH_ITEM: unique symbol = /* @__PURE__ */ Symbol.for('tether.batchItem');

/** What the mark holds. */
export interface BatchItemMark {
  readonly id: string | number;
}

/** Call options a batched call may carry: they do not change what the batch call sends. */
const ALLOWED_OPTIONS: ReadonlySet<PropertyKey> = new Set(['signal', 'cache']);

/** The id of a call `meta`'s batcher may take, else undefined (see the module comment). */
export function batchableId(meta: OperationMeta, batch: BatchMeta, init: unknown, options: unknown, validate: ValidateMode): string | number | undefined {
  if (options !== undefined) {
    if (typeof options !== 'object' || options === null) return undefined;
    // Symbol keys too: `.safe()`/`.raw()` pass the Response sink that way, and need a Response of their own.
    if (Reflect.ownKeys(options).some((k) => !ALLOWED_OPTIONS.has(k))) return undefined;
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
  if (!(typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)))) return undefined;
  // Input the single read refuses goes out as the single call, which reports it (VALIDATION)
  // instead of failing a whole batch with the server's 422.
  return validate === 'off' || inputValid(meta, init) ? id : undefined;
}

/** True when the single read's own schemas accept the input. */
function inputValid(meta: OperationMeta, init: unknown): boolean {
  try {
    const found = requestIssues(meta, init as Parameters<typeof requestIssues>[1]);
    // An asynchronous validator: let the single call path run it properly.
    return !isThenable(found) && found.length === 0;
  } catch {
    return false;
  }
}
