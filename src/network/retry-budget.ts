/**
 * A retry budget: one token bucket per origin, in the spirit of the AWS SDKs' retry quota
 * and gRPC's retry throttling. Retries spend tokens, successes earn them back. While a
 * backend is healthy the bucket stays full and retries are free to smooth over blips; when
 * it is down, the bucket empties after `capacity / retryCost` retries and from then on every
 * call is sent once, so the SDK stops multiplying load on a server that is trying to recover.
 * Timeouts cost more than other failures: they hold a server slot for the whole timeout.
 *
 * One budget per SDK instance (never module state), so two SDKs or two tests do not drain
 * each other; pass your own to share one across instances.
 */

/** What the retry layer asks of a budget; implement it to plug in your own policy. */
export interface RetryBudget {
  /** Takes the cost of one retry to `origin`; false means "do not retry now". */
  tryAcquire(origin: string, cause: 'timeout' | 'other'): boolean;
  /** A request to `origin` succeeded: earn some budget back. */
  recordSuccess(origin: string): void;
  /** Tokens left for `origin` (full capacity for an origin never seen). */
  available(origin: string): number;
}

/** Sizes of the default token bucket. */
export interface RetryBudgetOptions {
  /** Tokens per origin when full. */
  readonly capacity?: number | undefined;
  /** Cost of retrying after an error response or a connection failure. */
  readonly retryCost?: number | undefined;
  /** Cost of retrying after a timeout. */
  readonly timeoutCost?: number | undefined;
  /** Tokens a successful response puts back. */
  readonly successRefill?: number | undefined;
}

export const RETRY_BUDGET_DEFAULTS = Object.freeze({
  // The AWS SDKs' numbers: 500 tokens, 5 per retry, 10 per timeout retry, 1 back per success.
  // A full outage then costs at most 100 extra requests per origin before retries stop, and
  // a recovered backend earns retries back after a few hundred successes.
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successRefill: 1,
});

/** The default token bucket, per origin. */
export function createRetryBudget(options: RetryBudgetOptions = {}): RetryBudget {
  const capacity = options.capacity ?? RETRY_BUDGET_DEFAULTS.capacity;
  const retryCost = options.retryCost ?? RETRY_BUDGET_DEFAULTS.retryCost;
  const timeoutCost = options.timeoutCost ?? RETRY_BUDGET_DEFAULTS.timeoutCost;
  const successRefill = options.successRefill ?? RETRY_BUDGET_DEFAULTS.successRefill;
  for (const [name, value] of Object.entries({ capacity, retryCost, timeoutCost, successRefill })) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new TypeError(`Tether: retryBudget.${name} must be a finite number ≥ 0`);
    }
  }
  const tokens = new Map<string, number>();
  const available = (origin: string) => tokens.get(origin) ?? capacity;

  return Object.freeze({
    available,
    tryAcquire(origin: string, cause: 'timeout' | 'other') {
      const cost = cause === 'timeout' ? timeoutCost : retryCost;
      const left = available(origin);
      if (left < cost) return false;
      tokens.set(origin, left - cost);
      return true;
    },
    recordSuccess(origin: string) {
      const left = available(origin);
      // A full bucket is the same as no entry; dropping it keeps the map small.
      if (left + successRefill >= capacity) tokens.delete(origin);
      else tokens.set(origin, left + successRefill);
    },
  });
}
