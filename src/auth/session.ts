/**
 * Session expiry, announced once. When the refresh token is rejected the session is over:
 * the tokens are cleared and `onSessionExpired` runs once for that session, however many
 * calls were waiting on the refresh that failed. A later sign-in starts a new session that
 * may expire (and be announced) again.
 */
import { isNetworkError, type NetworkError } from '../errors/network-error.js';
import type { Logger } from '../network/types.js';

/** What `onSessionExpired` is told. */
export interface SessionExpiredEvent {
  /**
   * Why the session ended: `'refresh-rejected'` when the token endpoint refused the refresh
   * token (400/401, e.g. `invalid_grant`); `'refresh-returned-null'` when a custom `refresh`
   * returned null.
   */
  readonly reason: 'refresh-rejected' | 'refresh-returned-null';
  /** The refresh call's NetworkError for `'refresh-rejected'`; undefined otherwise. */
  readonly error: NetworkError | undefined;
}

/** Called once when a session ends because its refresh token was rejected. */
export type OnSessionExpired = (event: SessionExpiredEvent) => void | Promise<void>;

/** Raised inside the auth layer when the session ended; the layer turns it into UNAUTHORIZED. */
export class SessionExpiredError extends Error {
  override readonly name = 'SessionExpiredError';
  constructor(readonly reason: unknown) {
    super('Session expired: the refresh token was rejected; sign in again');
  }
}

/** Tracks which session was announced as expired, so each is announced once. */
export function createSessionNotifier(handler: OnSessionExpired | undefined, log: Logger) {
  // The refresh token (or access token, without one) identifying the session last announced.
  let announced: string | undefined;
  return {
    /** Announces the end of the session identified by `sessionKey`, once. */
    expired(sessionKey: string, error: unknown): void {
      if (announced === sessionKey) return;
      announced = sessionKey;
      log.warn('auth: session expired (refresh token rejected); tokens cleared', { reason: describe(error) });
      if (!handler) return;
      // The app's handler must not break the call that discovered the expiry, nor be lost:
      // its failure is logged.
      const event: SessionExpiredEvent = isNetworkError(error)
        ? { reason: 'refresh-rejected', error }
        : { reason: 'refresh-returned-null', error: undefined };
      try {
        void Promise.resolve(handler(event)).catch((hookError: unknown) => {
          log.error('auth: onSessionExpired failed', { error: hookError });
        });
      } catch (hookError) {
        log.error('auth: onSessionExpired failed', { error: hookError });
      }
    },
  };
}

function describe(error: unknown): string | undefined {
  if (error === undefined) return 'refresh returned null';
  return error instanceof Error ? error.message : undefined;
}
