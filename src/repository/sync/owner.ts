/**
 * Whose data a sync's stored cursor belongs to. The app's local store (what `apply` fills) holds
 * one user's copy, so a cursor resumed by anyone else would skip the records before it and lay
 * deltas over the wrong copy; createSync stamps its cursor with the owner and runs a full sync
 * (reset) whenever the owner differs. Owners are stored as digests (the cache's derivations,
 * cache/scope.ts, with this file's salt), never as a user id or a token.
 *
 * Where an owner comes from: the app's `owner` option; else, for a pull made from a generated
 * SDK method (operationFeed), that SDK's: the app's `offline.user` or `cache.scope`, else the
 * offline queue's owner (which follows an opaque-token session across refreshes and restarts),
 * else the access token in the SDK's token store (a JWT's subject, else the opaque token's
 * session, followed across refreshes and restarts like the queue's).
 */
import type { TokenStore } from '../../auth/token-store.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import { ANONYMOUS_SCOPE, scopeFromName } from '../cache/scope.js';
import { createOwnerTracker } from '../offline/owner.js';
import { sdkOptionsOf } from './sdk-signals.js';
import type { SyncOfflineQueue } from './types.js';

/** The current owner's digest ('anonymous' when nobody is signed in). */
export type OwnerDigest = () => Promise<string>;

/** The app's owner: a name (a user id, an account id) read at every run; undefined or '' when signed out. */
export type OwnerName = () => string | undefined | Promise<string | undefined>;

/** Where a pull made from an SDK method keeps that SDK's owner (feed.ts sets it). */
export const PULL_OWNER = Symbol.for('tether.sync.owner');

// Salted apart from the cache's and the queue's digests: a stored sync owner cannot be matched
// with their records (or a user id guessed from any of them).
const SALT = 'tether.sync:';

const digestName = (name: string | undefined): string => (name === undefined || name === '' ? ANONYMOUS_SCOPE : scopeFromName(name, SALT));

/** The digest of the app's `owner` option. */
export function namedOwner(owner: OwnerName): OwnerDigest {
  return async () => {
    const name = await owner();
    if (name !== undefined && typeof name !== 'string') throw new TypeError('createSync: `owner` must return a string (the signed-in user) or undefined (nobody)');
    return digestName(name);
  };
}

/** The owner the offline queue holds entries for now, re-digested with the sync's salt. */
export function queueOwner(queue: SyncOfflineQueue & { owner(): Promise<string> }): OwnerDigest {
  return async () => {
    const owner = await queue.owner();
    return owner === ANONYMOUS_SCOPE ? ANONYMOUS_SCOPE : digestName(owner);
  };
}

/**
 * The owner of the tokens in `store`: a JWT's subject; for an opaque token, its session, followed
 * across refreshes and restarts exactly as the offline queue follows its owner (the same tracker,
 * offline/owner.ts, with the sync's salt; its record of the session's recent token digests, never
 * a token, under `recordKey` in `storage`). Storage failures reject the run, as the cursor's do.
 */
export function tokenOwner(store: TokenStore, storage: StorageAdapter, recordKey: string): OwnerDigest {
  const tracker = createOwnerTracker(undefined, storage, recordKey, (error) => {
    throw error;
  }, SALT);
  tracker.useTokens(async () => store.get());
  return () => tracker.current();
}

/** The owner parts of an SDK, as `sdkOwnerOf` finds them. */
export interface SdkOwner {
  /** The app's own name for the user (`offline.user`, else `cache.scope`), when it gave one. */
  readonly named: OwnerDigest | undefined;
  /** From the access token, with the session record kept in the sync's storage; undefined when the SDK has no `auth`. */
  readonly tokens: ((storage: StorageAdapter, recordKey: string) => OwnerDigest) | undefined;
}

/** The owner sources of the SDK that `method` belongs to; undefined for other functions. */
export function sdkOwnerOf(method: unknown): SdkOwner | undefined {
  const options = sdkOptionsOf(method);
  if (!options) return undefined;
  const { offline, cache, auth } = options as { offline?: { user?: unknown }; cache?: { scope?: unknown }; auth?: { tokenStore?: unknown } };
  const name = appName(offline?.user) ?? appName(cache?.scope);
  const store = auth?.tokenStore as TokenStore | undefined;
  return {
    named: name && namedOwner(name),
    tokens: typeof store?.get === 'function' ? (storage, recordKey) => tokenOwner(store, storage, recordKey) : undefined,
  };
}

/** An app-given `user` / `scope` option (a fixed name or a function) as a name reader. */
function appName(value: unknown): OwnerName | undefined {
  if (typeof value === 'string' && value !== '') return () => value;
  if (typeof value === 'function') return () => (value as () => string | undefined)();
  return undefined;
}

/** The owner sources a pull was tagged with (PULL_OWNER), if any. */
export function pullOwnerOf(pull: unknown): SdkOwner | undefined {
  if (typeof pull !== 'function') return undefined;
  const owner = (pull as unknown as Record<symbol, unknown>)[PULL_OWNER];
  return typeof owner === 'object' && owner !== null ? (owner as SdkOwner) : undefined;
}

/**
 * The owner a sync checks its cursor against: the app's `owner`; else, for a pull from an SDK
 * method, the app's `offline.user`/`cache.scope`, else the enabled offline queue's owner, else
 * the token store's; else none (the cursor is nobody's in particular, as before owners existed).
 */
export function resolveOwner(owner: OwnerName | undefined, pull: unknown, offline: SyncOfflineQueue | undefined, storage: StorageAdapter, key: string): OwnerDigest | undefined {
  if (owner !== undefined) {
    if (typeof owner !== 'function') throw new TypeError('createSync: `owner` must be a function returning the signed-in user (or undefined)');
    return namedOwner(owner);
  }
  const sdk = pullOwnerOf(pull);
  if (!sdk) return undefined;
  if (sdk.named) return sdk.named;
  if (offline?.enabled && typeof offline.owner === 'function') return queueOwner(offline as SyncOfflineQueue & { owner(): Promise<string> });
  return sdk.tokens?.(storage, `${key}.session`);
}
