/**
 * The HTTP cache's public surface, for the layer that wires it into createSdk's calls
 * (per-call `cache` options, sdk.cache.subscribe/get/update/invalidate/clear). See docs/caching.md.
 *
 *   const cache = createHttpCache({ storage, onError });
 *   const scope = scopeFromToken(accessToken);            // or scopeFromName(cacheScope)
 *   const result = await runWithStrategy(cache, 'stale-while-revalidate',
 *     { method: 'GET', url, headers, scope }, send, { maxStaleMs });
 *   // result.source: 'network' | 'cache' | 'revalidated'; result.stale; result.ageMs
 *   const off = cache.subscribe({ scope, url }, (event) => …);
 *   await cache.clearScope(scope);                          // logout / user switch
 */
export { createHttpCache, type CacheHit, type CacheKeyInput, type HttpCache, type HttpCacheOptions } from './http-cache.js';
export { runWithStrategy, DEFAULT_MAX_STALE_MS } from './strategy.js';
export type { LocalWrite } from './local-write.js';
export { ANONYMOUS_SCOPE, scopeFromName, scopeFromToken } from './scope.js';
export { subscriptionKey, normalizeUrl } from './cache-key.js';
export { CacheMissError, isCacheMiss } from './cache-miss.js';
export type {
  CacheEvent, CacheListener, CacheRequest, CacheResult, CacheStrategy, HeaderRecord, HttpExchangeResponse, OutgoingRequest,
  ResultSource, Send, StrategyOptions,
} from './types.js';
