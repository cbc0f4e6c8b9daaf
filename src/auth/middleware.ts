/**
 * Attaches the access token, refreshes it, and replays a request once after a 401.
 *
 * Two rules keep tokens from leaking: only to baseUrl's origin (a pagination link or redirect
 * target elsewhere gets nothing; redirect.ts strips it on a cross-origin hop), and only for
 * operations whose spec requires a security scheme.
 *
 * Refresh (token-manager.ts): a token due within `refreshSkewMs` is refreshed before sending;
 * a 401 answered to our token is followed by one shared refresh and **one** replay. The replay's
 * own 401 is the call's answer (UNAUTHORIZED): a server that keeps refusing fresh tokens must
 * not cause a loop. 403 means "known, not allowed": never a refresh. Operations the spec marks
 * as login or refresh pass through untouched, so a refresh never recurses into itself.
 */
import { untilAborted } from '../platform/until-aborted.js';
import { createNetworkError } from '../errors/create-network-error.js';
import { NetworkError, NetworkErrorType } from '../errors/network-error.js';
import { SessionExpiredError } from './session.js';
import { tokenValueProblem, UnusableTokensError } from './check-tokens.js';
import type { TokenManager } from './token-manager.js';
import type { Tokens } from './token-store.js';
import { releaseBody } from '../network/body-deadline.js';
import { urlOrigin } from '../network/origin.js';
import { ATTEMPT_HEADER, REQUEST_ID_HEADER } from '../network/retry.js';
import type { Attempt, FetchLike, Middleware, RequestContext } from '../network/types.js';
import type { OperationMeta } from '../contract/operation.js';

/** Options for the auth layer. */
export interface AuthMiddlewareOptions {
  readonly tokens: TokenManager;
  /** Tokens go to this URL's origin only. */
  readonly baseUrl: string;
}

/** Middleware adding `Authorization: Bearer <accessToken>` to same-origin secured requests. */
export function auth(options: AuthMiddlewareOptions): Middleware {
  return tokenLayer(options, true);
}

/**
 * The same layer for SDKs that know their spec's schemes: security-layer.ts has already chosen
 * a requirement holding a token scheme for every call it hands here, so the operation's
 * `security` is not judged again (an optional `[{ bearer }, {}]` then sends the token too).
 */
export function bearer(options: AuthMiddlewareOptions): Middleware {
  return tokenLayer(options, false);
}

function tokenLayer(options: AuthMiddlewareOptions, judgeSecurity: boolean): Middleware {
  const origin = new URL(options.baseUrl).origin;
  const manager = options.tokens;
  // Not async: on the usual path (a token, no 401) a call costs two `then`s here, and the
  // async refresh-and-replay path runs only after a 401.
  return (next) => (attempt, context) => {
    try {
      const { meta } = context;
      if (meta.authRole === 'refresh' || meta.authRole === 'login') return next(attempt, context);
      if ((judgeSecurity && !requiresAuth(meta.security)) || urlOrigin(attempt.url) !== origin) {
        return next(attempt, context);
      }
      // An Authorization header the app set itself (per call or in SDK headers) is deliberate.
      if (attempt.headers.has('authorization')) return next(attempt, context);

      return waitFor(manager.tokensForRequest(), attempt, context).then(
        (tokens) => (tokens ? sendAuthorized(next, attempt, context, tokens, manager, origin) : next(attempt, context)),
        (error: unknown) => {
          throw sessionEnded(error, attempt, context);
        },
      );
    } catch (error) {
      // Whatever fails before sending fails the call through its promise.
      return Promise.reject(error);
    }
  };
}

/** Sends `attempt` with `tokens`; after a 401 to our token, refreshes once and replays once. */
function sendAuthorized(next: FetchLike, attempt: Attempt, context: RequestContext, tokens: Tokens, manager: TokenManager, origin: string): Promise<Response> {
  // The replay resends the body as it is (already serialised); a stream body cannot be. Its
  // headers are the ones sent, without what this and the inner layers added (the token, the
  // request id and attempt number), so the replay is a fresh call of its own. Copied only
  // when a replay happens: the headers as they are now are noted, not copied, on every call.
  const replayable = context.replayable !== false && manager.canRefresh(tokens);
  const added = replayable ? headersAddedBelow(attempt) : undefined;
  const signalBefore = attempt.signal;
  const sent = sendWith(next, attempt, context, tokens.accessToken);
  if (added === undefined) return sent;
  return sent.then((response) => {
    // A 401 from another origin (a redirect target, which got no token) says nothing about ours.
    const foreign = response.url !== '' && urlOrigin(response.url) !== origin;
    if (response.status !== 401 || !isTokenRejection(response) || foreign) return response;
    return replayWithFreshToken(next, attempt, context, tokens, manager, replayOf(attempt, added, signalBefore), response);
  });
}

/** The one replay after a 401: the rejected answer released, a shared refresh, then `replay`. */
async function replayWithFreshToken(next: FetchLike, attempt: Attempt, context: RequestContext, tokens: Tokens, manager: TokenManager, replay: Attempt, rejected: Response): Promise<Response> {
  releaseBody(rejected, context.stats);
  let fresh: Tokens;
  try {
    fresh = await waitFor(manager.refreshAfterRejection(tokens), attempt, context);
  } catch (error) {
    throw sessionEnded(error, attempt, context);
  }
  context.log?.debug(`auth: replaying ${attempt.method} ${attempt.url} with a refreshed token`, { operation: context.meta.id });
  return sendWith(next, replay, context, fresh.accessToken);
}

// Module functions rather than closures made per call: they run only when a call needs them.

/**
 * Sends `attempt` with the token. A stored token a header cannot carry is the app's (or its
 * store's) input: refused here, typed, instead of fetch throwing a TypeError that would pass
 * for a lost connection.
 */
function sendWith(next: FetchLike, attempt: Attempt, context: RequestContext, accessToken: string): Promise<Response> {
  const unsendable = tokenValueProblem(accessToken, 'the stored accessToken');
  if (unsendable) {
    throw createNetworkError({ method: attempt.method, url: attempt.url, attempts: context.stats.attempts, reason: 'invalid-input', summary: `Cannot send the request: ${unsendable}` });
  }
  return next(withToken(attempt, accessToken), context);
}

/** The refresh is shared, so a caller's abort stops its own wait, never the refresh itself. */
function waitFor<T>(promise: Promise<T>, attempt: Attempt, context: RequestContext): Promise<T> {
  if (context.signal === undefined) return promise;
  return untilAborted(promise, context.signal, () =>
    createNetworkError({ method: attempt.method, url: attempt.url, reason: 'cancelled', cause: context.signal?.reason, attempts: context.stats.attempts }));
}

/** The call's error when getting or refreshing the tokens failed. */
function sessionEnded(error: unknown, attempt: Attempt, context: RequestContext): unknown {
  if (error instanceof UnusableTokensError) {
    return new NetworkError({
      type: NetworkErrorType.UNKNOWN,
      summary: `Token refresh failed: ${error.message}; nothing stored, the session is kept`,
      method: attempt.method,
      url: attempt.url,
      attempts: context.stats.attempts,
      cause: error,
    });
  }
  if (!(error instanceof SessionExpiredError)) return error;
  return new NetworkError({
    type: NetworkErrorType.UNAUTHORIZED,
    summary: error.message,
    method: attempt.method,
    url: attempt.url,
    status: 401,
    attempts: context.stats.attempts,
    cause: error.reason,
  });
}

/** The headers the layers below auth may add to `attempt` that it does not carry yet. */
function headersAddedBelow(attempt: Attempt): string[] {
  const added = ['authorization'];
  if (!attempt.headers.has(REQUEST_ID_HEADER)) added.push(REQUEST_ID_HEADER);
  if (!attempt.headers.has(ATTEMPT_HEADER)) added.push(ATTEMPT_HEADER);
  return added;
}

/** A fresh attempt: `attempt` with its headers and signal as they were before it was sent. */
function replayOf(attempt: Attempt, added: ReadonlyArray<string>, signal: AbortSignal | undefined): Attempt {
  const headers = new Headers(attempt.headers);
  for (const name of added) headers.delete(name);
  return { ...attempt, headers, signal };
}

function withToken(attempt: Attempt, accessToken: string): Attempt {
  // In place: the attempt is this call's own; the replay's headers (`spare`) were copied
  // before the first send, so they never carry the rejected token.
  attempt.headers.set('authorization', `Bearer ${accessToken}`);
  return attempt;
}

/**
 * A 401 means our token was refused unless the server names another Bearer error
 * (RFC 6750 §3.1: `invalid_request`, `insufficient_scope`), which a new token cannot fix.
 * Servers that send no `WWW-Authenticate` at all are common, so its absence counts as refusal.
 */
function isTokenRejection(response: Response): boolean {
  const challenge = response.headers.get('www-authenticate');
  const error = challenge ? /error="?([^",\s]+)/i.exec(challenge)?.[1] : undefined;
  return error === undefined || error === 'invalid_token';
}

/**
 * Security is a list of alternatives; an empty alternative (`{}` in the spec) means anonymous
 * access is allowed, so the token is optional and we do not volunteer it.
 */
export function requiresAuth(security: OperationMeta['security']): boolean {
  return security.length > 0 && security.every((alternative) => alternative.length > 0);
}
