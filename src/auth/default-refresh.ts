/**
 * The refresh the generated SDK supplies when the spec marks an operation with
 * `x-tether-auth: refresh` (for the embedded API: POST /auth/refresh, body { refreshToken }).
 * It is an ordinary call of that operation through the same pipeline, so it gets the https
 * guard, timeouts, logging and retries; the auth layer lets refresh (and login) operations
 * through untouched, so a refresh never triggers a refresh.
 */
import type { Tokens } from './token-store.js';
import type { OperationMeta } from '../contract/operation.js';
import { UnusableTokensError } from './check-tokens.js';
import { tokensFromResponse } from './tokens-from-response.js';
import type { RefreshTokens } from './token-manager.js';

/** Sends one operation call; the runtime's call runner. */
export type SendCall = (meta: OperationMeta, init: unknown) => Promise<unknown>;

/** A RefreshTokens over the spec's refresh operation. */
export function operationRefresh(meta: OperationMeta, send: SendCall, now: () => number): RefreshTokens {
  return async (current: Tokens) => {
    if (current.refreshToken === undefined) return null;
    // Marked idempotent so the retry layer repeats a refresh that hit a network error or 5xx
    // with its usual backoff. Safe with rotating refresh tokens: if the server never got the
    // request, the retry is the first use; if it rotated and the answer was lost, the old
    // token is spent either way, and the retry merely learns so (invalid_grant) sooner.
    const repeatable: OperationMeta = { ...meta, idempotent: true };
    const sentAt = now();
    const body = await send(repeatable, { body: { refreshToken: current.refreshToken } });
    const tokens = tokensFromResponse(body, sentAt, current);
    if (tokens === null) throw new UnusableTokensError('the refresh answer has no accessToken');
    return tokens;
  };
}
