/**
 * The one error every SDK call rejects with. Apps branch on `type`, never on message text.
 * Instances are built by `createNetworkError` (create-network-error.ts), which owns the
 * status → type classification; this file only holds the shape and the brand.
 */
import type { FieldErrors, ValidationIssue } from './field-errors.js';
import { redactText, redactUrl } from './redact-url.js';

/** Every kind of failure a call can end in; a stable, string-valued enum apps can switch on. */
export const NetworkErrorType = {
  /** No response: DNS, refused or reset connection, offline. */
  CONNECTION: 'CONNECTION',
  /** Our per-attempt timeout fired (before headers or while reading the body). */
  TIMEOUT: 'TIMEOUT',
  /** 5xx. */
  SERVER: 'SERVER',
  /** 4xx other than the ones below. */
  CLIENT: 'CLIENT',
  /** 401. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** 403. */
  FORBIDDEN: 'FORBIDDEN',
  /** 404. */
  NOT_FOUND: 'NOT_FOUND',
  /** 422 (or a 400 with field errors), or input refused before sending; see `fieldErrors`. */
  VALIDATION: 'VALIDATION',
  /** 429; see `retryAfterMs`. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The caller aborted through its own signal. Never retried. */
  CANCELLED: 'CANCELLED',
  /** Anything else, e.g. a 2xx body that could not be parsed; see `cause`. */
  UNKNOWN: 'UNKNOWN',
} as const;

/** One of the `NetworkErrorType` values. */
export type NetworkErrorType = (typeof NetworkErrorType)[keyof typeof NetworkErrorType];

// FieldErrors lives with the issues it is derived from, so errors/ has no import cycle.
export type { FieldErrors } from './field-errors.js';

/** Everything a NetworkError carries; `createNetworkError` fills it in. */
export interface NetworkErrorInit {
  readonly type: NetworkErrorType;
  /** What went wrong, without the request; the constructor appends `METHOD URL`. */
  readonly summary: string;
  readonly method: string;
  /** Request URL; redacted by the constructor, so callers may pass it raw. */
  readonly url: string;
  readonly status?: number | undefined;
  readonly data?: unknown;
  readonly fieldErrors?: FieldErrors | undefined;
  readonly issues?: ReadonlyArray<ValidationIssue> | undefined;
  readonly source?: 'client' | 'server' | undefined;
  readonly retryAfterMs?: number | undefined;
  readonly attempts?: number | undefined;
  readonly requestId?: string | undefined;
  readonly cause?: unknown;
}

/** JSON form for logs and crash reporters: no headers, no tokens, no query values. */
export interface NetworkErrorJSON {
  readonly name: 'NetworkError';
  readonly type: NetworkErrorType;
  readonly message: string;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly data: unknown;
  readonly fieldErrors: FieldErrors | undefined;
  readonly issues: ReadonlyArray<ValidationIssue> | undefined;
  readonly source: 'client' | 'server' | undefined;
  readonly retryAfterMs: number | undefined;
  readonly attempts: number;
  readonly requestId: string | undefined;
  readonly cause: { readonly name: string; readonly message: string } | undefined;
}

// Symbol.for is shared by every copy of the package in a process (two SDK versions bundled
// side by side, or a duplicated node_modules), where `instanceof` against one class fails.
const BRAND = Symbol.for('tether.NetworkError');

/** `cause` as ES2022 declares it on Error, also for consumers compiling with lib ES2020. */
export interface NetworkError {
  readonly cause?: unknown;
}

/** A failed SDK call: `type` says what kind, the other fields say what we know about it. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
  readonly type: NetworkErrorType;
  /** HTTP status when the server answered, else undefined. */
  readonly status: number | undefined;
  /** Parsed error body (JSON when it parses, else text), when the server sent one. */
  readonly data: unknown;
  /** VALIDATION only: field path (`items[0].quantity`, `''` = the form) → messages. */
  readonly fieldErrors: FieldErrors | undefined;
  /** VALIDATION only: the same problems as a list (path array, message, code). */
  readonly issues: ReadonlyArray<ValidationIssue> | undefined;
  /**
   * VALIDATION only: 'client' when the SDK refused the input before sending (status is then
   * undefined), 'server' when the server answered 400/422.
   */
  readonly source: 'client' | 'server' | undefined;
  /** Server-requested wait from Retry-After / retry-after-ms, in ms. */
  readonly retryAfterMs: number | undefined;
  /** How many times the request was sent (0 when it never left the device). */
  readonly attempts: number;
  /** The server's x-request-id / request-id, for support tickets. */
  readonly requestId: string | undefined;
  readonly method: string;
  /** Request URL with credentials removed and query values redacted. */
  readonly url: string;

  constructor(init: NetworkErrorInit) {
    const url = redactUrl(init.url);
    const method = init.method.toUpperCase();
    super(`${init.summary}: ${method} ${url}`);
    // Set ourselves rather than through Error's options: engines without ES2022 error causes (older
    // Hermes) ignore the option, and consumers compiling with lib ES2020 lack that constructor.
    if (init.cause !== undefined) {
      Object.defineProperty(this, 'cause', { value: init.cause, writable: true, configurable: true });
    }
    this.type = init.type;
    this.status = init.status;
    this.data = init.data;
    this.fieldErrors = init.fieldErrors;
    this.issues = init.issues;
    this.source = init.source;
    this.retryAfterMs = init.retryAfterMs;
    this.attempts = init.attempts ?? 0;
    this.requestId = init.requestId;
    this.method = method;
    this.url = url;
  }

  /** Lets `instanceof NetworkError` agree with `isNetworkError` across package copies. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isNetworkError(value);
  }

  /** Serialisable summary; deliberately omits request/response headers and the raw cause. */
  toJSON(): NetworkErrorJSON {
    const cause = this.cause;
    return {
      name: 'NetworkError',
      type: this.type,
      message: this.message,
      method: this.method,
      url: this.url,
      status: this.status,
      // A hostile body nested thousands deep would make JSON.stringify throw a RangeError.
      data: deeperThan(this.data, MAX_JSON_DEPTH) ? `[data nested deeper than ${MAX_JSON_DEPTH} levels omitted]` : this.data,
      fieldErrors: this.fieldErrors,
      issues: this.issues,
      source: this.source,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      requestId: this.requestId,
      // The platform's message may quote a URL or header value it rejected: scrub it too.
      cause: cause instanceof Error ? { name: cause.name, message: redactText(cause.message) } : undefined,
    };
  }
}

// On the prototype and non-enumerable: present on every instance, invisible to JSON/spread.
Object.defineProperty(NetworkError.prototype, BRAND, { value: true, enumerable: false });

// Far deeper than any real API body; shallow enough for JSON.stringify on any engine's stack.
const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects/arrays more than `limit` levels deep (stops early). */
function deeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (deeperThan(item, limit - 1)) return true;
  }
  return false;
}

/** True for a NetworkError from any copy of Tether loaded in this process. */
export function isNetworkError(value: unknown): value is NetworkError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[BRAND] === true
  );
}
