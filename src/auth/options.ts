/**
 * The auth layer's options (docs/auth.md): validated and defaulted once, with the reason for
 * each default. The top (src/options.ts) hands `auth` and the resolved base URL in.
 */
import type { RefreshLock } from './refresh-lock.js';
import type { OnSessionExpired } from './session.js';
import type { RefreshTokens, TokenStore } from './token-store.js';

/** Authentication settings (docs/auth.md). */
export interface AuthOptions {
  /** Where the tokens live; read per request, written after sign-in and each refresh. */
  readonly tokenStore: TokenStore;
  /**
   * Exchanges the current tokens for new ones. Default: the spec's refresh operation
   * (`x-tether-auth: refresh`), when it has one. Return null, or throw a NetworkError with
   * status 400/401, to end the session; any other failure keeps it.
   */
  readonly refresh?: RefreshTokens | undefined;
  /** Refresh this long before `expiresAt`, so a token does not expire in flight. */
  readonly refreshSkewMs?: number | undefined;
  /** Called once per session when its refresh token is rejected and the tokens were cleared. */
  readonly onSessionExpired?: OnSessionExpired | undefined;
  /** Serialises refreshes across SDK instances sharing the store; default: Web Locks, else in-process. */
  readonly lock?: RefreshLock | undefined;
}

/** AuthOptions after validation, with defaults applied. */
export interface ResolvedAuthOptions {
  readonly tokenStore: TokenStore;
  /** Tokens go to this origin only. */
  readonly baseUrl: string;
  readonly refresh: RefreshTokens | undefined;
  readonly refreshSkewMs: number;
  readonly onSessionExpired: OnSessionExpired | undefined;
  readonly lock: RefreshLock | undefined;
}

export const AUTH_DEFAULTS = Object.freeze({
  // Refresh a minute before expiry: covers a slow mobile round trip plus the server's clock
  // drift, and is what OAuth client libraries commonly use; short-lived tokens still get
  // most of their life.
  refreshSkewMs: 60_000,
});

/** Validates `auth` (undefined: no auth); throws a TypeError naming the bad option. */
export function resolveAuthOptions(value: AuthOptions | undefined, baseUrl: string): ResolvedAuthOptions | undefined {
  if (value === undefined) return undefined;
  const store = typeof value === 'object' && value !== null ? value.tokenStore : undefined;
  if (typeof store?.get !== 'function' || typeof store.set !== 'function') {
    throw new TypeError('Tether: options.auth.tokenStore must have get() and set(); see memoryTokenStore()');
  }
  for (const name of ['refresh', 'onSessionExpired', 'lock'] as const) {
    if (value[name] !== undefined && typeof value[name] !== 'function') {
      throw new TypeError(`Tether: options.auth.${name} must be a function`);
    }
  }
  const skew = value.refreshSkewMs ?? AUTH_DEFAULTS.refreshSkewMs;
  if (typeof skew !== 'number' || !Number.isFinite(skew) || skew < 0) {
    throw new TypeError('Tether: options.auth.refreshSkewMs must be a number of milliseconds ≥ 0');
  }
  return Object.freeze({
    tokenStore: store,
    baseUrl,
    refresh: value.refresh,
    refreshSkewMs: skew,
    onSessionExpired: value.onSessionExpired,
    lock: value.lock,
  });
}
