/**
 * SDK and per-call options are validated and defaulted here, once; nothing deeper in the stack
 * reads raw options. Every default lives in DEFAULTS with the reason for its value.
 */
import type { AuthMiddlewareOptions } from './network/auth.js';
import { isLoopbackUrl } from './network/loopback.js';
import type { TokenStore } from './network/token-store.js';
import type { PlatformFetch, ResolvedCallOptions } from './network/types.js';

/** Authentication settings. */
export interface AuthOptions {
  /** Where the access token is read from for secured operations. */
  readonly tokenStore: TokenStore;
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
}

/** Options for one call: the second argument of every generated method. */
export interface CallOptions {
  /** Aborting it rejects the call with CANCELLED; a cancelled call is never retried. */
  readonly signal?: AbortSignal | undefined;
  /** Overrides the SDK's timeoutMs for this call. */
  readonly timeoutMs?: number | undefined;
  /** Sent in the operation's idempotency header (or `Idempotency-Key`). */
  readonly idempotencyKey?: string | undefined;
}

/** SdkOptions after validation, with defaults applied. Frozen. */
export interface ResolvedSdkOptions {
  /** Normalised: no trailing slash, no query or fragment. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly auth: AuthMiddlewareOptions | undefined;
  readonly fetch: PlatformFetch | undefined;
  readonly allowInsecureHttp: boolean;
}

export const DEFAULTS = Object.freeze({
  // Long enough for a slow mobile link to deliver a typical JSON body, short enough that a
  // dead connection surfaces while the user is still waiting on the screen.
  timeoutMs: 30_000,
  // Secure by default: tokens and personal data must not cross the network in clear text.
  allowInsecureHttp: false,
});

// setTimeout stores delays as a signed 32-bit int; anything larger fires immediately.
const MAX_TIMEOUT_MS = 2_147_483_647;

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
  return Object.freeze({
    baseUrl,
    timeoutMs: resolveTimeout(options.timeoutMs, 'options.timeoutMs') ?? DEFAULTS.timeoutMs,
    headers: resolveHeaders(options.headers),
    auth: resolveAuth(options.auth, baseUrl),
    fetch: fetchImpl,
    allowInsecureHttp,
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
    throw new TypeError(`Tether: options.baseUrl must be an absolute URL like "https://api.example.com", got "${value}"`);
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
    } catch {
      throw new TypeError(`Tether: options.headers["${name}"] is not a valid HTTP header`);
    }
    out[name] = headerValue;
  }
  return Object.freeze(out);
}

function resolveAuth(value: AuthOptions | undefined, baseUrl: string): AuthMiddlewareOptions | undefined {
  if (value === undefined) return undefined;
  const store = typeof value === 'object' && value !== null ? value.tokenStore : undefined;
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new TypeError('Tether: options.auth.tokenStore must have get() and set(); see memoryTokenStore()');
  }
  return Object.freeze({ tokenStore: store, baseUrl });
}

function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TypeError(`Tether: options.${name} must be a boolean`);
}

function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}
