/**
 * The cache on a call's way to the network: the CallExchange the call runner uses when the
 * SDK has a cache. A GET of a JSON or text operation runs under its read strategy
 * (runWithStrategy) with a `send` that is the normal pipeline (auth, retry, timeout, logging)
 * reading the body as text; the result, wherever it came from, is handed back as a Response,
 * so the runner parses, validates and maps it to data or a NetworkError exactly as it does a
 * network answer. A stored answer the runner would refuse under strict validation is dropped
 * and fetched again instead (stored-answer-check.ts). Every other method goes to the network and, once it succeeded, through the
 * cache's `update`, which invalidates what it changed (RFC 9111 §4.4).
 */
import type { Attempt, RequestContext } from '../network/types.js';
import type { OperationMeta } from '../contract/operation.js';
import { bodyDeadlineOf } from '../network/body-deadline.js';
import { readText } from '../service/read-body.js';
import type { CallExchange } from '../service/call.js';
import { CACHE_INFO_SINK, type CacheInfo } from '../service/method-extras.js';
import type { HttpCache } from './cache/http-cache.js';
import { runWithStrategy } from './cache/strategy.js';
import type { CacheResult, HeaderRecord, HttpExchangeResponse, OutgoingRequest } from './cache/types.js';
import { readPolicyFor, type CallCacheOption, type ResolvedCacheOptions } from './cache-options.js';
import type { ScopeTracker } from './cache-scope.js';
import { storedAnswerCheck } from './stored-answer-check.js';
import { resolveValidateMode, type ValidateMode } from '../service/validate.js';

// Bodies the cache can hold as text. Streams (SSE) are live, binary would not survive text.
const CACHEABLE_KINDS: ReadonlySet<string> = new Set(['json', 'text']);
// Methods that change nothing on the server: they never invalidate (and only GET is stored).
const SAFE_METHODS: ReadonlySet<string> = new Set(['HEAD', 'OPTIONS', 'TRACE']);
// Statuses a Response may not carry a body with.
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * Builds the exchange around `next`: the network pipeline, or the batcher's exchange over it
 * (which gets the call's options, to find the calls it may take; docs/caching.md, Batching).
 */
export function cachedExchange(cache: HttpCache, options: ResolvedCacheOptions, scopes: ScopeTracker, next: CallExchange, defaultLimit: number, validate: ValidateMode): CallExchange {
  const passed = new WeakMap<OperationMeta, WeakSet<HttpExchangeResponse>>();
  return async (attempt, context, callOptions) => {
    const meta = context.meta;
    const method = attempt.method.toUpperCase();
    if (method !== 'GET') {
      const response = await next(attempt, context, callOptions);
      // Invalidation by a successful unsafe method (RFC 9111 §4.4); HEAD/OPTIONS change nothing.
      if (response.status < 400 && !SAFE_METHODS.has(method)) {
        await cache.update({ method, url: attempt.url, headers: headerRecord(attempt.headers), scope: await scopes.current() }, { status: response.status, headers: headerRecord(response.headers), body: '' });
      }
      return response;
    }
    const policy = readPolicyFor(options, meta, (callOptions as { readonly cache?: CallCacheOption } | undefined)?.cache);
    if (policy === undefined || !CACHEABLE_KINDS.has(meta.responseKind)) return next(attempt, context, callOptions);

    const limit = context.options.maxResponseBytes ?? defaultLimit;
    const send = async (request: OutgoingRequest, signal: AbortSignal) => {
      // One shared trip may serve several callers: it runs on the flight's signal, aborted
      // only once every caller has given up, not on the first caller's own.
      const shared: RequestContext = { ...context, signal };
      const sent: Attempt = { ...attempt, headers: new Headers(request.headers as Record<string, string>), body: null, signal: undefined };
      const response = await next(sent, shared, callOptions);
      const body = await readText(response, limit, bodyDeadlineOf(shared.stats, response));
      return { status: response.status, headers: headerRecord(response.headers), body };
    };
    const scope = await scopes.current();
    const result = await runWithStrategy(cache, policy.strategy, { method, url: attempt.url, headers: headerRecord(attempt.headers), scope }, send, {
      ttlMs: policy.ttlMs,
      maxStaleMs: policy.maxStaleMs,
      signal: context.signal,
      // A stored answer the runner would refuse (strict validation) is a miss, not a failed call.
      accept: storedAnswerCheck(meta, resolveValidateMode((callOptions as { readonly validate?: unknown } | undefined)?.validate, validate), attempt.url, passed),
    });
    if (result.source !== 'network') context.log?.debug(`cache: ${meta.id} answered from the cache`, { source: result.source, stale: result.stale, ageMs: result.ageMs, fallbackReason: result.fallbackReason });
    (callOptions as { [CACHE_INFO_SINK]?: (info: CacheInfo) => void } | undefined)?.[CACHE_INFO_SINK]?.(cacheInfo(result));
    return toResponse(result, attempt.url);
  };
}

/** The provenance the `.raw()` result carries. */
function cacheInfo(result: CacheResult): CacheInfo {
  return { source: result.source, stale: result.stale, ageMs: result.ageMs, fallbackReason: result.fallbackReason, key: result.key };
}

/** A fresh Response for one caller: each parses its own copy, so no caller can change another's data. */
function toResponse(result: CacheResult, url: string): Response {
  const response = new Response(NULL_BODY.has(result.status) ? null : result.body, { status: result.status, headers: result.headers as Record<string, string> });
  // A constructed Response has url ''; errors and `.raw()` show the request's.
  Object.defineProperty(response, 'url', { value: url });
  return response;
}

/** Lower-case names, one value per header (Headers already joins repeats with ", "). */
function headerRecord(headers: Headers): HeaderRecord {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
