/**
 * The read strategies, one function over a `send` callback. Each decides whether to answer
 * from the cache, ask the origin (conditionally when validators are stored), or fall back to a
 * stored copy when the origin fails; the cache (http-cache.ts) does the storing. Identical
 * in-flight GETs share one request (dedupe.ts). See docs/caching.md for the decision table.
 */
import { untilAborted } from '../../platform/until-aborted.js';
import { NetworkError, NetworkErrorType, isNetworkError } from '../../errors/network-error.js';
import { lowerCaseHeaders, subscriptionKey } from './cache-key.js';
import { cacheMissError } from './cache-miss.js';
import { InFlight, cancelledError } from './dedupe.js';
import type { CacheHit, HttpCache } from './http-cache.js';
import type { CacheRequest, CacheResult, CacheStrategy, Send, StrategyOptions } from './types.js';

/** How stale an entry may be served when the origin fails, unless the call says otherwise: a day of offline use. */
export const DEFAULT_MAX_STALE_MS = 24 * 60 * 60 * 1000;

// Failures that say "the origin is unreachable or broken right now", where a stored copy is
// better than nothing. A 4xx is an answer, never a reason to show old data.
// Literals (type-checked), not NetworkErrorType's properties: a property read counts as a side
// effect to bundlers, which would then keep this set in apps that never cache.
const FALLBACK_TYPES: ReadonlySet<string> = new Set<NetworkErrorType>(['CONNECTION', 'TIMEOUT', 'SERVER']);

// One dedupe table per cache: flights are shared only among callers of the same cache.
const flightsByCache = new WeakMap<HttpCache, InFlight<CacheResult>>();

/**
 * Runs `request` under `strategy`. GET requests use the cache; any other method is sent as is
 * and, when it succeeds and is unsafe, invalidates the affected entries. Resolves with the
 * response and where it came from, whatever its status (the caller turns a 4xx into its error);
 * rejects with the NetworkError `send` rejected with, CANCELLED on the caller's abort, or
 * NOT_FOUND with a CacheMissError cause for a cache-only miss.
 */
export async function runWithStrategy(
  cache: HttpCache,
  strategy: CacheStrategy,
  request: CacheRequest,
  send: Send,
  options: StrategyOptions = {},
): Promise<CacheResult> {
  const method = request.method.toUpperCase();
  const ttlMs = checkDuration('ttlMs', options.ttlMs);
  const maxStaleMs = checkDuration('maxStaleMs', options.maxStaleMs) ?? DEFAULT_MAX_STALE_MS;
  const signal = options.signal;
  if (signal?.aborted) throw cancelledError(method, request.url);

  if (method !== 'GET') {
    const controller = new AbortController();
    const headers = lowerCaseHeaders(request.headers);
    const response = await untilAborted(send({ method, url: request.url, headers }, signal ?? controller.signal), signal, () => cancelledError(method, request.url));
    return (await cache.update(request, response))!;
  }

  const origin = (hit: CacheHit | undefined, callerSignal: AbortSignal | undefined) =>
    fromOrigin(cache, request, send, hit, callerSignal, false);
  const withFallback = (hit: CacheHit | undefined) => originWithFallback(cache, hit, maxStaleMs, () => origin(hit, signal));

  if (strategy === 'network-only') return origin(undefined, signal);
  const hit = await acceptable(cache, await cache.lookup(request, { ttlMs }), options.accept);
  switch (strategy) {
    case 'cache-only': {
      if (hit === undefined) throw cacheMissError(method, request.url, 'absent');
      if (hit.freshness.fresh) return cache.serve(hit, false);
      if (servableStale(hit, maxStaleMs)) return cache.serve(hit, true);
      throw cacheMissError(method, request.url, 'too-stale');
    }
    case 'cache-first':
      return hit?.freshness.fresh ? cache.serve(hit, false) : withFallback(hit);
    case 'stale-while-revalidate': {
      if (hit?.freshness.fresh) return cache.serve(hit, false);
      if (hit === undefined || !servableStale(hit, maxStaleMs)) return withFallback(hit);
      // Answer now; refresh for the subscribers. Never tied to this caller's signal: the
      // refresh serves everyone watching the key, and its failure goes to onError only.
      fromOrigin(cache, request, send, hit, undefined, true).then(
        (result) => {
          if (result.status >= 500) cache.reportError(serverError(result, request));
        },
        (error: unknown) => cache.reportError(error),
      );
      return cache.serve(hit, true);
    }
    case 'network-first':
      return withFallback(hit);
    default:
      throw new TypeError(`Unknown cache strategy: ${String(strategy)}`);
  }
}

/** `hit` when `accept` takes its stored response; otherwise the entry is discarded and there is no hit. */
async function acceptable(cache: HttpCache, hit: CacheHit | undefined, accept: StrategyOptions['accept']): Promise<CacheHit | undefined> {
  if (hit === undefined || accept === undefined) return hit;
  let ok: boolean;
  try {
    // The stored envelope itself (not a copy), so the check can remember what it already passed.
    ok = await accept(hit.entry.envelope);
  } catch (error) {
    cache.reportError(error);
    ok = false; // a check that cannot decide must not serve what it could not vouch for
  }
  if (ok) return hit;
  await cache.discard(hit);
  return undefined;
}

/** Asks the origin, falling back to `hit` on CONNECTION/TIMEOUT/SERVER when it may be served. */
async function originWithFallback(cache: HttpCache, hit: CacheHit | undefined, maxStaleMs: number, ask: () => Promise<CacheResult>): Promise<CacheResult> {
  const usable = hit !== undefined && (hit.freshness.fresh || servableStale(hit, maxStaleMs, true));
  try {
    const result = await ask();
    if (result.status >= 500 && usable) return cache.serve(hit, true, NetworkErrorType.SERVER);
    return result;
  } catch (error) {
    if (usable && isNetworkError(error) && FALLBACK_TYPES.has(error.type)) return cache.serve(hit, true, error.type);
    throw error;
  }
}

/**
 * One (shared) trip to the origin: conditional when `hit` has validators, the answer handed to
 * the cache; a 304 the cache cannot merge is followed by one unconditional request.
 */
function fromOrigin(cache: HttpCache, request: CacheRequest, send: Send, hit: CacheHit | undefined, signal: AbortSignal | undefined, background: boolean): Promise<CacheResult> {
  const headers = lowerCaseHeaders(request.headers);
  const method = 'GET';
  let flights = flightsByCache.get(cache);
  if (flights === undefined) {
    flights = new InFlight();
    flightsByCache.set(cache, flights);
  }
  return flights.run(
    flightKey(request, headers),
    async (shared) => {
      const conditional = hit?.conditionalHeaders ?? {};
      const response = await send({ method, url: request.url, headers: { ...headers, ...conditional } }, shared);
      const result = await cache.update(request, response, hit, background);
      if (result !== undefined) return result;
      const fresh = await send({ method, url: request.url, headers }, shared);
      return (await cache.update(request, fresh, undefined, background)) ?? unexpected304(request);
    },
    signal,
    method,
    request.url,
  );
}

/** Identical requests: same scope, URL and headers (identity headers excepted: the scope covers them). */
function flightKey(request: CacheRequest, headers: Record<string, string>): string {
  const fingerprint = Object.keys(headers)
    .filter((name) => name !== 'authorization' && name !== 'cookie' && name !== 'proxy-authorization')
    .sort()
    .map((name) => `${name}:${headers[name]}`)
    .join('\n');
  return `${subscriptionKey(request.scope, 'GET', request.url)}\n${fingerprint}`;
}

/** A stale entry that may still be served: allowed by its directives and within max staleness. */
function servableStale(hit: CacheHit, maxStaleMs: number, onError = false): boolean {
  const { mayServeStale, staleByMs, staleIfErrorMs } = hit.freshness;
  return mayServeStale && staleByMs <= Math.max(maxStaleMs, onError ? staleIfErrorMs : 0);
}

function checkDuration(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a finite number of ms ≥ 0, got ${value}`);
  return value;
}

/** Races `promise` against the caller's abort (the send itself is aborted through its signal). */
function serverError(result: CacheResult, request: CacheRequest): NetworkError {
  return new NetworkError({ type: NetworkErrorType.SERVER, summary: `Background refresh failed with status ${result.status}`, status: result.status, method: 'GET', url: request.url });
}

function unexpected304(request: CacheRequest): never {
  throw new NetworkError({ type: NetworkErrorType.UNKNOWN, summary: 'The server answered 304 to an unconditional request', status: 304, method: 'GET', url: request.url });
}
