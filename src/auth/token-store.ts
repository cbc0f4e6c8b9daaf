/**
 * Where the auth layer reads tokens from. A store is async so it can sit on secure storage
 * (Keychain, EncryptedSharedPreferences) behind an AsyncStorage-like adapter.
 */
import type { StorageAdapter } from '../platform/storage/types.js';

/** The credentials an app holds for one signed-in user. */
export interface Tokens {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  /** Access-token expiry, epoch milliseconds. */
  readonly expiresAt?: number | undefined;
}

/**
 * Exchanges the current tokens for new ones. Return null, or throw a NetworkError with status
 * 400/401, when the refresh token is rejected (the session ends); throw anything else for a
 * transient failure (the session is kept).
 */
export type RefreshTokens = (current: Tokens) => Promise<Tokens | null>;

/** Async holder of the current tokens; `set(null)` signs out. */
export interface TokenStore {
  get(): Promise<Tokens | null>;
  set(tokens: Tokens | null): Promise<void>;
  /**
   * Identifies the place the tokens live, for the in-process refresh lock: stores with the
   * same key take turns refreshing. Default: the store object itself. `storageTokenStore`
   * sets one per (storage adapter, key), so two stores over the same entry coordinate.
   */
  readonly lockKey?: object | undefined;
}

/** Default storage key for `storageTokenStore`. */
export const DEFAULT_TOKEN_KEY = 'tether.tokens';

/** A TokenStore that forgets on restart (tests, web sessions held elsewhere). */
export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let current = initial === null ? null : validTokens(initial);
  return {
    // Read before every authenticated call: a settled promise, without an async frame.
    get() {
      return Promise.resolve(current);
    },
    async set(tokens) {
      current = tokens === null ? null : validTokens(tokens);
    },
  };
}

/** A TokenStore persisted as JSON under `key` in an AsyncStorage-like adapter. */
export function storageTokenStore(storage: StorageAdapter, key: string = DEFAULT_TOKEN_KEY): TokenStore {
  return {
    lockKey: lockKeyFor(storage, key),
    async get() {
      const raw = await storage.getItem(key);
      if (raw === null) return null;
      // A corrupt entry (hand-edited, older app version) means "signed out", not a crash on
      // every request; the user signs in again and the entry is overwritten.
      try {
        return parseTokens(JSON.parse(raw));
      } catch {
        return null;
      }
    },
    async set(tokens) {
      if (tokens === null) await storage.removeItem(key);
      else await storage.setItem(key, JSON.stringify(validTokens(tokens)));
    },
  };
}

const lockKeys = new WeakMap<StorageAdapter, Map<string, object>>();

/** One stable object per (adapter, key): SDKs in one JS context over one entry share a lock. */
function lockKeyFor(storage: StorageAdapter, key: string): object {
  let byKey = lockKeys.get(storage);
  if (!byKey) lockKeys.set(storage, (byKey = new Map()));
  let lockKey = byKey.get(key);
  if (!lockKey) byKey.set(key, (lockKey = Object.freeze({ key })));
  return lockKey;
}

function validTokens(tokens: Tokens): Tokens {
  const parsed = parseTokens(tokens);
  if (!parsed) throw new TypeError('Tokens need a non-empty string accessToken');
  return parsed;
}

function parseTokens(value: unknown): Tokens | null {
  if (typeof value !== 'object' || value === null) return null;
  const { accessToken, refreshToken, expiresAt } = value as Record<string, unknown>;
  if (typeof accessToken !== 'string' || accessToken === '') return null;
  return Object.freeze({
    accessToken,
    refreshToken: typeof refreshToken === 'string' ? refreshToken : undefined,
    expiresAt: typeof expiresAt === 'number' && Number.isFinite(expiresAt) ? expiresAt : undefined,
  });
}
