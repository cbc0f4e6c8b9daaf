/**
 * The network layer's options: what the SDK-wide settings and one call's settings mean for
 * sending a request (base URL, timeouts, retries, budget, redirects, logging, the platform
 * fetch). Validated and defaulted once, here, with the reason for every default; the layers of
 * the chain only ever see the resolved values. The top (src/options.ts) composes these with
 * the service's and auth's options into `SdkOptions`.
 */
import { systemClock, type Clock } from '../platform/clock.js';
import { createLog } from './logging.js';
import { isLoopbackUrl } from './loopback.js';
import { createRedaction, type Redaction } from './redact.js';
import type { RetryPolicy, ShouldRetry } from './retry-policy.js';
import { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './retry-budget.js';
import { describeUnparsedUrl, isAbortSignal, optionalBoolean, resolveByteLimit, resolveTimeout } from './option-checks.js';
import { resolveRetryOptions } from './resolve-retry.js';
import type { LogLevel, Logger, PlatformFetch, ResolvedCallOptions } from './types.js';

/** The network layer's part of `SdkOptions`. */
export interface NetworkOptions {
  /** Absolute URL the spec's paths are appended to, e.g. `https://api.example.com/v1`. */
  readonly baseUrl: string;
  /** Per-attempt timeout in ms, covering the response body too. */
  readonly timeoutMs?: number | undefined;
  /** The platform fetch to wrap; `globalThis.fetch` (looked up per request) when omitted. */
  readonly fetch?: PlatformFetch | undefined;
  /** Permit plain http to non-loopback hosts. For local networks in development only. */
  readonly allowInsecureHttp?: boolean | undefined;
  /** Retry policy for every call (see RetryOptions); `false` sends every request once. */
  readonly retry?: false | RetryOptions | undefined;
  /** Overall limit per call across all attempts and backoff sleeps, in ms; none by default. */
  readonly deadlineMs?: number | undefined;
  /** Per-origin retry budget: sizes for the default token bucket, your own, or `false` (none). */
  readonly retryBudget?: false | RetryBudgetOptions | RetryBudget | undefined;
  /** Send `X-Request-Id` (same on every attempt) and `X-Tether-Attempt` (on retries). */
  readonly telemetryHeaders?: boolean | undefined;
  /** Time, sleep and randomness used by retries; for tests and custom schedulers. */
  readonly clock?: Partial<Clock> | undefined;
  /** Where log lines go (console-shaped: debug/info/warn/error); `console` when omitted. */
  readonly logger?: Logger | undefined;
  /** Lowest severity logged; 'off' logs nothing. */
  readonly logLevel?: LogLevel | undefined;
  /** Extra credential headers: redacted in logs and stripped on cross-origin redirects. */
  readonly redactHeaders?: ReadonlyArray<string> | undefined;
  /** Extra query parameter names whose values are redacted in logs. */
  readonly redactQueryParams?: ReadonlyArray<string> | undefined;
  /** Redirect hops followed per request before failing; 0 hands 3xx responses back as errors. */
  readonly maxRedirects?: number | undefined;
  /** Largest response body read, in bytes (default 10 MiB); a larger one fails the call (UNKNOWN). */
  readonly maxResponseBytes?: number | undefined;
}

/** Retry settings, SDK-wide or per call; omitted fields keep the SDK's (or NETWORK_DEFAULTS.retry). */
export interface RetryOptions {
  /** Retries after the first attempt. */
  readonly maxRetries?: number | undefined;
  /** Backoff window before retry n is base·2^n (full jitter picks within it). */
  readonly baseDelayMs?: number | undefined;
  /** Cap of the backoff window. */
  readonly maxDelayMs?: number | undefined;
  /** A longer Retry-After ends retrying; the error carries `retryAfterMs`. */
  readonly maxRetryAfterMs?: number | undefined;
  /** Statuses retried (connection failures and timeouts always are). */
  readonly statusCodes?: ReadonlyArray<number> | undefined;
  /** Overrules the built-in decision for a repeatable request. */
  readonly shouldRetry?: ShouldRetry | undefined;
}

/** The network layer's part of one call's options (CallOptions adds the service's). */
export interface NetworkCallOptions {
  /** Aborting it rejects the call with CANCELLED; a cancelled call is never retried. */
  readonly signal?: AbortSignal | undefined;
  /** Overrides the SDK's timeoutMs for this call. */
  readonly timeoutMs?: number | undefined;
  /** Sent in the operation's idempotency header (or `Idempotency-Key`). */
  readonly idempotencyKey?: string | undefined;
  /** `false` sends this call once; an object overrides the SDK's retry settings field by field. */
  readonly retry?: false | RetryOptions | undefined;
  /** Overrides the SDK's deadlineMs for this call. */
  readonly deadlineMs?: number | undefined;
  /** Overrides the SDK's maxResponseBytes for this call (e.g. a large export). */
  readonly maxResponseBytes?: number | undefined;
}

/** NetworkOptions after validation, with defaults applied. */
export interface ResolvedNetworkOptions {
  /** Normalised: no trailing slash, no query or fragment. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly fetch: PlatformFetch | undefined;
  readonly allowInsecureHttp: boolean;
  /** Undefined: retries are off unless a call asks for them. */
  readonly retry: RetryPolicy | undefined;
  readonly deadlineMs: number | undefined;
  readonly retryBudget: RetryBudget | undefined;
  readonly telemetryHeaders: boolean;
  readonly clock: Clock;
  /** The SDK's level-filtered, redacting log (wraps `logger`). */
  readonly log: Logger;
  readonly redaction: Redaction;
  readonly maxRedirects: number;
  readonly maxResponseBytes: number;
}

export const NETWORK_DEFAULTS = Object.freeze({
  // Long enough for a slow mobile link to deliver a typical JSON body, short enough that a
  // dead connection surfaces while the user is still waiting on the screen.
  timeoutMs: 30_000,
  // Secure by default: tokens and personal data must not cross the network in clear text.
  allowInsecureHttp: false,
  // Retries: four tries in all, spread over up to ~15 s with full jitter, on the statuses
  // that mean "not now" (408, 429, 5xx except 501/505, which will not change on a retry).
  // A Retry-After over a minute is not slept through: the call fails and says when to retry.
  retry: Object.freeze({
    maxRetries: 3,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
    maxRetryAfterMs: 60_000,
    statusCodes: Object.freeze([408, 429, 500, 502, 503, 504]),
  }),
  // Request ids join client and server logs; the attempt header tells the server a request
  // is a retry. Turn off if a browser API's CORS policy does not allow these headers.
  telemetryHeaders: true,
  // Problems worth a look (failed attempts) reach the console; per-attempt chatter does not.
  // The same default as Stainless SDKs.
  logLevel: 'warn' as LogLevel,
  // Browsers and undici follow up to 20; an API that needs more than 5 hops is misconfigured,
  // and each hop costs a mobile round trip.
  maxRedirects: 5,
  // 10 MiB: far above any JSON page an app should render (a 1,000-item page is ~1 MB), yet
  // small enough that a runaway or hostile answer cannot push a phone's JS heap (a few hundred
  // MB on low-end Android, where the OS kills the app) over the edge; a parsed JSON value
  // takes several times its byte size. Raise it per call for known large downloads.
  maxResponseBytes: 10 * 1024 * 1024,
});

const LOG_LEVELS: ReadonlyArray<LogLevel> = ['debug', 'info', 'warn', 'error', 'off'];
const MAX_REDIRECTS = 20;

/** Validates the network options and applies defaults; throws a TypeError naming the bad option. */
export function resolveNetworkOptions(options: NetworkOptions): ResolvedNetworkOptions {
  const allowInsecureHttp = optionalBoolean(options.allowInsecureHttp, 'allowInsecureHttp') ?? NETWORK_DEFAULTS.allowInsecureHttp;
  const baseUrl = resolveBaseUrl(options.baseUrl, allowInsecureHttp);
  const fetchImpl = options.fetch;
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function') {
    throw new TypeError('Tether: options.fetch must be a function (request) => Promise<Response>');
  }
  const redaction = createRedaction(
    resolveNames(options.redactHeaders, 'redactHeaders'),
    resolveNames(options.redactQueryParams, 'redactQueryParams'),
  );
  return {
    baseUrl,
    timeoutMs: resolveTimeout(options.timeoutMs, 'options.timeoutMs') ?? NETWORK_DEFAULTS.timeoutMs,
    fetch: fetchImpl,
    allowInsecureHttp,
    retry: resolveRetryOptions(options.retry, NETWORK_DEFAULTS.retry, 'options.retry'),
    deadlineMs: resolveTimeout(options.deadlineMs, 'options.deadlineMs'),
    retryBudget: resolveRetryBudget(options.retryBudget),
    telemetryHeaders: optionalBoolean(options.telemetryHeaders, 'telemetryHeaders') ?? NETWORK_DEFAULTS.telemetryHeaders,
    clock: resolveClock(options.clock),
    log: createLog({ logger: resolveLogger(options.logger), level: resolveLogLevel(options.logLevel), redaction }),
    redaction,
    maxRedirects: resolveMaxRedirects(options.maxRedirects),
    maxResponseBytes: resolveByteLimit(options.maxResponseBytes, 'options.maxResponseBytes') ?? NETWORK_DEFAULTS.maxResponseBytes,
  };
}

/** Validates one call's network options and fills them from the SDK's. */
export function resolveCallOptions(sdk: ResolvedNetworkOptions, options: NetworkCallOptions | undefined): ResolvedCallOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TypeError('Tether: call options must be an object');
  }
  const signal = options?.signal;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new TypeError('Tether: options.signal must be an AbortSignal');
  }
  const key = options?.idempotencyKey;
  if (key !== undefined && (typeof key !== 'string' || key === '' || /[\0\r\n]/.test(key))) {
    throw new TypeError('Tether: options.idempotencyKey must be a non-empty string without line breaks');
  }
  return Object.freeze({
    timeoutMs: resolveTimeout(options?.timeoutMs, 'options.timeoutMs') ?? sdk.timeoutMs,
    idempotencyKey: key,
    // A per-call object re-enables retries on an SDK that turned them off, from the defaults.
    retry: resolveRetryOptions(options?.retry, sdk.retry ?? NETWORK_DEFAULTS.retry, 'options.retry', sdk.retry === undefined),
    deadlineMs: resolveTimeout(options?.deadlineMs, 'options.deadlineMs') ?? sdk.deadlineMs,
    maxResponseBytes: resolveByteLimit(options?.maxResponseBytes, 'options.maxResponseBytes') ?? sdk.maxResponseBytes,
  });
}

function resolveBaseUrl(value: unknown, allowInsecureHttp: boolean): string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError('Tether: options.baseUrl is required, e.g. "https://api.example.com"');
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Not echoed: a malformed URL may still hold a password or token (`https://u:p@…`).
    throw new TypeError(`Tether: options.baseUrl must be an absolute URL like "https://api.example.com", got ${describeUnparsedUrl(value)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`Tether: options.baseUrl must use https://, got ${url.protocol}`);
  }
  if (url.protocol === 'http:' && !allowInsecureHttp && !isLoopbackUrl(url)) {
    throw new TypeError(
      `Tether: options.baseUrl must use https:// (got http://${url.host}); plain http is allowed only ` +
        'for loopback hosts (localhost, 127.0.0.0/8, ::1) or with options.allowInsecureHttp: true',
    );
  }
  if (url.username || url.password) {
    // fetch refuses such URLs anyway; say so now, without echoing the secret.
    throw new TypeError('Tether: options.baseUrl must not contain credentials; use auth or headers');
  }
  if (url.search || url.hash) {
    throw new TypeError('Tether: options.baseUrl must not have a query or fragment; paths are appended to it');
  }
  return url.href.replace(/\/+$/, '');
}

function resolveLogger(value: unknown): Logger | undefined {
  if (value === undefined) return undefined;
  const methods = ['debug', 'info', 'warn', 'error'] as const;
  if (typeof value !== 'object' || value === null || methods.some((m) => typeof (value as Record<string, unknown>)[m] !== 'function')) {
    throw new TypeError('Tether: options.logger must have debug, info, warn and error methods (console does)');
  }
  return value as Logger;
}

function resolveLogLevel(value: unknown): LogLevel {
  if (value === undefined) return NETWORK_DEFAULTS.logLevel;
  if (!LOG_LEVELS.includes(value as LogLevel)) {
    throw new TypeError(`Tether: options.logLevel must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return value as LogLevel;
}

function resolveNames(value: unknown, name: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === '')) {
    throw new TypeError(`Tether: options.${name} must be an array of non-empty names`);
  }
  return value as string[];
}

function resolveMaxRedirects(value: unknown): number {
  if (value === undefined) return NETWORK_DEFAULTS.maxRedirects;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_REDIRECTS) {
    throw new TypeError(`Tether: options.maxRedirects must be an integer between 0 and ${MAX_REDIRECTS}`);
  }
  return value;
}

function resolveRetryBudget(value: unknown): RetryBudget | undefined {
  if (value === false) return undefined;
  if (value === undefined) return createRetryBudget();
  if (typeof value !== 'object' || value === null) {
    throw new TypeError('Tether: options.retryBudget must be false, bucket sizes, or a RetryBudget');
  }
  const budget = value as Partial<RetryBudget>;
  if (typeof budget.tryAcquire === 'function' && typeof budget.recordSuccess === 'function') return value as RetryBudget;
  return createRetryBudget(value as RetryBudgetOptions);
}

function resolveClock(value: unknown): Clock {
  if (value === undefined) return systemClock;
  if (typeof value !== 'object' || value === null) {
    throw new TypeError('Tether: options.clock must be an object with now/sleep/random functions');
  }
  const clock = value as Partial<Clock>;
  for (const name of ['now', 'sleep', 'random'] as const) {
    if (clock[name] !== undefined && typeof clock[name] !== 'function') {
      throw new TypeError(`Tether: options.clock.${name} must be a function`);
    }
  }
  // Bound once here so the retry layer can call them detached.
  return Object.freeze({
    now: clock.now ? () => clock.now!() : systemClock.now,
    sleep: clock.sleep ? (ms: number, signal?: AbortSignal) => clock.sleep!(ms, signal) : systemClock.sleep,
    random: clock.random ? () => clock.random!() : systemClock.random,
  });
}
