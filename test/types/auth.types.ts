/**
 * Type tests for the `auth` option and the auth exports: checked by `tsc --noEmit`, never run.
 * Every `@ts-expect-error` line must not compile.
 */
import {
  createSdk,
  memoryTokenStore,
  tokensFromResponse,
  type RefreshLock,
  type RefreshTokens,
  type SessionExpiredEvent,
  type Tokens,
} from '../../generated/v1/index.js';

const tokenStore = memoryTokenStore();
const refresh: RefreshTokens = async (current: Tokens) => (current.refreshToken ? { accessToken: 'a', refreshToken: 'r', expiresAt: 1 } : null);
const lock: RefreshLock = (task) => task();

export function options(): void {
  createSdk({ baseUrl: 'https://api.example.com', auth: { tokenStore } });
  createSdk({
    baseUrl: 'https://api.example.com',
    auth: { tokenStore, refresh, refreshSkewMs: 30_000, lock, onSessionExpired: (event: SessionExpiredEvent) => void event.error },
  });
  // Async handlers are fine too.
  createSdk({ baseUrl: 'https://api.example.com', auth: { tokenStore, onSessionExpired: async () => {} } });

  // @ts-expect-error a store is required
  createSdk({ baseUrl: 'https://api.example.com', auth: { refresh } });
  // @ts-expect-error refreshSkewMs is milliseconds
  createSdk({ baseUrl: 'https://api.example.com', auth: { tokenStore, refreshSkewMs: '60s' } });
  // @ts-expect-error refresh must resolve with Tokens or null
  createSdk({ baseUrl: 'https://api.example.com', auth: { tokenStore, refresh: async () => 'token' } });
  // @ts-expect-error a refresh result needs an accessToken
  createSdk({ baseUrl: 'https://api.example.com', auth: { tokenStore, refresh: async () => ({ refreshToken: 'r' }) } });
}

export function helpers(): Tokens | null {
  return tokensFromResponse({ access_token: 'a', expires_in: 60 }, Date.now());
}
