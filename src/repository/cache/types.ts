/**
 * The HTTP cache's public shapes. The cache works on plain HTTP exchanges (method, URL,
 * headers; status, headers, body text) rather than on typed SDK data: RFC 9111 is defined on
 * those, and the layer that wires the cache in (createSdk's calls) turns them into data and
 * NetworkErrors with the service layer's own rules.
 */
import type { NetworkErrorType } from '../../errors/network-error.js';

/** Header names lower-cased, one string per header (repeated headers joined with ", "). */
export type HeaderRecord = Readonly<Record<string, string>>;

/** A request as the cache sees it: the scope says whose cache it is (see scope.ts). */
export interface CacheRequest {
  readonly method: string;
  /** Absolute URL; its query is sorted for the key, so parameter order never splits entries. */
  readonly url: string;
  /** The request headers that will be sent (Accept, Accept-Language, Cache-Control…). */
  readonly headers?: HeaderRecord | undefined;
  /** From `scopeFromToken`/`scopeFromName`, or ANONYMOUS_SCOPE. Never the raw token. */
  readonly scope: string;
}

/** One HTTP response: what `send` answers and what the cache stores. */
export interface HttpExchangeResponse {
  readonly status: number;
  readonly headers: HeaderRecord;
  /** The body as text ('' for none). */
  readonly body: string;
}

/** What `send` is asked to send: the request plus any conditional headers the cache added. */
export interface OutgoingRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: HeaderRecord;
}

/**
 * Sends one request to the origin (through the network layer: auth, retry, timeout…) and
 * answers with any status, 304 included. A transport failure rejects with a NetworkError
 * (CONNECTION, TIMEOUT…); `signal` aborts it.
 */
export type Send = (request: OutgoingRequest, signal: AbortSignal) => Promise<HttpExchangeResponse>;

/** Where a result came from. */
export type ResultSource =
  /** A full response from the origin. */
  | 'network'
  /** The stored response, without asking the origin. */
  | 'cache'
  /** The stored body, confirmed by the origin with a 304 (headers updated, download saved). */
  | 'revalidated';

/** A response handed to the caller, with its provenance. */
export interface CacheResult extends HttpExchangeResponse {
  readonly source: ResultSource;
  /** Seconds-precise age of the response in ms (RFC 9111 §4.2.3; 0 for a fresh download). */
  readonly ageMs: number;
  /** True when the response may be out of date: served past its freshness, or as a fallback. */
  readonly stale: boolean;
  /** Set when network-first (or a stale cache-first/SWR entry) fell back to the cache: the failure's type. */
  readonly fallbackReason?: NetworkErrorType | undefined;
  /** The entry's subscription key (see `subscriptionKey`). */
  readonly key: string;
}

/** What subscribers hear. */
export type CacheEvent =
  /** A response was stored (a download, a 304 refresh, or a background SWR refresh). */
  | { readonly type: 'stored'; readonly key: string; readonly result: CacheResult; readonly background: boolean; /** True for the app's own change (`sdk.cache.update`) or its rollback, not a server answer. */ readonly local?: boolean | undefined }
  /** The entries of the key were removed (invalidate, an unsafe method, no-store answer). */
  | { readonly type: 'invalidated'; readonly key: string }
  /** The whole cache, or this key's scope, was cleared. */
  | { readonly type: 'cleared'; readonly key: string };

/** A subscriber; exceptions it throws go to the cache's onError, never to the caller. */
export type CacheListener = (event: CacheEvent) => void;

/** How a read uses the cache. */
export type CacheStrategy = 'cache-first' | 'network-first' | 'stale-while-revalidate' | 'network-only' | 'cache-only';

/** Per-call knobs for `runWithStrategy`. */
export interface StrategyOptions {
  /**
   * App-level freshness for responses whose server says nothing about it (no max-age, no
   * Expires, no no-cache): they count as fresh for ttlMs after they were received, instead of
   * the RFC's heuristic. Explicit server headers always win over ttlMs.
   */
  readonly ttlMs?: number | undefined;
  /**
   * How long past its freshness a stored response may still be served when the origin cannot
   * be reached (network-first fallback, cache-only, SWR's immediate answer). Default 24 h.
   * Never applies to no-cache or must-revalidate responses (RFC 9111 §4.2.4).
   */
  readonly maxStaleMs?: number | undefined;
  /** Aborts this caller's wait (CANCELLED); a shared request is aborted once every sharer has. */
  readonly signal?: AbortSignal | undefined;
  /**
   * Whether a stored response may still be served (e.g. its body matches the operation's
   * schema). False: the entry is dropped (memory and storage) and the call goes on as a miss,
   * so a copy stored by an older app version or tampered with never fails a call.
   */
  readonly accept?: ((stored: HttpExchangeResponse) => boolean | Promise<boolean>) | undefined;
}
