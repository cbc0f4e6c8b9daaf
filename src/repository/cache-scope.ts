/**
 * Whose cache a call reads and writes, and the wipe on logout or a user switch. The scope is
 * read per call (the app's `cache.scope`, else the access token's subject, else anonymous),
 * so one user's entries are never looked up for another, whatever the order of events. When
 * the scope a call finds differs from the last one seen, the previous user's entries are
 * removed (memory and storage): a logout (token gone) or a sign-in as someone else. Token
 * writes the SDK makes itself (login, logout, refresh) are observed at once through the
 * token store, so the wipe does not wait for the next call. The last scope is also kept in the
 * storage (a digest, never a token), so a user switch made while the app was closed (another
 * account signed in on next launch) still wipes the previous user's persisted entries.
 */
import type { TokenStore, Tokens } from '../auth/token-store.js';
import type { StorageAdapter } from '../platform/storage/types.js';
import type { HttpCache } from './cache/http-cache.js';
import { ANONYMOUS_SCOPE, scopeFromName, scopeFromToken } from './cache/scope.js';

/** Tracks the current scope of one SDK instance's cache. */
export interface ScopeTracker {
  /** The scope of a call made now (wipes the previous user's entries first when it changed). */
  current(): Promise<string>;
  /** Tells the tracker about tokens just stored (null: signed out). */
  observe(tokens: Tokens | null): Promise<void>;
  /** Where the tokens are read from; set once the auth layer exists. */
  useTokens(read: () => Promise<Tokens | null>): void;
}

/** Where the last scope is kept; outside the cache's own prefix, so `clear()` keeps it. */
export const OWNER_KEY = 'tether.cache.owner';

/** `scope` is the app's own (cache.scope); without it, the token's subject decides. */
export function createScopeTracker(cache: HttpCache, scope: (() => string | undefined) | undefined, salt: string, storage?: StorageAdapter): ScopeTracker {
  let readTokens: (() => Promise<Tokens | null>) | undefined;
  let last: string | undefined;
  // The previous run's scope, read once; a storage failure means "unknown" (nothing to wipe).
  let persisted: Promise<string | undefined> | undefined;
  const readPersisted = () => (persisted ??= storage ? storage.getItem(OWNER_KEY).then((v) => v ?? undefined, (error: unknown) => (cache.reportError(error), undefined)) : Promise.resolve(undefined));

  const fromName = (name: string | undefined) => (name === undefined || name === '' ? ANONYMOUS_SCOPE : scopeFromName(name, salt));
  const fromTokens = (tokens: Tokens | null) => (tokens?.accessToken ? scopeFromToken(tokens.accessToken, salt) : ANONYMOUS_SCOPE);

  const settle = async (next: string): Promise<string> => {
    const previous = last ?? (await readPersisted());
    if (last === next) return next;
    last = next;
    // Remembered for the next launch; a first anonymous run has nothing worth remembering.
    if (storage && previous !== next && !(previous === undefined && next === ANONYMOUS_SCOPE)) await storage.setItem(OWNER_KEY, next).catch(cache.reportError);
    // Public (anonymous) entries are nobody's: signing in keeps them. Anyone else's go.
    if (previous !== undefined && previous !== next && previous !== ANONYMOUS_SCOPE) await cache.clearScope(previous);
    return next;
  };

  return {
    async current() {
      if (scope) return settle(fromName(scope()));
      return settle(fromTokens(readTokens ? await readTokens() : null));
    },
    async observe(tokens) {
      if (scope) return;
      await settle(fromTokens(tokens));
    },
    useTokens(read) {
      readTokens = read;
    },
  };
}

/**
 * `store` with every `set` reported to `observe` once it has succeeded; the lock key stays the
 * original store's, so refresh coordination with other stores over the same entry is unchanged.
 */
export function observedTokenStore(store: TokenStore, observe: (tokens: Tokens | null) => Promise<void>): TokenStore {
  return {
    get: () => store.get(),
    async set(tokens) {
      await store.set(tokens);
      await observe(tokens);
    },
    lockKey: store.lockKey ?? store,
  };
}
