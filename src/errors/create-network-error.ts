/**
 * The one place that decides which NetworkErrorType a failure is. Every layer that fails a
 * call (timeout, https guard, call runner) comes through here, so classification cannot drift.
 */
import { mapValidationIssues, toFieldErrors, type ValidationErrorMapper, type ValidationIssue } from './field-errors.js';
import { NetworkError, NetworkErrorType, isNetworkError } from './network-error.js';
import { parseRetryAfter } from './retry-after.js';

/** What is known about a failed request when it is turned into a NetworkError. */
export interface FailureDetails {
  readonly method: string;
  readonly url: string;
  /** Requests actually sent so far. */
  readonly attempts?: number | undefined;
  /** The server's answer, when there was one (its body may be unread or already consumed). */
  readonly response?: Response | undefined;
  /** Parsed error body, when it was read. */
  readonly data?: unknown;
  /** The exception that ended the request, if any. */
  readonly cause?: unknown;
  /**
   * Set by our own layers when they ended the request: the caller's abort, our timer, or the
   * call's input that could not be turned into a request (VALIDATION, source client).
   */
  readonly reason?: 'cancelled' | 'timeout' | 'invalid-input' | undefined;
  /** The X-Request-Id that was sent, used when the server's answer names none (or none came). */
  readonly requestId?: string | undefined;
  /** For the TIMEOUT message. */
  readonly timeoutMs?: number | undefined;
  /** Overrides the generic message for failures we refuse ourselves (e.g. insecure http). */
  readonly summary?: string | undefined;
  /** Validation body mappers, the app's first; the built-in one when omitted. */
  readonly validationMappers?: ReadonlyArray<ValidationErrorMapper> | undefined;
  /** Clock for Retry-After HTTP-dates; injectable for tests. */
  readonly now?: number | undefined;
}

/** HTTP status → error type, for non-2xx responses. */
export function typeForStatus(status: number): NetworkErrorType {
  switch (status) {
    case 401:
      return NetworkErrorType.UNAUTHORIZED;
    case 403:
      return NetworkErrorType.FORBIDDEN;
    case 404:
      return NetworkErrorType.NOT_FOUND;
    case 422:
      return NetworkErrorType.VALIDATION;
    case 429:
      return NetworkErrorType.RATE_LIMITED;
  }
  if (status >= 400 && status < 500) return NetworkErrorType.CLIENT;
  if (status >= 500 && status < 600) return NetworkErrorType.SERVER;
  // 1xx/3xx reaching us (manual redirects, 304 without a cache) are not failures we can name.
  return NetworkErrorType.UNKNOWN;
}

/** Classifies a failure into a NetworkError; an existing NetworkError is returned unchanged. */
export function createNetworkError(details: FailureDetails): NetworkError {
  const { cause, response } = details;
  if (isNetworkError(cause)) return cause;

  const base = {
    method: details.method,
    url: details.url,
    attempts: details.attempts,
    cause,
    status: response?.status,
    requestId: (response && requestIdOf(response.headers)) ?? details.requestId,
  };

  if (details.reason === 'invalid-input') {
    // Never sent; the summary names what was wrong, never the value (it may be a secret).
    const message = details.summary ?? 'The request could not be built from its input';
    return new NetworkError({
      ...base,
      type: NetworkErrorType.VALIDATION,
      summary: message,
      source: 'client',
      issues: [{ path: [], message }],
      fieldErrors: { '': [message] },
    });
  }

  if (details.reason === 'cancelled') {
    return new NetworkError({ ...base, type: NetworkErrorType.CANCELLED, summary: 'Request was cancelled' });
  }
  if (details.reason === 'timeout' || errorName(cause) === 'TimeoutError') {
    const after = details.timeoutMs === undefined ? '' : ` after ${details.timeoutMs} ms`;
    return new NetworkError({ ...base, type: NetworkErrorType.TIMEOUT, summary: `Request timed out${after}` });
  }

  if (response && !response.ok) {
    // The status decides, even when reading the error body failed (that lands in `cause`).
    let type = typeForStatus(response.status);
    const text = response.statusText ? ` ${response.statusText}` : '';
    // A 400 is a validation error when its body is one of the validation shapes with at least
    // one field-level issue (a bare `{ message }` 400 stays CLIENT: it names no field).
    let issues: ReadonlyArray<ValidationIssue> | undefined;
    if (type === NetworkErrorType.VALIDATION || (response.status === 400 && details.data !== undefined)) {
      const mapped = mapValidationIssues(details.data, response, details.validationMappers);
      if (type === NetworkErrorType.VALIDATION || (mapped.recognised && mapped.issues.some((i) => i.path.length > 0))) {
        type = NetworkErrorType.VALIDATION;
        issues = mapped.issues;
      }
    }
    return new NetworkError({
      ...base,
      type,
      summary: details.summary ?? `Request failed with status ${response.status}${text}`,
      data: details.data,
      fieldErrors: issues && toFieldErrors(issues),
      issues,
      source: issues && 'server',
      retryAfterMs: parseRetryAfter(response.headers, details.now),
    });
  }

  // fetch reports every transport failure (DNS, refused, reset, offline) as a TypeError, in
  // browsers, undici and React Native alike; after headers it means the body was cut off.
  if (cause instanceof TypeError) {
    const code = connectionCode(cause);
    const why = code ? ` (${code})` : '';
    // The server answered, but not in HTTP a client can read (undici's parser errors, a header
    // block over its limit): a bad answer, not a lost connection, so UNKNOWN and never retried.
    if (code !== undefined && MALFORMED_ANSWER.test(code)) {
      return new NetworkError({ ...base, type: NetworkErrorType.UNKNOWN, summary: details.summary ?? `The server's answer is not valid HTTP${why}` });
    }
    const summary = response ? `Connection lost while reading the response${why}` : `Could not reach the server${why}`;
    return new NetworkError({ ...base, type: NetworkErrorType.CONNECTION, summary: details.summary ?? summary });
  }

  const summary = response
    ? `Could not read the ${response.status} response body`
    : 'Request failed unexpectedly';
  return new NetworkError({ ...base, type: NetworkErrorType.UNKNOWN, summary: details.summary ?? summary });
}

/** undici's codes for answers that arrived but cannot be parsed as HTTP (llhttp `HPE_*`). */
const MALFORMED_ANSWER = /^(HPE_|UND_ERR_HEADERS_OVERFLOW$|UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE$)/;

/**
 * The system error code behind a fetch failure (ECONNREFUSED, ENOTFOUND, ECONNRESET,
 * UND_ERR_SOCKET…): undici puts it on the TypeError's cause, sometimes inside an
 * AggregateError (one per address tried). Other platforms give none.
 */
export function connectionCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 3) return undefined;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code)) return code;
  if (Array.isArray(errors) && errors.length > 0) return connectionCode(errors[0], depth + 1);
  return connectionCode(cause, depth + 1);
}

function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('request-id') ?? undefined;
}

function errorName(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : undefined;
}
