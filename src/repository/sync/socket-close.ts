/**
 * How a push socket ends, in both directions. The client's own closes use code 1000 (normal
 * closure: the client chose to leave, nothing failed; browsers only let a page send 1000 or
 * 3000–4999) with a reason saying why, or 4000 for a link found dead by the heartbeat. The
 * server may close with 1013 (Try Again Later, RFC 6455's IANA registry) and a reason of whole
 * seconds, like HTTP's Retry-After: its own wait, which the client honours even when the device
 * comes back online or to the front, since neither makes an overloaded server ready sooner.
 */

/** Close codes and reasons the socket sends. */
export const CLIENT_CLOSE = Object.freeze({
  /** `stop()` was called. */
  stopped: { code: 1000, reason: 'stopped' },
  /** The connectivity adapter reported offline: the socket is let go at once (docs/sync.md). */
  offline: { code: 1000, reason: 'offline' },
  /** No frame for `heartbeatTimeoutMs`: a half-dead link. */
  heartbeat: { code: 4000, reason: 'heartbeat timeout' },
});

/** The server's "try again later" close code. */
export const TRY_AGAIN_LATER = 1013;

/** What a close event carries (the platform CloseEvent and the `ws` package both have both). */
export interface SocketCloseEvent {
  readonly code: number;
  readonly reason?: string | undefined;
}

/** The server's requested wait in ms (a 1013 close whose reason is whole seconds), else undefined. */
export function serverRetryDelayMs(event: SocketCloseEvent | undefined): number | undefined {
  if (event?.code !== TRY_AGAIN_LATER || typeof event.reason !== 'string') return undefined;
  const text = event.reason.trim();
  // Delta-seconds only (as Retry-After's): anything else is an ordinary failure with backoff.
  return /^\d{1,9}$/.test(text) ? Number(text) * 1000 : undefined;
}
