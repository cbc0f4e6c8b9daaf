/**
 * Everything the cache adds to a runtime, as one value the runtime receives instead of
 * importing it (the auth layer's pattern, auth-wiring.ts): the `cache` option's checks, the
 * HTTP cache over the chosen storage, the scope tracker that keeps users apart and wipes a
 * user's entries on logout or a switch, the exchange the call runner sends GETs through, and
 * `sdk.cache`. `createSdk` always has it; `createClient` only with `withCache(options)`, so an
 * app that never caches bundles none of it.
 */
import type { OperationMeta } from '../contract/operation.js';
import type { Tokens } from '../auth/token-store.js';
import { attemptBuilder } from '../service/build-attempt.js';
import type { CallExchange } from '../service/call.js';
import type { ResolvedAuthOptions } from '../auth/options.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../network/types.js';
import type { ValidateMode } from '../service/validate.js';
import { createHttpCache, type HttpCache } from './cache/http-cache.js';
import { cachedExchange } from './cached-exchange.js';
import { checkOperationPolicy, resolveCacheOptions, type ResolvedCacheOptions } from './cache-options.js';
import { createScopeTracker, observedTokenStore, type ScopeTracker } from './cache-scope.js';
import { createSdkCache, type SdkCache } from './sdk-cache.js';

/** The resolved SDK options the cache reads (the top's ResolvedSdkOptions has them all). */
export interface CacheHostOptions {
  readonly baseUrl: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly validate: ValidateMode;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: Logger;
  readonly maxResponseBytes: number;
  readonly auth: ResolvedAuthOptions | undefined;
}

/** One runtime's cache, as the runtime composes it. */
export interface CacheLayer<R extends CacheHostOptions> {
  /** The resolved options, with the token store observed (so logout wipes at once). */
  readonly options: R;
  /** Where the current tokens are read (the auth layer's token manager), for the scope. */
  useTokens(read: () => Promise<Tokens | null>): void;
  /** The exchange the call runner sends every call through; `next`: the pipeline or the batcher's exchange. */
  exchange(next: CallExchange): CallExchange;
  /** Checks an operation's configured policy and makes it known to `sdk.cache`. */
  bind(meta: OperationMeta): void;
  /** `sdk.cache` for this runtime. */
  sdkCache<S>(): SdkCache<S>;
}

/** What a runtime asks of the cache wiring; `createRuntime` and `withCache` hand it in. */
export interface CacheWiring {
  /** Checks `cache` (and `storage`) on the raw options; undefined when no cache is configured. */
  start<R extends CacheHostOptions>(raw: { readonly cache?: unknown; readonly storage?: unknown }, resolved: R): CacheLayer<R> | undefined;
  /** `sdk.cache` of a runtime without a cache: enabled false, holds nothing, never notifies. */
  inert<S>(resolved: CacheHostOptions): SdkCache<S>;
}

/** The cache wiring as createSdk always has it. */
export const cacheWiring: CacheWiring = {
  start(raw, resolved) {
    const cacheOptions = resolveCacheOptions(raw.cache, raw.storage);
    return cacheOptions && startCache(cacheOptions, resolved);
  },
  inert: (resolved) => createSdkCache({ cache: undefined, scopes: undefined, build: attemptBuilder(resolved.baseUrl, resolved.headers), validate: resolved.validate, operation: () => undefined }),
};

function startCache<R extends CacheHostOptions>(options: ResolvedCacheOptions, resolved: R): CacheLayer<R> {
  const cache: HttpCache = createHttpCache({
    storage: options.storage,
    maxEntries: options.maxEntries,
    maxBytes: options.maxBytes,
    clock: resolved.clock,
    // Never thrown at a caller (the call goes on from memory or the network): logged by default.
    onError: options.onError ?? ((error: unknown) => resolved.log.warn('cache: background failure', { error })),
  });
  const scopes: ScopeTracker = createScopeTracker(cache, options.scope, options.scopeSalt, options.storage);
  const auth = resolved.auth;
  const observed: R = auth === undefined ? resolved : Object.freeze({ ...resolved, auth: { ...auth, tokenStore: observedTokenStore(auth.tokenStore, scopes) } });
  const operations = new Map<string, OperationMeta>();
  const build = attemptBuilder(resolved.baseUrl, resolved.headers);
  return {
    options: observed,
    useTokens: (read) => scopes.useTokens(read),
    exchange: (next) => cachedExchange(cache, options, scopes, next, resolved.maxResponseBytes, resolved.validate),
    bind(meta) {
      checkOperationPolicy(options, meta);
      operations.set(meta.id, meta);
    },
    sdkCache: () => createSdkCache({ cache, scopes, build, validate: resolved.validate, operation: (id) => operations.get(id) }),
  };
}

/** Where `withCache` leaves the wiring on an options object (a registry symbol: safe across copies). */
export const CACHE_WIRING: unique symbol = /* @__PURE__ */ Symbol.for('tether.cacheWiring');

/**
 * `options` for `createClient` with the `cache` option turned on (storage, strategies, scope,
 * logout wipe), exactly as with `createSdk`. Only an app that calls this bundles the cache;
 * `createClient` refuses `cache` without it.
 */
export function withCache<O extends object>(options: O): O {
  return { ...options, [CACHE_WIRING]: cacheWiring };
}
