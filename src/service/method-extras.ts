/**
 * The variants every generated method carries besides the throwing call:
 *   `.raw(init, options)`   → `{ data, response }`, rejecting like the call itself;
 *   `.safe(init, options)`  → `{ data, response, error: undefined } | { error, response? }`,
 *                             never rejecting with a NetworkError;
 *   `.pages(init, options)` → async iterator over pages; `.all(init, options)` over items.
 * They all run through the same call (auth roles, retries, validation): only how the outcome
 * is handed back differs.
 */
import { isNetworkError, type NetworkError } from '../errors/network-error.js';
import type { CallOptions } from './options.js';
import { RESPONSE_SINK } from './call.js';
import type { OperationFieldPath, OperationMeta } from '../contract/operation.js';
import { items, pages, type PageOptions, type RunCall } from './paginate.js';

/** A settled call with its Response: status, headers (`x-request-id`, ETag, …), url. */
export interface RawResult<Data> {
  readonly data: Data;
  /** Its body has been read (or released) already: use `data`. */
  readonly response: Response;
}

/** What `.safe()` resolves with: check `error` first. */
export type SafeResult<Data, Error = NetworkError> =
  | { readonly data: Data; readonly response: Response; readonly error: undefined }
  | { readonly data: undefined; readonly response: Response | undefined; readonly error: Error };

/**
 * A NetworkError whose `fieldErrors` keys are the operation's own field paths
 * (`items[${number}].quantity`, `limit`, `''`), so a typo in a form binding does not compile.
 */
export type OperationError<Op> = Omit<NetworkError, 'fieldErrors'> & {
  readonly fieldErrors: Readonly<Partial<Record<OperationFieldPath<Op>, ReadonlyArray<string>>>> | undefined;
};

/** Runs a call, resolving with `{ data, response }` (the `.raw()` variant of both SDK forms). */
export async function rawCall(run: RunCall, init: unknown, options: CallOptions | undefined): Promise<RawResult<unknown>> {
  let response: Response | undefined;
  const data = await run(init, withSink(options, (r) => (response = r)));
  return { data, response: response! };
}

/** Runs a call, resolving with `{ data, response }` or `{ error, response? }` (`.safe()`). */
export async function safeCall(run: RunCall, init: unknown, options: CallOptions | undefined): Promise<SafeResult<unknown>> {
  let response: Response | undefined;
  try {
    const data = await run(init, withSink(options, (r) => (response = r)));
    return { data, response: response!, error: undefined };
  } catch (error) {
    // Only call outcomes are turned into values; a TypeError for a bad option or argument is a
    // bug in the calling code and still throws.
    if (!isNetworkError(error)) throw error;
    return { data: undefined, response, error };
  }
}

/** Adds raw/safe/pages/all to a generated method. */
export function addMethodVariants(method: RunCall, meta: OperationMeta): void {
  Object.defineProperties(method, {
    raw: { value: (init: unknown, options?: CallOptions) => rawCall(method, init, options) },
    safe: { value: (init: unknown, options?: CallOptions) => safeCall(method, init, options) },
    pages: { value: (init: unknown, options?: PageOptions) => pages(meta, method, init, options) },
    all: { value: (init: unknown, options?: PageOptions) => items(meta, method, init, options) },
  });
}

function withSink(options: CallOptions | undefined, sink: (response: Response) => void): CallOptions {
  return { ...options, [RESPONSE_SINK]: sink } as CallOptions;
}
