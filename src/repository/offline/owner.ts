/**
 * Whose intents the queue holds: the app's `offline.user` when given, else the access token's
 * owner derived as the cache derives its scope (repository/cache/scope.ts): a JWT's subject, or
 * for an opaque token the session it belongs to, carried across the token manager's refreshes
 * (`refreshedFrom`) and across restarts by a record of token digests in the storage. Always a
 * digest, never a token. Signed out is `anonymous`.
 */
import type { Tokens } from '../../auth/token-store.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import { ANONYMOUS_SCOPE, namesSubject, scopeFromName, scopeFromToken } from '../cache/scope.js';
import { decodeOwner, encodeOwner, sessionRecord, type OwnerRecord } from '../cache-owner.js';

export { ANONYMOUS_SCOPE as ANONYMOUS_OWNER };

/** Tracks the current owner of one queue. */
export interface OwnerTracker {
  /** The owner now (the app's user, else the stored tokens' owner). */
  current(): Promise<string>;
  /** The owner `tokens` belong to, remembering an opaque session's new token; null: anonymous. */
  ownerOf(tokens: Tokens | null): Promise<string>;
  /** Where the current tokens are read; set once the auth layer exists. */
  useTokens(read: () => Promise<Tokens | null>): void;
  /** Whether `owner` was derived from an opaque token's session (no `user`, no JWT subject). */
  isSession(owner: string): boolean;
}

// Salted apart from the cache's digests, so the two records cannot be matched with each other.
const SALT = 'tether.offline:';

/**
 * `user`: the app's own owner name; `recordKey`: where the opaque-session record lives; `salt`:
 * whose digests these are (the queue's by default; the sync's cursor owner passes its own).
 */
export function createOwnerTracker(user: (() => string | undefined) | undefined, storage: StorageAdapter, recordKey: string, report: (error: unknown) => void, salt = SALT): OwnerTracker {
  let readTokens: (() => Promise<Tokens | null>) | undefined;
  let last: OwnerRecord | undefined;
  // The last token's owner: a token's owner never changes, so the processor's check before each
  // send need not hash it again (the profile showed sha256 of the same token per send).
  let memo: { readonly token: string; readonly owner: string } | undefined;
  const sessions = new Set<string>();
  let chain: Promise<unknown> = Promise.resolve();
  // One at a time: a refresh and a read racing it must not undo each other's record.
  const serial = <T>(step: () => Promise<T>): Promise<T> => {
    const run = chain.then(step);
    chain = run.catch(() => undefined);
    return run;
  };

  const stored = async (): Promise<OwnerRecord | undefined> => {
    try {
      return decodeOwner(await storage.getItem(recordKey));
    } catch (error) {
      report(error);
      return undefined;
    }
  };
  const remember = async (record: OwnerRecord): Promise<void> => {
    if (record === last) return;
    last = record;
    await storage.setItem(recordKey, encodeOwner(record)).catch(report);
  };

  const fromTokens = async (tokens: Tokens | null): Promise<string> => {
    const token = tokens?.accessToken;
    if (!token) return ANONYMOUS_SCOPE;
    if (memo?.token === token) return memo.owner;
    const owner = await derive(token, tokens);
    memo = { token, owner };
    return owner;
  };

  const derive = async (token: string, tokens: Tokens): Promise<string> => {
    if (namesSubject(token)) return scopeFromToken(token, salt);
    const owner = await opaque(token, tokens);
    sessions.add(owner);
    return owner;
  };

  /** An opaque token's session: the recorded one it belongs to (also through a refresh), else a new one. */
  const opaque = async (token: string, tokens: Tokens): Promise<string> => {
    last ??= await stored();
    const { record, match } = await sessionRecord(token, tokens, salt, last, stored);
    // A record another instance stored is adopted as it is; a refresh or a new session is written.
    if (match === 'stored') last = record;
    else await remember(record);
    return record.scope;
  };

  return {
    current() {
      if (user) {
        const name = user();
        return Promise.resolve(name === undefined || name === '' ? ANONYMOUS_SCOPE : scopeFromName(name, salt));
      }
      return serial(async () => fromTokens(readTokens ? await readTokens() : null));
    },
    ownerOf(tokens) {
      if (user) return this.current();
      return serial(() => fromTokens(tokens));
    },
    useTokens(read) {
      readTokens = read;
    },
    isSession: (owner) => user === undefined && sessions.has(owner),
  };
}
