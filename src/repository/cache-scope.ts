/**
 * Whose cache a call reads and writes, and the wipe on logout or a user switch. The scope is
 * read per call (the app's `cache.scope`, else the access token's owner, else anonymous), so
 * one user's entries are never looked up for another, whatever the order of events. When the
 * scope a call finds differs from the last one seen, the previous user's entries are removed
 * (memory and storage): a logout (token gone) or a sign-in as someone else. Token writes the
 * SDK makes itself (login, logout, refresh) are observed at once through the token store, so
 * the wipe does not wait for the next call.
 *
 * Whose token: a JWT names its user (`sub`). An opaque token names nobody, so its scope is a
 * session's: minted from the first token seen (a login, the app's own write, a launch) and
 * carried across the refreshes the SDK's token manager makes (it says which tokens it obtained
 * by refreshing, token-manager.ts `refreshedFrom`). Any other new opaque token starts a new
 * session, since it may be another user's. The owner record (cache-owner.ts: the scope, and
 * digests of the session's recent tokens, never a token) is kept in the storage, so a switch
 * made while the app was closed still wipes, a restart after a refresh keeps the entries, and
 * another SDK instance over the same storage adopts a refresh it made.
 */
import { refreshedFrom } from '../auth/token-manager.js';
import type { TokenStore, Tokens } from '../auth/token-store.js';
import type { StorageAdapter } from '../platform/storage/types.js';
import type { HttpCache } from './cache/http-cache.js';
import { ANONYMOUS_SCOPE, namesSubject, scopeFromName, scopeFromToken, tokenDigest } from './cache/scope.js';
import { decodeOwner, encodeOwner, sessionRecord, withTokens, type OwnerRecord } from './cache-owner.js';

/** Tracks the current scope of one SDK instance's cache. */
export interface ScopeTracker {
  /** The scope of a call made now (wipes the previous user's entries first when it changed). */
  current(): Promise<string>;
  /** Tells the tracker about tokens just stored (null: signed out). */
  observe(tokens: Tokens | null): Promise<void>;
  /**
   * Tells the tracker, before they are stored, that `fresh` replaced `previous` by a refresh:
   * the session (and its scope) goes on with them.
   */
  refreshed(fresh: Tokens, previous: Tokens): Promise<void>;
  /** Where the tokens are read from; set once the auth layer exists. */
  useTokens(read: () => Promise<Tokens | null>): void;
}

/** Where the owner record is kept; outside the cache's own prefix, so `clear()` keeps it. */
export const OWNER_KEY = 'tether.cache.owner';

/** `scope` is the app's own (cache.scope); without it, the tokens decide. */
export function createScopeTracker(cache: HttpCache, scope: (() => string | undefined) | undefined, salt: string, storage?: StorageAdapter): ScopeTracker {
  let readTokens: (() => Promise<Tokens | null>) | undefined;
  let last: OwnerRecord | undefined;
  // One step at a time: a refresh and the calls racing it must not undo each other's record.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = queue.then(step);
    queue = run.catch(() => undefined);
    return run;
  };

  // The stored record as it is now (another instance may have written it); a failure: unknown.
  const readOwner = async (): Promise<OwnerRecord | undefined> => {
    if (!storage) return undefined;
    try {
      return decodeOwner(await storage.getItem(OWNER_KEY));
    } catch (error) {
      cache.reportError(error);
      return undefined;
    }
  };
  const plain = (name: string): OwnerRecord => ({ scope: name, tokens: [] });
  const fromName = (name: string | undefined) => plain(name === undefined || name === '' ? ANONYMOUS_SCOPE : scopeFromName(name, salt));

  /** The record for `tokens`: a JWT's subject, the known session of an opaque token, or a new one. */
  const fromTokens = async (tokens: Tokens | null): Promise<OwnerRecord> => {
    const token = tokens?.accessToken;
    if (!tokens || !token) return plain(ANONYMOUS_SCOPE);
    if (namesSubject(token)) return plain(scopeFromToken(token, salt));
    // Known here, refreshed from a token of this session (also by another SDK instance over a
    // shared store), the previous launch's session, or a new one.
    return (await sessionRecord(token, tokens, salt, last, readOwner)).record;
  };

  const settle = async (next: OwnerRecord): Promise<string> => {
    const previous = last ?? (await readOwner());
    if (previous !== undefined && previous.scope === next.scope) {
      // Same session: only remember tokens it did not know (a refresh), keeping the older ones.
      const merged = withTokens(previous, next.tokens);
      last = merged;
      if (storage && merged !== previous) await storage.setItem(OWNER_KEY, encodeOwner(merged)).catch(cache.reportError);
      return merged.scope;
    }
    last = next;
    // Remembered for the next launch; a first anonymous run has nothing worth remembering.
    if (storage && !(previous === undefined && next.scope === ANONYMOUS_SCOPE)) await storage.setItem(OWNER_KEY, encodeOwner(next)).catch(cache.reportError);
    // Public (anonymous) entries are nobody's: signing in keeps them. Anyone else's go.
    if (previous !== undefined && previous.scope !== ANONYMOUS_SCOPE) await cache.clearScope(previous.scope);
    return next.scope;
  };

  return {
    current() {
      return serial(async () => {
        if (scope) return settle(fromName(scope()));
        return settle(await fromTokens(readTokens ? await readTokens() : null));
      });
    },
    async observe(tokens) {
      if (scope) return;
      await serial(async () => settle(await fromTokens(tokens)));
    },
    async refreshed(fresh, previous) {
      if (scope || !fresh.accessToken || namesSubject(fresh.accessToken)) return;
      await serial(async () => {
        // The session the replaced tokens belonged to (first seen now, if no call saw it yet).
        const session = await fromTokens(previous);
        await settle(withTokens(session, [tokenDigest(fresh.accessToken, salt)]));
      });
    },
    useTokens(read) {
      readTokens = read;
    },
  };
}

/**
 * `store` with every `set` reported to the tracker once it has succeeded (a refresh also just
 * before); the lock key stays the
 * original store's, so refresh coordination with other stores over the same entry is unchanged.
 */
export function observedTokenStore(store: TokenStore, scopes: Pick<ScopeTracker, 'observe' | 'refreshed'>): TokenStore {
  return {
    get: () => store.get(),
    async set(tokens) {
      // A refresh is announced before it can be read back, so no call reading the store in
      // between takes the new token for someone else's.
      const previous = tokens === null ? undefined : refreshedFrom(tokens);
      if (tokens !== null && previous !== undefined) await scopes.refreshed(tokens, previous);
      await store.set(tokens);
      await scopes.observe(tokens);
    },
    lockKey: store.lockKey ?? store,
  };
}
