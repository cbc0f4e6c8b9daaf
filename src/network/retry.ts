/**
 * Retries with backoff. Rules, in the order they are checked after a failed attempt:
 *
 * 1. The caller's abort is final: CANCELLED, never retried, also while sleeping.
 * 2. Only requests that are safe to send twice are repeated: GET, HEAD, OPTIONS, PUT,
 *    DELETE, TRACE, operations the spec marks idempotent, and POST/PATCH carrying an
 *    idempotency key (the server deduplicates them). A body the caller gave as a stream
 *    cannot be replayed, so such a request is sent once.
 * 3. At most `maxRetries` retries.
 * 4. Retried by default: connection failures, timeouts and the statuses in `statusCodes`;
 *    `shouldRetry` may overrule that decision either way (but not rules 1–3).
 * 5. A Retry-After longer than `maxRetryAfterMs` ends retrying: the error carries
 *    `retryAfterMs` so the app can schedule the call itself; obeying it blindly would let a
 *    server park the app for hours.
 * 6. The origin's retry budget must have tokens (retry-budget.ts).
 * 7. The wait is full jitter, floored by the server's Retry-After (backoff.ts); if it would
 *    pass the call's `deadlineMs`, the call ends now with TIMEOUT instead of sleeping in vain
 *    (checked before rule 6, so such a non-retry spends no budget).
 *
 * Each attempt sends the one attempt built for the call, its body already serialised (a string,
 * bytes, a Blob, a form), so the headers (idempotency key, request id) and the body bytes are
 * identical on every attempt and nothing is cloned. When
 * retries are exhausted the call fails with the last attempt's outcome.
 */
import { connectionCode, createNetworkError } from '../errors/create-network-error.js';
import { NetworkError, NetworkErrorType, isNetworkError } from '../errors/network-error.js';
import { parseRetryAfter } from '../errors/retry-after.js';
import { DEFAULT_IDEMPOTENCY_HEADER } from '../contract/operation.js';
import { uuidV4 } from '../platform/uuid.js';
import { fullJitterDelay, retryDelay } from './backoff.js';
import { abortableSleep, type Clock } from '../platform/clock.js';
import type { RetryBudget } from './retry-budget.js';
import type { RetryPolicy, ShouldRetry } from './retry-policy.js';
import { releaseBody } from './body-deadline.js';
import { toRequest } from './attempt.js';
import { urlOrigin } from './origin.js';
import type { Attempt, FetchLike, Middleware, RequestContext } from './types.js';

export type { RetryContext, RetryPolicy, ShouldRetry } from './retry-policy.js';

/** SDK-wide pieces of the retry layer; the policy itself comes per call from the context. */
export interface RetryMiddlewareOptions {
  readonly clock: Clock;
  /** Undefined: no budget (retries limited by `maxRetries` only). */
  readonly budget: RetryBudget | undefined;
  /** Whether to send the request id and attempt headers. */
  readonly telemetryHeaders: boolean;
  /** Request ids; defaults to UUID v4. */
  readonly generateRequestId?: (() => string) | undefined;
}

/** Sent on every attempt, the same value each time, unless the caller set one. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
/** Sent on retries only: the attempt number (2 for the first retry). */
export const ATTEMPT_HEADER = 'X-Tether-Attempt';

// Methods RFC 9110 §9.2.2 defines as idempotent.
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);

/** Middleware retrying failed attempts per `context.options.retry` and `deadlineMs`. */
export function retry(options: RetryMiddlewareOptions): Middleware {
  return (next) => (attempt, context) => runCall(next, attempt, context, options);
}

async function runCall(next: FetchLike, original: Attempt, context: RequestContext, options: RetryMiddlewareOptions): Promise<Response> {
  const { clock, budget } = options;
  const { retry: policy, deadlineMs } = context.options;
  if (options.telemetryHeaders) withRequestId(original, context, options.generateRequestId ?? uuidV4);
  const repeatable = policy !== undefined && policy.maxRetries > 0 && isRepeatable(original, context);
  const origin = urlOrigin(original.url);
  const deadline = deadlineMs === undefined ? undefined : clock.now() + deadlineMs;
  const details = (extra: { response?: Response; cause?: unknown; reason?: 'cancelled' }) =>
    createNetworkError({ method: original.method, url: original.url, attempts: context.stats.attempts, now: clock.now(), requestId: context.stats.requestId, ...extra });

  for (let attempt = 1; ; attempt++) {
    // The deadline also bounds each attempt: its timeout is cut to the time that is left.
    let timeoutMs = context.options.timeoutMs;
    if (deadline !== undefined) timeoutMs = Math.max(1, Math.min(timeoutMs, Math.ceil(deadline - clock.now())));
    // The call's own context serves the first attempt when nothing differs (the common case).
    const attemptContext: RequestContext =
      attempt === context.attempt && timeoutMs === context.options.timeoutMs
        ? context
        : { ...context, attempt, options: timeoutMs === context.options.timeoutMs ? context.options : { ...context.options, timeoutMs } };
    if (options.telemetryHeaders && attempt > 1) original.headers.set(ATTEMPT_HEADER, String(attempt));

    let response: Response | undefined;
    let thrown: unknown;
    try {
      response = await next(original, attemptContext);
    } catch (error) {
      thrown = error;
    }
    if (response?.ok) {
      budget?.recordSuccess(origin);
      return response;
    }
    const fail = (): Response => {
      if (response) return response; // the call runner reads the body and builds the error
      throw thrown;
    };

    const error = response ? details({ response }) : details({ cause: thrown });
    // Rule 1: a cancelled call ends now (also when the transport reported it some other way).
    if (error.type === 'CANCELLED' || context.signal?.aborted) {
      if (response) releaseBody(response, context.stats);
      if (error.type === 'CANCELLED') throw error;
      throw details({ reason: 'cancelled', cause: context.signal?.reason });
    }
    // Rules 2 and 3.
    if (!repeatable || attempt > policy.maxRetries) return fail();

    // Rule 4. Only the transport and the timeout report CONNECTION/TIMEOUT as NetworkErrors;
    // anything else thrown on the way (a layer failing to build a request) is not the network.
    let retryable = response
      ? policy.statusCodes.includes(response.status)
      : isNetworkError(thrown) && (error.type === 'CONNECTION' || error.type === 'TIMEOUT');
    if (policy.shouldRetry) {
      try {
        retryable = (await policy.shouldRetry({ error, attempt, retryable, request: toRequest({ ...original, signal: undefined }), response })) === true;
      } catch (hookError) {
        // The app's hook failed: the call fails with that (never swallowed), body released.
        if (response) releaseBody(response, context.stats);
        throw hookError;
      }
    }
    if (!retryable) return fail();

    // Rule 5. parseRetryAfter yields undefined for anything malformed: then backoff decides.
    const serverDelay = response ? parseRetryAfter(response.headers, clock.now()) : undefined;
    if (serverDelay !== undefined && serverDelay > policy.maxRetryAfterMs) {
      skipped(context, original, `Retry-After ${serverDelay} ms exceeds maxRetryAfterMs ${policy.maxRetryAfterMs}`);
      return fail();
    }

    // Rule 7 (before the budget, so a retry that cannot happen costs no tokens).
    const delay = retryDelay(serverDelay, fullJitterDelay(attempt - 1, policy.baseDelayMs, policy.maxDelayMs, () => clock.random()));
    if (deadline !== undefined && clock.now() + delay >= deadline) {
      if (response) releaseBody(response, context.stats);
      skipped(context, original, `a ${delay} ms wait would pass deadlineMs ${deadlineMs}`);
      // The attempt itself ran out of time: its own TIMEOUT already says so.
      if (error.type === 'TIMEOUT') throw error;
      // Built directly: createNetworkError would hand back `error` itself, a NetworkError cause.
      throw new NetworkError({
        type: NetworkErrorType.TIMEOUT,
        summary: `Deadline of ${deadlineMs} ms reached after ${context.stats.attempts} attempt(s)`,
        method: original.method,
        url: original.url,
        attempts: context.stats.attempts,
        status: error.status,
        requestId: error.requestId,
        cause: error,
      });
    }
    // Rule 6.
    if (budget && !budget.tryAcquire(origin, error.type === 'TIMEOUT' ? 'timeout' : 'other')) {
      skipped(context, original, `retry budget for ${origin} is spent`);
      return fail();
    }

    if (response) releaseBody(response, context.stats);
    // One line per retry at warn: the app never sees a failure a retry hid, and a backend
    // that keeps failing should be noticed. No headers or bodies here (debug has them).
    context.log?.warn(`↻ ${original.method} ${original.url}: ${whatFailed(error)}; retry ${attempt} of ${policy.maxRetries} in ${delay} ms`, {
      operation: context.meta.id,
      attempt: attempt + 1,
      delayMs: delay,
      reason: error.type,
      status: error.status,
      requestId: context.stats.requestId,
      retryAfterMs: serverDelay,
    });
    await abortableSleep(clock, delay, context.signal, () => details({ reason: 'cancelled', cause: context.signal?.reason }));
  }
}

/** `503 Service Unavailable`, `CONNECTION (ECONNREFUSED)`, `TIMEOUT`: the failure in a few words. */
function whatFailed(error: NetworkError): string {
  if (error.status !== undefined) return `answered ${error.status}`;
  const code = connectionCode(error.cause);
  return code ? `${error.type} (${code})` : error.type;
}

/** A retry the rules would make but a limit prevents: worth a line when debugging. */
function skipped(context: RequestContext, request: Attempt, why: string): void {
  context.log?.debug(`retry skipped for ${request.method} ${request.url}: ${why}`, { operation: context.meta.id });
}

/** Rule 2: may this request be sent more than once? */
function isRepeatable(request: Attempt, context: RequestContext): boolean {
  if (context.replayable === false) return false;
  if (IDEMPOTENT_METHODS.has(request.method) || context.meta.idempotent) return true;
  const declared = context.meta.idempotencyKeyHeader;
  return request.headers.has(DEFAULT_IDEMPOTENCY_HEADER) || (declared !== undefined && request.headers.has(declared));
}

/**
 * One id per call, so server logs can join the attempts; a caller's own id is kept. Recorded
 * on the call's stats so every error of the call carries it, answer or not.
 */
function withRequestId(attempt: Attempt, context: RequestContext, generate: () => string): void {
  const own = attempt.headers.get(REQUEST_ID_HEADER);
  if (own !== null) {
    context.stats.requestId = own;
    return;
  }
  const id = generate();
  context.stats.requestId = id;
  // In place: the attempt is this call's own (built by the call runner).
  attempt.headers.set(REQUEST_ID_HEADER, id);
}
