/**
 * Retry settings → the frozen RetryPolicy the retry layer reads. SDK-wide settings merge over
 * the defaults; a call's settings merge over the SDK's, field by field.
 */
import { MAX_TIMEOUT_MS } from './option-checks.js';
import type { RetryPolicy, ShouldRetry } from './retry-policy.js';

// Beyond this a "retry" is a polling loop; use deadlineMs or your own scheduling instead.
const MAX_RETRIES = 10;

/** A policy (or the defaults) that a retry setting is merged over. */
export type RetryBase = Omit<RetryPolicy, 'shouldRetry'> & { readonly shouldRetry?: ShouldRetry | undefined };

/** `false` → undefined (off); an object is merged over `base`; undefined keeps base (or off). */
export function resolveRetryOptions(value: unknown, base: RetryBase, name: string, offWhenOmitted = false): RetryPolicy | undefined {
  if (value === false) return undefined;
  if (value === undefined) return offWhenOmitted ? undefined : freezePolicy(base);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Tether: ${name} must be false or an object like { maxRetries: 3 }`);
  }
  const raw = value as Partial<RetryBase>;
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
