/**
 * How long to wait before retry number `retry` (0 for the first retry). Full jitter, as in
 * AWS's "Exponential Backoff and Jitter": a uniform pick in [0, min(cap, base·2^retry)].
 * Spreading retries over the whole window (rather than adding a little noise to a fixed
 * delay) is what stops a fleet of phones that failed together from retrying together.
 */

/** Milliseconds for the given retry; `random` must return [0, 1) and anything else is clamped. */
export function fullJitterDelay(retry: number, baseDelayMs: number, maxDelayMs: number, random: () => number): number {
  // 2 ** 1100 is Infinity, which min() turns back into the cap: no overflow, no NaN.
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, retry));
  return Math.floor(unit(random()) * ceiling);
}

/**
 * The wait before a retry when the server may have said how long to wait. The server's
 * delay is a floor: jitter may lengthen it (so a fleet told "Retry-After: 1" does not come
 * back in one burst) but never shortens it. Callers check the server's value against
 * `maxRetryAfterMs` before they get here.
 */
export function retryDelay(serverDelayMs: number | undefined, jitteredMs: number): number {
  return serverDelayMs === undefined ? jitteredMs : Math.max(serverDelayMs, jitteredMs);
}

function unit(value: number): number {
  if (!Number.isFinite(value) || value < 0) return 0;
  return value >= 1 ? 1 : value;
}
