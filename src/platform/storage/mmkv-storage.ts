/**
 * Wraps a `react-native-mmkv` instance as it is (v2/v3 `new MMKV()`, whose remover is
 * `delete`; v4 `createMMKV()`, whose remover is `remove`), typed structurally so Tether depends
 * on no React Native package. MMKV is synchronous and applies each call before it returns, so
 * call order is write order without a queue; the wrapper makes it async, turns a throw into a
 * StorageError naming the operation and key, and treats a key holding a number, boolean or
 * buffer (MMKV stores those too) as a miss and removes it.
 */
import { hostStoreError } from './async-storage-adapter.js';
import type { StorageOperation } from './storage-error.js';
import type { StorageAdapter } from './types.js';

/** What the wrapper calls on an MMKV instance. */
export interface MmkvLike {
  getString(key: string): string | undefined;
  set(key: string, value: string): void;
  getAllKeys(): ReadonlyArray<string>;
  /** react-native-mmkv v4. */
  remove?(key: string): unknown;
  /** react-native-mmkv v2/v3. */
  delete?(key: string): unknown;
  /** When present, tells a non-string value (a miss to remove) from an absent key. */
  contains?(key: string): boolean;
}

/** Options of `mmkvStorage`. */
export interface MmkvStorageOptions {
  /** Stored keys are `prefix + key`; getAllKeys lists only those, without it ['' — prefer a dedicated MMKV instance]. */
  readonly prefix?: string;
}

/** A StorageAdapter over a react-native-mmkv instance. */
export function mmkvStorage(mmkv: MmkvLike, options: MmkvStorageOptions = {}): StorageAdapter {
  const prefix = options.prefix ?? '';
  const remover = typeof mmkv.remove === 'function' ? 'remove' : typeof mmkv.delete === 'function' ? 'delete' : undefined;
  if (remover === undefined) throw new TypeError('mmkvStorage: the instance has neither remove() (v4) nor delete() (v2/v3)');
  const remove = (key: string): void => {
    mmkv[remover]?.(key);
  };
  const call = <T>(operation: StorageOperation, key: string | undefined, run: () => T): Promise<T> => {
    try {
      return Promise.resolve(run());
    } catch (error) {
      return Promise.reject(hostStoreError('mmkv', operation, key, error));
    }
  };

  return {
    getItem(key) {
      return call('getItem', key, () => {
        const value: unknown = mmkv.getString(prefix + key);
        if (typeof value === 'string') return value;
        if (value !== undefined || mmkv.contains?.(prefix + key) === true) {
          try {
            remove(prefix + key);
          } catch {
            // a miss either way; the next read tries again
          }
        }
        return null;
      });
    },
    setItem(key, value) {
      if (typeof value !== 'string') return Promise.reject(new TypeError(`mmkvStorage: value for "${key}" must be a string`));
      return call('setItem', key, () => mmkv.set(prefix + key, value));
    },
    removeItem(key) {
      return call('removeItem', key, () => {
        remove(prefix + key);
      });
    },
    getAllKeys() {
      return call('getAllKeys', undefined, () => mmkv.getAllKeys().filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
    },
  };
}
