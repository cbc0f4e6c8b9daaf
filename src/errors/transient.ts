/**
 * Which failed calls are worth trying again later, by a caller that waits on its own terms (the
 * offline queue's backoff, an event stream's reconnect), after the network layer's own retries
 * are spent: the network (CONNECTION, TIMEOUT), the server (5xx, 503 and 429 as RATE_LIMITED),
 * 408, and a 409 with Retry-After (an Idempotency-Key still in flight). Anything else — a 401
 * the auth layer already tried to refresh, 403, 404, other 4xx, bad input, an answer of the
 * wrong kind — does not change by asking again.
 */
import { isNetworkError, type NetworkError } from './network-error.js';

/** True when `error` is a NetworkError a later attempt may not see. */
export function isTransientFailure(error: unknown): error is NetworkError {
  if (!isNetworkError(error)) return false;
  switch (error.type) {
    case 'CONNECTION':
    case 'TIMEOUT':
    case 'SERVER':
    case 'RATE_LIMITED':
      return true;
    default:
      return error.status === 408 || error.status === 429 || (error.status === 409 && error.retryAfterMs !== undefined);
  }
}
