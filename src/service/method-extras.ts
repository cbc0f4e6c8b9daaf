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
  /** Where the answer came from when the SDK has a cache; undefined when the call did not use it (`.safe()`'s data branch has it too). */
  readonly cache: CacheInfo | undefined;
}

/** The provenance of an answer that went through the cache (docs/caching.md). */
export interface CacheInfo {
  /** 'network': downloaded now; 'cache': the stored copy, no request; 'revalidated': stored body confirmed by a 304. */
  readonly source: 'network' | 'cache' | 'revalidated';
  /** True when it may be out of date: served past its freshness, or as a fallback. */
  readonly stale: boolean;
  /** The answer's age in ms (0 for a fresh download). */
  readonly ageMs: number;
  /** Set when the origin failed and the stored copy was served instead: the failure's type. */
  readonly fallbackReason: NetworkError['type'] | undefined;
  /** The entry's key, for `sdk.cache.subscribe(key, listener)` and `invalidate(key)`. */
  readonly key: string;
}

/** A call option key through which the cache layer reports a call's CacheInfo (like RESPONSE_SINK). */
export const CACHE_INFO_SINK: unique symbol = Symbol('tether.cacheInfoSink');

/** What `.safe()` resolves with: check `error` first. */
export type SafeResult<Data, Error = NetworkError> =
  | { readonly data: Data; readonly response: Response; readonly error: undefined; readonly cache: CacheInfo | undefined }
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
  let cache: CacheInfo | undefined;
  const data = await run(init, withSinks(options, (r) => (response = r), (info) => (cache = info)));
  return { data, response: response!, cache };
}

/** Runs a call, resolving with `{ data, response }` or `{ error, response? }` (`.safe()`). */
export async function safeCall(run: RunCall, init: unknown, options: CallOptions | undefined): Promise<SafeResult<unknown>> {
  let response: Response | undefined;
  let cache: CacheInfo | undefined;
  try {
    const data = await run(init, withSinks(options, (r) => (response = r), (info) => (cache = info)));
    return { data, response: response!, error: undefined, cache };
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

function withSinks(options: CallOptions | undefined, onResponse: (response: Response) => void, onCache: (info: CacheInfo) => void): CallOptions {
  return { ...options, [RESPONSE_SINK]: onResponse, [CACHE_INFO_SINK]: onCache } as CallOptions;
}
