/**
 * A TokenStore over `expo-secure-store` (Keychain on iOS, Keystore-encrypted storage on
 * Android), typed structurally so Tether depends on no Expo package: pass the module itself
 * (`import * as SecureStore from 'expo-secure-store'`). SecureStore lists no keys, accepts only
 * keys of `[A-Za-z0-9._-]` and is made for small secrets, so it is not a StorageAdapter for the
 * cache or the queue: it holds the one thing worth keeping there, the session's tokens, as the
 * JSON `storageTokenStore` writes (a corrupt entry reads as signed out). It lives in auth/, not
 * platform/storage/, because it is a TokenStore (platform may not import auth).
 *
 * A failed read is not "signed out": on iOS the Keychain refuses reads while the device is
 * locked (a background task before first unlock, or with `WHEN_UNLOCKED`), and treating that as
 * signed out would end the session. Failures reject as StorageError (adapter 'secureStore');
 * an app that knows the entry is gone for good (Android after a backup restore cannot decrypt
 * it) calls `set(null)` and signs the user in again.
 */
import { hostStoreError } from '../platform/storage/async-storage-adapter.js';
import { createKeyQueue } from '../platform/storage/key-queue.js';
import type { StorageOperation } from '../platform/storage/storage-error.js';
import type { StorageAdapter } from '../platform/storage/types.js';
import { DEFAULT_TOKEN_KEY, storageTokenStore, type TokenStore } from './token-store.js';

/** What the store calls on expo-secure-store (its module namespace has this shape); `O` is its SecureStoreOptions. */
export interface SecureStoreLike<O = never> {
  getItemAsync(key: string, options?: O): Promise<string | null>;
  setItemAsync(key: string, value: string, options?: O): Promise<void>;
  deleteItemAsync(key: string, options?: O): Promise<void>;
}

/** Options of `secureStoreTokenStore`. */
export interface SecureStoreTokenStoreOptions<O = never> {
  /** The entry's key; SecureStore allows only letters, digits, `.`, `-` and `_` ['tether.tokens']. */
  readonly key?: string;
  /**
   * Passed to every SecureStore call (`keychainService`, `keychainAccessible`,
   * `requireAuthentication`…). An entry written with a `keychainService` is only found with it.
   */
  readonly storeOptions?: O;
}

const VALID_KEY = /^[A-Za-z0-9._-]+$/;
const NAME = 'secureStore';

/** One lock identity per (SecureStore, keychainService, key): token stores over one entry take turns refreshing. */
const lockKeys = new WeakMap<object, Map<string, object>>();

function lockKeyFor(store: object, entry: string): object {
  let byEntry = lockKeys.get(store);
  if (!byEntry) lockKeys.set(store, (byEntry = new Map()));
  let lockKey = byEntry.get(entry);
  if (!lockKey) byEntry.set(entry, (lockKey = Object.freeze({ entry })));
  return lockKey;
}

/** A TokenStore keeping the tokens as one JSON entry in expo-secure-store. */
export function secureStoreTokenStore<O = never>(store: SecureStoreLike<O>, options: SecureStoreTokenStoreOptions<O> = {}): TokenStore {
  const key = options.key ?? DEFAULT_TOKEN_KEY;
  if (!VALID_KEY.test(key)) throw new TypeError(`secureStoreTokenStore: key "${key}" must be letters, digits, ".", "-" or "_" (expo-secure-store refuses others)`);
  const storeOptions = options.storeOptions;
  const queue = createKeyQueue();
  // The store's promise, a synchronous throw included, failing as a StorageError.
  const call = async <T>(operation: StorageOperation, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw hostStoreError(NAME, operation, key, error);
    }
  };
  // Only the token store's own entry is ever asked for; writes and reads of it run in call order.
  const entry: StorageAdapter = {
    getItem: (k) => queue.run(k, () => call('getItem', () => store.getItemAsync(k, storeOptions))),
    setItem: (k, value) => queue.run(k, () => call('setItem', () => store.setItemAsync(k, value, storeOptions))),
    removeItem: (k) => queue.run(k, () => call('removeItem', () => store.deleteItemAsync(k, storeOptions))),
    getAllKeys: () => Promise.resolve([]),
  };
  const tokens = storageTokenStore(entry, key);
  const service = (storeOptions as { keychainService?: unknown } | undefined)?.keychainService;
  return {
    get: () => tokens.get(),
    set: (value) => tokens.set(value),
    lockKey: lockKeyFor(store, `${typeof service === 'string' ? service : ''}\u0000${key}`),
  };
}
