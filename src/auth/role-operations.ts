/**
 * What the spec's auth operations (`x-tether-auth`) do to the stored tokens when the app
 * calls them through the SDK, with `auth` configured:
 *
 * - `login`: a successful answer is stored as the new session (`expiresAt` from `expiresIn`,
 *   counted from when the request was sent), so `await sdk.auth.login(...)` is all an app does.
 * - `refresh` called by the app itself: the rotated tokens are stored too; otherwise the store
 *   would keep a spent refresh token whose next use the server treats as theft.
 * - `logout`: tokens are cleared once the server confirmed, or answered 401 (the session was
 *   already gone). Other failures keep them, so the app can retry and really end the
 *   server-side session; `tokenStore.set(null)` signs out locally regardless.
 */
import { NetworkError, NetworkErrorType, isNetworkError } from '../errors/network-error.js';
import { tokensProblem } from './check-tokens.js';
import type { Logger } from '../network/types.js';
import type { OperationMeta } from '../contract/operation.js';
import type { TokenManager } from './token-manager.js';
import { tokensFromResponse } from './tokens-from-response.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** Wraps one operation's call with the token bookkeeping its auth role implies. */
export function withAuthRole(meta: OperationMeta, run: Run, tokens: TokenManager | undefined, now: () => number, log: Logger): Run {
  if (tokens === undefined || meta.authRole === undefined) return run;
  if (meta.authRole === 'logout') {
    return async (init, options) => {
      try {
        const data = await run(init, options);
        await tokens.signOut();
        return data;
      } catch (error) {
        if (isNetworkError(error) && error.type === 'UNAUTHORIZED') await tokens.signOut();
        throw error;
      }
    };
  }
  return async (init, options) => {
    const sentAt = now();
    const data = await run(init, options);
    const received = tokensFromResponse(data, sentAt, meta.authRole === 'refresh' ? await tokens.current() : null);
    if (received) {
      const problem = tokensProblem(received, now());
      if (problem) {
        // A bad answer from the server: the call fails (UNKNOWN) and nothing is stored.
        throw new NetworkError({ type: NetworkErrorType.UNKNOWN, summary: `${meta.id} answered with unusable tokens (${problem}); nothing stored`, method: meta.method, url: meta.path });
      }
      await tokens.signIn(received, meta.authRole === 'refresh');
    } else log.warn(`auth: ${meta.id} succeeded without an accessToken in its answer; nothing stored`, { operation: meta.id });
    return data;
  };
}
