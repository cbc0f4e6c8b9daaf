/**
 * The retry policy's shape: what a call's retry settings are after normalisation
 * (network/options.ts builds them) and what `shouldRetry` is told. Types only, so the chain's
 * types (types.ts) and the retry layer (retry.ts) can both read them without a cycle.
 */
import type { NetworkError } from '../errors/network-error.js';

/** What `shouldRetry` is told about a failed attempt. */
export interface RetryContext {
  /** The error the call ends with unless it is retried. */
  readonly error: NetworkError;
  /** Attempts made so far (1 after the first). */
  readonly attempt: number;
  /** The built-in decision (by error type and `statusCodes`). */
  readonly retryable: boolean;
  /** The request as sent (headers readable; do not consume its body). */
  readonly request: Request;
  /** The response, when the server answered; its body is still unread. */
  readonly response: Response | undefined;
}

/** Decides whether a failed, repeatable attempt is retried; may be async. */
export type ShouldRetry = (context: RetryContext) => boolean | Promise<boolean>;

/** A call's retry settings after normalisation (options.ts builds it). */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxRetryAfterMs: number;
  readonly statusCodes: ReadonlyArray<number>;
  readonly shouldRetry: ShouldRetry | undefined;
}
