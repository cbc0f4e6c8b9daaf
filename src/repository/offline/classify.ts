/**
 * What a replay's outcome means for its entry, and how long a retryable one waits. The network
 * layer has already retried the send by then, so a failure here is one that outlived those
 * retries: the queue keeps it (and its scope's order) and tries again later with full-jitter
 * backoff, unless the server said something permanent.
 */
import { isTransientFailure } from '../../errors/transient.js';
import { isNetworkError } from '../../errors/network-error.js';
import type { OperationMeta } from '../../contract/operation.js';

/**
 * - 'retry': keep, back off, keep the scope's order;
 * - 'auth': the session is gone (the auth layer gave up): pause the queue, keep everything;
 * - 'gone': a repeated DELETE whose target is already gone: as good as sent;
 * - 'dead': the server refused it for good: dead letter, the queue goes on.
 */
export type Verdict = 'retry' | 'auth' | 'gone' | 'dead';

/** Whether a failed call is worth trying again later (also what makes a `{ offline: 'queue' }` call queue itself). */
export const isRetryable = isTransientFailure;

/** The verdict on a replay of `meta` that failed with `error`; `attempted`: it was sent before. */
export function classify(meta: OperationMeta, error: unknown, attempted: boolean): Verdict {
  if (isRetryable(error)) return 'retry';
  if (!isNetworkError(error)) return 'dead';
  // Not an answer (the queue was closed mid-send): nothing is known, so it is tried again.
  if (error.type === 'CANCELLED') return 'retry';
  if (error.type === 'UNAUTHORIZED') return 'auth';
  // An earlier attempt may have deleted it and lost the answer on the way back.
  if (meta.method === 'delete' && attempted && (error.status === 404 || error.status === 410)) return 'gone';
  // A client-side refusal (stored input the spec no longer accepts) is as final as a 4xx.
  return 'dead';
}

/** Full-jitter backoff after `attempts` failed sends, at least the server's Retry-After. */
export function backoffMs(attempts: number, base: number, max: number, random: () => number, retryAfterMs: number | undefined): number {
  const ceiling = Math.min(max, base * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs !== undefined ? Math.max(jittered, retryAfterMs) : jittered;
}
