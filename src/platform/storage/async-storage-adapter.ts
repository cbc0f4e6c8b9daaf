/**
 * Wraps React Native's AsyncStorage (`@react-native-async-storage/async-storage`'s default
 * export, v1–v2) or anything else of its shape, passed as it is; typed structurally so Tether
 * depends on no React Native package. AsyncStorage already speaks our shape; the wrapper adds
 * what the contract promises on top: calls on one key in call order, a value that is not a
 * string (a store shared with other code) read as a miss and removed, an optional key prefix
 * for a store the whole app shares, and failures as StorageError naming the operation and key.
 */
import { createKeyQueue } from './key-queue.js';
import { StorageError, StorageErrorCode, hostErrorCode, hostMessage, type StorageOperation } from './storage-error.js';
import type { StorageAdapter } from './types.js';

/** What the wrapper calls on an AsyncStorage-shaped store (extra arguments such as callbacks are never passed). */
export interface AsyncStorageLike {
  getItem(key: string): Promise<string | null | undefined>;
  setItem(key: string, value: string): Promise<unknown>;
  removeItem(key: string): Promise<unknown>;
  getAllKeys(): Promise<ReadonlyArray<string>>;
}

/** Options of `asyncStorageAdapter`. */
export interface AsyncStorageAdapterOptions {
  /**
   * Stored keys are `prefix + key`, and getAllKeys lists only keys with the prefix (without it)
   * ['' — every key of the store]. AsyncStorage is one store for the whole app: give Tether its own prefix.
   */
  readonly prefix?: string;
  /** Name in error messages ['asyncStorage']. */
  readonly name?: string;
}

/** Wraps a host failure; a StorageError the store itself threw passes through. */
export function hostStoreError(adapter: string, operation: StorageOperation, key: string | undefined, cause: unknown): StorageError {
  if (cause instanceof StorageError) return cause;
  return new StorageError({ code: StorageErrorCode.IO, adapter, operation, key, errno: hostErrorCode(cause), detail: hostMessage(cause), cause });
}

/** A StorageAdapter over React Native's AsyncStorage (or any store of its shape). */
export function asyncStorageAdapter(store: AsyncStorageLike, options: AsyncStorageAdapterOptions = {}): StorageAdapter {
  const prefix = options.prefix ?? '';
  const name = options.name ?? 'asyncStorage';
  const queue = createKeyQueue();
  // The store's own promise, with any failure (or a synchronous throw) as a StorageError.
  const call = async <T>(operation: StorageOperation, key: string | undefined, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw hostStoreError(name, operation, key, error);
    }
  };

  return {
    getItem(key) {
      return queue.run(key, async () => {
        const value: unknown = await call('getItem', key, () => store.getItem(prefix + key));
        if (value === null || value === undefined) return null;
        if (typeof value === 'string') return value;
        await store.removeItem(prefix + key).catch(() => undefined); // a miss either way
        return null;
      });
    },
    setItem(key, value) {
      if (typeof value !== 'string') return Promise.reject(new TypeError(`${name}: value for "${key}" must be a string`));
      return queue.run(key, async () => {
        await call('setItem', key, () => store.setItem(prefix + key, value));
      });
    },
    removeItem(key) {
      return queue.run(key, async () => {
        await call('removeItem', key, () => store.removeItem(prefix + key));
      });
    },
    async getAllKeys() {
      const keys = await call('getAllKeys', undefined, () => store.getAllKeys());
      const ours: string[] = [];
      for (const key of keys ?? []) if (typeof key === 'string' && key.startsWith(prefix)) ours.push(key.slice(prefix.length));
      return ours;
    },
  };
}
