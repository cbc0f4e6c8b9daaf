/**
 * SDK and per-call options are validated and defaulted here, once; nothing deeper in the stack
 * reads raw options. Every default lives in DEFAULTS with the reason for its value.
 */
import type { RefreshLock } from './auth/refresh-lock.js';
import type { OnSessionExpired } from './auth/session.js';
import type { RefreshTokens } from './auth/token-manager.js';
import { createLog } from './network/logging.js';
import { isLoopbackUrl } from './network/loopback.js';
import { createRedaction, type Redaction } from './network/redact.js';
import { systemClock, type Clock } from './network/clock.js';
import type { RetryPolicy, ShouldRetry } from './network/retry.js';
import { createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './network/retry-budget.js';
import type { TokenStore } from './network/token-store.js';
import type { IdempotencyMode } from './service/idempotency.js';
import { resolveValidateMode, type ValidateMode } from './service/validate.js';
import { isSendableHeaderValue } from './service/request-checks.js';
import { defaultValidationErrorMapper, type ValidationErrorMapper } from './errors/field-errors.js';
import type { LogLevel, Logger, PlatformFetch, ResolvedCallOptions } from './network/types.js';

/** Authentication settings (docs/auth.md). */
export interface AuthOptions {
  /** Where the tokens live; read per request, written after sign-in and each refresh. */
  readonly tokenStore: TokenStore;
  /**
   * Exchanges the current tokens for new ones. Default: the spec's refresh operation
   * (`x-tether-auth: refresh`), when it has one. Return null, or throw a NetworkError with
   * status 400/401, to end the session; any other failure keeps it.
   */
  readonly refresh?: RefreshTokens | undefined;
  /** Refresh this long before `expiresAt`, so a token does not expire in flight. */
  readonly refreshSkewMs?: number | undefined;
  /** Called once per session when its refresh token is rejected and the tokens were cleared. */
  readonly onSessionExpired?: OnSessionExpired | undefined;
  /** Serialises refreshes across SDK instances sharing the store; default: Web Locks, else in-process. */
  readonly lock?: RefreshLock | undefined;
}

/** AuthOptions after validation, with defaults applied. */
export interface ResolvedAuthOptions {
  readonly tokenStore: TokenStore;
  /** Tokens go to this origin only. */
  readonly baseUrl: string;
  readonly refresh: RefreshTokens | undefined;
  readonly refreshSkewMs: number;
  readonly onSessionExpired: OnSessionExpired | undefined;
  readonly lock: RefreshLock | undefined;
}

/** Options for `createSdk`. */
export interface SdkOptions {
  /** Absolute URL the spec's paths are appended to, e.g. `https://api.example.com/v1`. */
  readonly baseUrl: string;
  /** Per-attempt timeout in ms, covering the response body too. */
  readonly timeoutMs?: number | undefined;
  /** Static headers sent with every request (per-call headers override them). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
  readonly auth?: AuthOptions | undefined;
  /** The platform fetch to wrap; `globalThis.fetch` (looked up per request) when omitted. */
  readonly fetch?: PlatformFetch | undefined;
  /** Permit plain http to non-loopback hosts. For local networks in development only. */
  readonly allowInsecureHttp?: boolean | undefined;
  /** Retry policy for every call (see RetryOptions); `false` sends every request once. */
  readonly retry?: false | RetryOptions | undefined;
  /** Overall limit per call across all attempts and backoff sleeps, in ms; none by default. */
  readonly deadlineMs?: number | undefined;
  /** 'auto': keys for operations declaring an idempotency header; 'always': every POST/PATCH. */
  readonly idempotency?: IdempotencyMode | undefined;
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
  /** Runtime validation of requests and responses against the spec (docs/errors.md). */
  readonly validate?: ValidateMode | undefined;
  /**
   * Reads your server's 400/422 bodies into issues; return undefined to fall back to the
   * built-in mapper (RFC 9457, Pydantic, Rails/Laravel, JSON:API, `{ message }`).
   */
  readonly validationErrorMapper?: ValidationErrorMapper | undefined;
}

/** Retry settings, SDK-wide or per call; omitted fields keep the SDK's (or DEFAULTS.retry). */
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

/** Options for one call: the second argument of every generated method. */
export interface CallOptions {
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
  /** Overrides the SDK's validate mode for this call. */
  readonly validate?: ValidateMode | undefined;
  /** Overrides the SDK's maxResponseBytes for this call (e.g. a large export). */
  readonly maxResponseBytes?: number | undefined;
}

/** SdkOptions after validation, with defaults applied. Frozen. */
export interface ResolvedSdkOptions {
  /** Normalised: no trailing slash, no query or fragment. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly auth: ResolvedAuthOptions | undefined;
  readonly fetch: PlatformFetch | undefined;
  readonly allowInsecureHttp: boolean;
  /** Undefined: retries are off unless a call asks for them. */
  readonly retry: RetryPolicy | undefined;
  readonly deadlineMs: number | undefined;
  readonly idempotency: IdempotencyMode;
  readonly retryBudget: RetryBudget | undefined;
  readonly telemetryHeaders: boolean;
  readonly clock: Clock;
  /** The SDK's level-filtered, redacting log (wraps `logger`). */
  readonly log: Logger;
  readonly redaction: Redaction;
  readonly maxRedirects: number;
  readonly maxResponseBytes: number;
  readonly validate: ValidateMode;
  /** The app's mapper first, then the built-in one (empty: built-in only). */
  readonly validationMappers: ReadonlyArray<ValidationErrorMapper> | undefined;
}

export const DEFAULTS = Object.freeze({
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
  // Keys only where the spec declares the header: a server that ignores unknown headers
  // would otherwise make a keyed POST look safe to retry when it is not.
  idempotency: 'auto' as IdempotencyMode,
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
  // The SDK is regenerated with the spec it talks to, so a mismatch is a real bug: wrong input
  // is refused before it costs a round trip, and a wrong response fails at the SDK boundary
  // naming the field, not later as `undefined` in a screen. Response schemas are loose (extra
  // fields pass), so additive server changes do not trip it; apps that prefer degraded data to
  // an error in production set 'warn'.
  validate: 'strict' as ValidateMode,
  // Refresh a minute before expiry: covers a slow mobile round trip plus the server's clock
  // drift, and is what OAuth client libraries commonly use; short-lived tokens still get
  // most of their life.
  refreshSkewMs: 60_000,
});

const LOG_LEVELS: ReadonlyArray<LogLevel> = ['debug', 'info', 'warn', 'error', 'off'];
const MAX_REDIRECTS = 20;

// setTimeout stores delays as a signed 32-bit int; anything larger fires immediately.
const MAX_TIMEOUT_MS = 2_147_483_647;
// Beyond this a "retry" is a polling loop; use deadlineMs or your own scheduling instead.
const MAX_RETRIES = 10;

/** Validates SdkOptions and applies defaults; throws a TypeError naming the bad option. */
export function resolveSdkOptions(options: SdkOptions): ResolvedSdkOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Tether: createSdk(options) needs an options object with at least baseUrl');
  }
  const allowInsecureHttp = optionalBoolean(options.allowInsecureHttp, 'allowInsecureHttp') ?? DEFAULTS.allowInsecureHttp;
  const baseUrl = resolveBaseUrl(options.baseUrl, allowInsecureHttp);
  const fetchImpl = options.fetch;
  if (fetchImpl !== undefined && typeof fetchImpl !== 'function') {
    throw new TypeError('Tether: options.fetch must be a function (request) => Promise<Response>');
  }
  const redaction = createRedaction(
    resolveNames(options.redactHeaders, 'redactHeaders'),
    resolveNames(options.redactQueryParams, 'redactQueryParams'),
  );
  return Object.freeze({
    baseUrl,
    timeoutMs: resolveTimeout(options.timeoutMs, 'options.timeoutMs') ?? DEFAULTS.timeoutMs,
    headers: resolveHeaders(options.headers),
    auth: resolveAuth(options.auth, baseUrl),
    fetch: fetchImpl,
    allowInsecureHttp,
    retry: resolveRetryOptions(options.retry, DEFAULTS.retry, 'options.retry'),
    deadlineMs: resolveTimeout(options.deadlineMs, 'options.deadlineMs'),
    idempotency: resolveIdempotency(options.idempotency),
    retryBudget: resolveRetryBudget(options.retryBudget),
    telemetryHeaders: optionalBoolean(options.telemetryHeaders, 'telemetryHeaders') ?? DEFAULTS.telemetryHeaders,
    clock: resolveClock(options.clock),
    log: createLog({ logger: resolveLogger(options.logger), level: resolveLogLevel(options.logLevel), redaction }),
    redaction,
    maxRedirects: resolveMaxRedirects(options.maxRedirects),
    maxResponseBytes: resolveByteLimit(options.maxResponseBytes, 'options.maxResponseBytes') ?? DEFAULTS.maxResponseBytes,
    validate: resolveValidateMode(options.validate, DEFAULTS.validate),
    validationMappers: resolveValidationMapper(options.validationErrorMapper),
  });
}

/** Validates one call's options and fills them from the SDK's. */
export function resolveCallOptions(sdk: ResolvedSdkOptions, options: CallOptions | undefined): ResolvedCallOptions {
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
    // A per-call object re-enables retries on an SDK that turned them off, from DEFAULTS.
    retry: resolveRetryOptions(options?.retry, sdk.retry ?? DEFAULTS.retry, 'options.retry', sdk.retry === undefined),
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

/** A byte limit: a positive integer, or Infinity for none. */
function resolveByteLimit(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value === Infinity || (Number.isSafeInteger(value) && value > 0))) {
    throw new TypeError(`Tether: ${name} must be a positive integer number of bytes (or Infinity for no limit)`);
  }
  return value;
}

function resolveValidationMapper(value: unknown): ReadonlyArray<ValidationErrorMapper> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') {
    throw new TypeError('Tether: options.validationErrorMapper must be a function (data, response) => issues | undefined');
  }
  return Object.freeze([value as ValidationErrorMapper, defaultValidationErrorMapper]);
}

function resolveTimeout(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new TypeError(`Tether: ${name} must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`);
  }
  return value;
}

function resolveHeaders(value: unknown): Readonly<Record<string, string>> {
  if (value === undefined) return Object.freeze({});
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Tether: options.headers must be an object of header name → string value');
  }
  const out: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue !== 'string') {
      throw new TypeError(`Tether: options.headers["${name}"] must be a string`);
    }
    try {
      new Headers([[name, headerValue]]); // rejects invalid names and values the way fetch would
      // Stricter than Headers, which lets CR/LF through inside a value: header injection.
      if (!isSendableHeaderValue(headerValue)) throw new TypeError('unsendable');
    } catch {
      throw new TypeError(`Tether: options.headers["${name}"] is not a valid HTTP header`);
    }
    out[name] = headerValue;
  }
  return Object.freeze(out);
}

function resolveAuth(value: AuthOptions | undefined, baseUrl: string): ResolvedAuthOptions | undefined {
  if (value === undefined) return undefined;
  const store = typeof value === 'object' && value !== null ? value.tokenStore : undefined;
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new TypeError('Tether: options.auth.tokenStore must have get() and set(); see memoryTokenStore()');
  }
  for (const name of ['refresh', 'onSessionExpired', 'lock'] as const) {
    if (value[name] !== undefined && typeof value[name] !== 'function') {
      throw new TypeError(`Tether: options.auth.${name} must be a function`);
    }
  }
  const skew = value.refreshSkewMs ?? DEFAULTS.refreshSkewMs;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0) {
    throw new TypeError('Tether: options.auth.refreshSkewMs must be a number of milliseconds ≥ 0');
  }
  return Object.freeze({
    tokenStore: store,
    baseUrl,
    refresh: value.refresh,
    refreshSkewMs: skew,
    onSessionExpired: value.onSessionExpired,
    lock: value.lock,
  });
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
  if (value === undefined) return DEFAULTS.logLevel;
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
  if (value === undefined) return DEFAULTS.maxRedirects;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_REDIRECTS) {
    throw new TypeError(`Tether: options.maxRedirects must be an integer between 0 and ${MAX_REDIRECTS}`);
  }
  return value;
}

type RetryBase = Omit<RetryPolicy, 'shouldRetry'> & { readonly shouldRetry?: ShouldRetry | undefined };

/** `false` → undefined (off); an object is merged over `base`; undefined keeps base (or off). */
function resolveRetryOptions(value: unknown, base: RetryBase, name: string, offWhenOmitted = false): RetryPolicy | undefined {
  if (value === false) return undefined;
  if (value === undefined) return offWhenOmitted ? undefined : freezePolicy(base);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Tether: ${name} must be false or an object like { maxRetries: 3 }`);
  }
  const raw = value as RetryOptions;
  const maxRetries = raw.maxRetries ?? base.maxRetries;
  if (typeof maxRetries !== 'number' || !Number.isInteger(maxRetries) || maxRetries < 0 || maxRetries > MAX_RETRIES) {
    throw new TypeError(`Tether: ${name}.maxRetries must be an integer between 0 and ${MAX_RETRIES}`);
  }
  const delay = (field: 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs') => {
    const ms = raw[field] ?? base[field];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0 || ms > MAX_TIMEOUT_MS) {
      throw new TypeError(`Tether: ${name}.${field} must be a number of milliseconds between 0 and ${MAX_TIMEOUT_MS}`);
    }
    return ms;
  };
  const statusCodes = raw.statusCodes ?? base.statusCodes;
  if (!Array.isArray(statusCodes) || statusCodes.some((code) => !Number.isInteger(code) || code < 100 || code > 599)) {
    throw new TypeError(`Tether: ${name}.statusCodes must be an array of HTTP status codes`);
  }
  const shouldRetry = raw.shouldRetry ?? base.shouldRetry;
  if (shouldRetry !== undefined && typeof shouldRetry !== 'function') {
    throw new TypeError(`Tether: ${name}.shouldRetry must be a function (context) => boolean`);
  }
  return freezePolicy({
    maxRetries,
    baseDelayMs: delay('baseDelayMs'),
    maxDelayMs: delay('maxDelayMs'),
    maxRetryAfterMs: delay('maxRetryAfterMs'),
    statusCodes: Object.freeze([...statusCodes]),
    shouldRetry,
  });
}

function freezePolicy(policy: RetryBase): RetryPolicy {
  return Object.isFrozen(policy) && 'shouldRetry' in policy
    ? (policy as RetryPolicy)
    : Object.freeze({ ...policy, shouldRetry: policy.shouldRetry });
}

function resolveIdempotency(value: unknown): IdempotencyMode {
  if (value === undefined) return DEFAULTS.idempotency;
  if (value !== 'auto' && value !== 'always') {
    throw new TypeError(`Tether: options.idempotency must be 'auto' or 'always'`);
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

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TypeError(`Tether: options.${name} must be a boolean`);
}

/** What a malformed URL looked like without its secrets: its scheme and length only. */
function describeUnparsedUrl(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  return `a ${value.length}-character string${scheme ? ` starting with "${scheme}:"` : ''}`;
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}
