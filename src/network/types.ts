/**
 * The network layer is a chain of plain functions over the fetch shape. Each middleware gets
 * the next FetchLike and returns its own; the last link is the transport (platform fetch).
 */
import type { OperationMeta } from '../contract/operation.js';
import type { NetworkError } from '../errors/network-error.js';
import type { RetryPolicy } from './retry-policy.js';

/** The platform fetch to wrap (globalThis.fetch, React Native's fetch, undici's, a test double). */
export type PlatformFetch = (request: Request) => Promise<Response>;

/** Per-call options after normalisation: validated, defaults applied. */
export interface ResolvedCallOptions {
  /** Per-attempt timeout, covering headers and reading the body. */
  readonly timeoutMs: number;
  /** Caller-chosen idempotency key, if any. */
  readonly idempotencyKey: string | undefined;
  /** Undefined: this call is sent once. */
  readonly retry?: RetryPolicy | undefined;
  /** Overall limit across all attempts and backoff sleeps; undefined = none. */
  readonly deadlineMs?: number | undefined;
  /** Largest response body read, in bytes (Infinity = none); unset in bare unit contexts. */
  readonly maxResponseBytes?: number | undefined;
}

// BodyInit comes from lib DOM or @types/node; derived here so both configurations compile.
type BodyInit = NonNullable<ConstructorParameters<typeof Request>[1]>['body'] & {};

/** Counters shared by every attempt of one call (the only mutable part of a context). */
export interface CallStats {
  /** Requests handed to the platform fetch so far. */
  attempts: number;
  /** The X-Request-Id the call sends (set by the retry layer), so every error can carry it. */
  requestId?: string | undefined;
  /**
   * The current attempt's running timeout over its response body (see body-deadline.ts), set
   * by the timeout layer when headers arrive, cleared when the body is read or released.
   */
  bodyDeadline?: BodyDeadline | undefined;
}

/** A running per-attempt deadline over one response's body. */
export interface BodyDeadline {
  /** The response whose body the deadline covers. */
  readonly response: Response;
  /** The attempt's TIMEOUT or CANCELLED error once it has failed; undefined while it runs. */
  readonly failure: NetworkError | undefined;
  /**
   * `pending` (one read of the body), or a rejection with the attempt's failure as soon as the
   * timer fires or the caller aborts, whichever comes first.
   */
  race<T>(pending: Promise<T>): Promise<T>;
  /**
   * Cancels `reader` with the attempt's failure as soon as it fails: a pending read then ends
   * at once (a cancelled stream settles its pending reads), so a read loop checks `failure`
   * after each read instead of racing every read (one promise and three closures per chunk).
   */
  watch(reader: { cancel(reason?: unknown): Promise<void> }): void;
  /** Stops the timer and the caller-abort listener; safe to call more than once. */
  release(): void;
}

/** What every layer knows about the call a request belongs to. */
export interface RequestContext {
  readonly meta: OperationMeta;
  readonly options: ResolvedCallOptions;
  /** The caller's own AbortSignal: its abort means CANCELLED, never a retry. */
  readonly signal: AbortSignal | undefined;
  /** 1 for the first try; a retry layer passes `{ ...context, attempt: n }` down. */
  readonly attempt: number;
  readonly stats: CallStats;
  /** False when the body is a one-shot stream: the retry layer then never repeats it. */
  readonly replayable?: boolean | undefined;
  /**
   * The SDK's log: level-filtered, and redacting (headers, URL secrets, token-like fields) on
   * the way out, so a layer may pass raw requests' URLs and headers. Absent in bare unit tests.
   */
  readonly log?: Logger | undefined;
  /** This call's own transport, used instead of the SDK's fetch (an event stream's XHR fallback). */
  readonly fetch?: PlatformFetch | undefined;
}

/** Log severities, lowest first; 'off' logs nothing. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'off';

/** Structured data attached to one log line. */
export type LogFields = Readonly<Record<string, unknown>>;

/** The `logger` option's shape, which `console` already has; also what layers log through. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/**
 * One attempt of a call, as plain data: middleware change it in place (a header, the signal)
 * rather than copying a Request in every layer, and the transport turns it into the single
 * Request of the attempt. A body that is not a stream can be sent again as it is, so retries,
 * redirects and the auth replay need no clone.
 */
export interface Attempt {
  method: string;
  url: string;
  readonly headers: Headers;
  /** Already serialised (string, bytes, Blob, FormData, URLSearchParams, or a one-shot stream). */
  body: BodyInit | null;
  /** The timeout layer sets its per-attempt signal here; the caller's own is on the context. */
  signal: AbortSignal | undefined;
  /** 'manual' unless the redirect layer found that the platform cannot do it (a browser). */
  redirect?: RequestInit['redirect'];
}

/** One link of the pipeline: sends an attempt, resolves with the response. */
export type FetchLike = (attempt: Attempt, context: RequestContext) => Promise<Response>;

/** Wraps the rest of the chain with one behaviour. */
export type Middleware = (next: FetchLike) => FetchLike;
