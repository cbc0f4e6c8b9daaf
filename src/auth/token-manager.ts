/**
 * The token manager: hands the auth layer a usable access token and owns refreshing it.
 *
 * - Proactive: a token whose `expiresAt` is within `refreshSkewMs` is refreshed before the
 *   request goes out, so the app does not pay a 401 round trip.
 * - Reactive: a 401 for a token is answered by one refresh, after which the request is
 *   replayed once (the auth layer decides the replay).
 * - Single flight: concurrent callers share one refresh in this SDK instance; across instances
 *   sharing the store, the refresh lock serialises and the store is re-read after acquiring it,
 *   so a token someone else just obtained is adopted (refresh-lock.ts).
 * - One session: a 401 is answered only with tokens of the session the request was made in
 *   (its refresh, here or by another tab). After a sign-in as someone else the request fails
 *   UNAUTHORIZED instead of being replayed, or alice's call would return bob's data.
 * - Terminal: a refresh rejected with 400/401 (`invalid_grant`), or a custom `refresh` that
 *   returns null, clears the tokens and ends the session (session.ts). Anything else (network
 *   error, 5xx after the network layer's retries) fails the waiting calls with that error and
 *   keeps the session: the next call tries again.
 */
import { isNetworkError } from '../errors/network-error.js';
import type { RefreshTokens, TokenStore, Tokens } from './token-store.js';
import type { Logger } from '../network/types.js';
import type { Clock } from '../platform/clock.js';
import { tokensProblem, UnusableTokensError } from './check-tokens.js';
import { jwtSubject } from './jwt-subject.js';
import { defaultRefreshLock, type RefreshLock } from './refresh-lock.js';
import type { ResolvedAuthOptions } from './options.js';
import { SessionExpiredError, createSessionNotifier, type OnSessionExpired } from './session.js';

export type { RefreshTokens } from './token-store.js';

/** What the manager is built from (normalised auth options plus runtime pieces). */
export interface TokenManagerOptions {
  readonly tokenStore: TokenStore;
  /**
   * The refresh in force, read per use (the default one exists once the generated SDK bound
   * its refresh operation). Undefined: tokens are never refreshed; a 401 is the call's answer.
   */
  readonly refresh: () => RefreshTokens | undefined;
  readonly refreshSkewMs: number;
  readonly onSessionExpired: OnSessionExpired | undefined;
  readonly lock: RefreshLock;
  readonly now: () => number;
  readonly log: Logger;
}

export interface TokenManager {
  /** Tokens to send now, refreshed first when they are due; null when signed out. */
  tokensForRequest(): Promise<Tokens | null>;
  /**
   * The access token `rejected` got a 401: resolves with tokens to replay with (fresh, or ones
   * another caller just obtained). Rejects with SessionExpiredError when the session ended, or
   * with the refresh's own error when it failed transiently.
   */
  refreshAfterRejection(rejected: Tokens): Promise<Tokens>;
  /** Whether a 401 for these tokens can be answered by a refresh. */
  canRefresh(tokens: Tokens): boolean;
  /** The stored tokens as they are (no refresh). */
  current(): Promise<Tokens | null>;
  /** Stores tokens from a sign-in (starts a new session), or from the app's own call of the refresh operation (`continues`). */
  signIn(tokens: Tokens, continues?: boolean): Promise<void>;
  /** Clears the tokens (sign-out). */
  signOut(): Promise<void>;
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { tokenStore: store, lock, now, log } = options;
  const session = createSessionNotifier(options.onSessionExpired, log);
  let inflight: Promise<Tokens> | undefined;
  let warnedShortLife = false;
  // The access token of the last sign-in through this manager: a session started here.
  let signedIn: string | undefined;

  const isDue = (tokens: Tokens) => tokens.expiresAt !== undefined && now() >= tokens.expiresAt - options.refreshSkewMs;
  const canRefresh = (tokens: Tokens) => options.refresh() !== undefined && tokens.refreshToken !== undefined;
  const sameSession = (a: Tokens | null, b: Tokens) => a !== null && a.accessToken === b.accessToken && a.refreshToken === b.refreshToken;

  /**
   * Whether `current` may answer a 401 for `stale`: a refresh of its session. Known for sure
   * when a refresh in this realm (any SDK) led from one to the other, or when both are JWTs
   * (same `sub`: the same user). Opaque tokens a sign-in here stored start a new session; ones
   * the store got elsewhere stay ambiguous (another tab's refresh looks the same as the app
   * storing a sign-in itself) and are trusted, as before.
   */
  function continuesSession(current: Tokens, stale: Tokens): boolean {
    if (refreshedChain(current.accessToken).includes(stale.accessToken)) return true;
    // JWTs say whose they are: the same user signing in again may take over the call.
    const now = jwtSubject(current.accessToken);
    const then = jwtSubject(stale.accessToken);
    if (now !== undefined && then !== undefined) return now === then;
    return current.accessToken !== signedIn;
  }

  /** The stored tokens, refreshed first when they are due and can be. */
  function usableTokens(tokens: Tokens | null): Tokens | null | Promise<Tokens> {
    if (tokens === null || !isDue(tokens) || !canRefresh(tokens)) return tokens;
    return refreshDue(tokens);
  }

  async function refreshDue(tokens: Tokens): Promise<Tokens> {
    try {
      return await refreshOnce(tokens, 'expires soon');
    } catch (error) {
      // A transient failure while the token is still valid (inside the skew window): use it.
      if (!(error instanceof SessionExpiredError) && tokens.expiresAt !== undefined && now() < tokens.expiresAt) return tokens;
      throw error;
    }
  }

  /** One refresh for everyone who found `stale` unusable; joins one already running. */
  function refreshOnce(stale: Tokens, reason: string): Promise<Tokens> {
    inflight ??= lock(() => refreshUnderLock(stale, reason)).finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  async function refreshUnderLock(stale: Tokens, reason: string): Promise<Tokens> {
    // Re-read: another instance (tab, second SDK) may have refreshed while we waited.
    const current = await store.get();
    if (current === null) throw new SessionExpiredError(undefined);
    if (current.accessToken !== stale.accessToken) {
      // Someone else's session now: this call's session is over here, and theirs is not ours to refresh.
      if (!continuesSession(current, stale)) throw new SessionExpiredError(undefined);
      if (!isDue(current)) return current;
    }
    const refresh = options.refresh();
    if (refresh === undefined || current.refreshToken === undefined) throw new SessionExpiredError(undefined);

    log.debug(`auth: refreshing the access token (${reason})`);
    let fresh: Tokens | null;
    try {
      fresh = await refresh(current);
    } catch (error) {
      if (!isRejectedGrant(error)) {
        // One line, no body: the waiting calls reject with this error anyway.
        const what = isNetworkError(error) ? `${error.type}${error.status === undefined ? '' : ` ${error.status}`}` : error instanceof Error ? error.name : 'error';
        log.warn(`auth: token refresh failed (${what}); the session is kept and the next call tries again`);
        log.debug('auth: token refresh failure', { error });
        throw error;
      }
      await endSession(current, error);
      throw new SessionExpiredError(error);
    }
    if (fresh === null) {
      await endSession(current, undefined);
      throw new SessionExpiredError(undefined);
    }
    // Checked before anything is stored: a token a header cannot carry, or one already expired,
    // is a bad answer. Not stored and not a session end (the server answered, just badly):
    // the call fails with UNKNOWN and the next call tries again.
    const problem = tokensProblem(fresh, now());
    if (problem) {
      log.warn(`auth: the token refresh answered with unusable tokens (${problem}); nothing stored`);
      throw new UnusableTokensError(problem);
    }
    // The app signed out or in as someone else during the refresh: theirs wins.
    const latest = await store.get();
    if (!sameSession(latest, current)) {
      if (latest === null || !continuesSession(latest, current)) throw new SessionExpiredError(undefined);
      return latest;
    }
    refreshes.set(fresh, current);
    rememberRefresh(fresh.accessToken, current.accessToken);
    await store.set(fresh);
    if (isDue(fresh) && !warnedShortLife) {
      // Otherwise silent: every call would refresh, doubling traffic and rotating tokens.
      warnedShortLife = true;
      log.warn(`auth: a fresh token is already within refreshSkewMs (${options.refreshSkewMs} ms) of expiry; lower refreshSkewMs below the token lifetime`);
    }
    return fresh;
  }

  async function endSession(ended: Tokens, error: unknown): Promise<void> {
    // Only clear what ended: a sign-in that landed meanwhile stays.
    if (sameSession(await store.get(), ended)) await store.set(null);
    session.expired(ended.refreshToken ?? ended.accessToken, error);
  }

  return {
    // Runs before every authenticated call: one `then` on the store's answer, and the async
    // refresh path only when the token is due.
    tokensForRequest() {
      let stored: Promise<Tokens | null>;
      try {
        stored = Promise.resolve(store.get());
      } catch (error) {
        return Promise.reject(error);
      }
      return stored.then(usableTokens);
    },
    refreshAfterRejection: (rejected) => refreshOnce(rejected, 'rejected with 401'),
    canRefresh,
    current: () => store.get(),
    async signIn(tokens, continues = false) {
      if (continues) {
        const before = await store.get();
        if (before) rememberRefresh(tokens.accessToken, before.accessToken);
      } else signedIn = tokens.accessToken;
      await store.set(tokens);
    },
    async signOut() {
      await store.set(null);
    },
  };
}

// Access tokens refreshes in this realm obtained → the ones they replaced, the latest few: the
// same knowledge as `refreshes` for readers that only have a token's text (a store's `get()`
// answers with a copy). The manager's session check and the owners of the cache, the offline
// queue and sync follow a session through it.
const refreshedTokens = /* @__PURE__ */ new Map<string, string>();
const MAX_CHAIN = 16;
const MAX_REMEMBERED = 64;

function rememberRefresh(fresh: string, replaced: string): void {
  if (fresh === replaced) return;
  refreshedTokens.delete(fresh);
  refreshedTokens.set(fresh, replaced);
  if (refreshedTokens.size > MAX_REMEMBERED) refreshedTokens.delete(refreshedTokens.keys().next().value as string);
}

/**
 * The access tokens `accessToken` continues, newest first: those a token manager in this realm
 * refreshed it from (directly or through earlier refreshes); empty for any other token.
 */
export function refreshedChain(accessToken: string): string[] {
  const chain: string[] = [];
  for (let token = refreshedTokens.get(accessToken); token !== undefined && chain.length < MAX_CHAIN && !chain.includes(token); token = refreshedTokens.get(token)) chain.push(token);
  return chain;
}

// Tokens a refresh obtained, with the ones they replaced. A store wrapper (the cache's scope
// tracker, repository/cache-scope.ts) asks here to tell a refresh, which continues a session,
// from a sign-in or the app's own write, which may start another user's: opaque tokens do not
// say whose they are. Weak: nothing is kept once the tokens are dropped.
const refreshes = /* @__PURE__ */ new WeakMap<Tokens, Tokens>();

/** The tokens `tokens` replaced when a token manager obtained them by refreshing; undefined for any other tokens. */
export function refreshedFrom(tokens: Tokens): Tokens | undefined {
  return refreshes.get(tokens);
}

/** 400/401 from the token endpoint: the grant is invalid (RFC 6749 §5.2), retrying is futile. */
function isRejectedGrant(error: unknown): boolean {
  return isNetworkError(error) && (error.status === 400 || error.status === 401);
}

/**
 * The manager for one runtime from its normalised options: the app's `refresh` wins, else
 * `fallbackRefresh()` (the generated SDK's, once known). Undefined without `auth`.
 */
export function tokenManagerFor(
  options: TokenManagerSource,
  fallbackRefresh: () => RefreshTokens | undefined = () => undefined,
): TokenManager | undefined {
  const auth = options.auth;
  if (auth === undefined) return undefined;
  return createTokenManager({
    tokenStore: auth.tokenStore,
    refresh: () => auth.refresh ?? fallbackRefresh(),
    refreshSkewMs: auth.refreshSkewMs,
    onSessionExpired: auth.onSessionExpired,
    lock: auth.lock ?? defaultRefreshLock(auth.tokenStore.lockKey ?? auth.tokenStore, `${REFRESH_LOCK_PREFIX}${new URL(auth.baseUrl).origin}`),
    now: () => options.clock.now(),
    log: options.log,
  });
}

/** What a token manager is made from: resolved auth options and the SDK's clock and log. */
export interface TokenManagerSource {
  readonly auth: ResolvedAuthOptions | undefined;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: Logger;
}

/** Web Locks name prefix; the API's origin follows, so two APIs in one tab do not contend. */
export const REFRESH_LOCK_PREFIX = 'tether.auth.refresh:';
