/**
 * The IndexedDB adapter for browsers and web workers: one database, one object store, string
 * values under string keys. Each call is its own transaction and resolves when it commits;
 * calls on one key run in call order (key-queue.ts). A value that is not a string (written by
 * something else, or an older format) is a miss and is removed. Connection handling (other
 * tabs upgrading, a closed connection, a blocked open) lives in idb-connection.ts.
 */
import { createIdbConnection, idbError } from './idb-connection.js';
import type { IdbDatabaseLike, IdbFactoryLike, IdbObjectStoreLike } from './idb-types.js';
import { createKeyQueue } from './key-queue.js';
import { hostErrorCode, type StorageOperation } from './storage-error.js';
import type { StorageAdapter } from './types.js';

/** Options of `indexedDbStorage`. */
export interface IndexedDbStorageOptions {
  /** Database name ['tether']. */
  readonly databaseName?: string;
  /** Object store name inside it ['kv']; created on first use, by a version upgrade if the database exists. */
  readonly storeName?: string;
  /** The IDBFactory to use [`globalThis.indexedDB`, read when the adapter is created]. */
  readonly indexedDB?: IdbFactoryLike;
  /** How long an open may wait on other tabs' connections before it rejects BLOCKED, in ms [10000]. */
  readonly blockedTimeoutMs?: number;
}

/** Defaults of IndexedDbStorageOptions, each explained there. */
export const INDEXED_DB_STORAGE_DEFAULTS = { databaseName: 'tether', storeName: 'kv', blockedTimeoutMs: 10_000 } as const;

// Thrown by transaction() on a connection that is closing or closed, or whose store is gone.
const STALE_CONNECTION = new Set(['InvalidStateError', 'NotFoundError']);

/** A StorageAdapter over one IndexedDB object store (browsers, workers). */
export function indexedDbStorage(options: IndexedDbStorageOptions = {}): StorageAdapter {
  const storeName = options.storeName ?? INDEXED_DB_STORAGE_DEFAULTS.storeName;
  const connection = createIdbConnection({
    factory: options.indexedDB ?? (globalThis as { indexedDB?: IdbFactoryLike }).indexedDB,
    databaseName: options.databaseName ?? INDEXED_DB_STORAGE_DEFAULTS.databaseName,
    storeName,
    blockedTimeoutMs: options.blockedTimeoutMs ?? INDEXED_DB_STORAGE_DEFAULTS.blockedTimeoutMs,
  });
  const queue = createKeyQueue();

  /** Runs `body` in one transaction and answers what its reader returns once the transaction commits. */
  const transact = async <T>(
    operation: StorageOperation,
    key: string | undefined,
    mode: 'readonly' | 'readwrite',
    body: (store: IdbObjectStoreLike) => () => T,
  ): Promise<T> => {
    for (let round = 0; ; round++) {
      const db: IdbDatabaseLike = await connection.database(operation, key);
      let read: () => T;
      let transaction;
      try {
        transaction = db.transaction(storeName, mode);
        read = body(transaction.objectStore(storeName));
      } catch (error) {
        // Our connection went stale between calls (closed under us, store deleted): reopen once.
        if (round === 0 && STALE_CONNECTION.has(hostErrorCode(error) ?? '')) {
          connection.forget(db);
          continue;
        }
        throw idbError(operation, key, error);
      }
      const tx = transaction;
      return new Promise<T>((resolve, reject) => {
        tx.oncomplete = () => resolve(read());
        tx.onabort = () => reject(idbError(operation, key, tx.error));
      });
    }
  };

  return {
    getItem(key) {
      return queue.run(key, async () => {
        const value = await transact('getItem', key, 'readonly', (store) => {
          const request = store.get(key);
          return () => request.result;
        });
        if (value === undefined) return null;
        if (typeof value === 'string') return value;
        // Not ours to read: remove it, re-checked inside the write in case another tab replaced it.
        await transact('getItem', key, 'readwrite', (store) => {
          const request = store.get(key);
          request.onsuccess = () => {
            if (request.result !== undefined && typeof request.result !== 'string') store.delete(key);
          };
          return () => undefined;
        }).catch(() => undefined); // the caller gets its miss either way; the next read tries again
        return null;
      });
    },
    setItem(key, value) {
      if (typeof value !== 'string') return Promise.reject(new TypeError(`indexedDbStorage: value for "${key}" must be a string`));
      return queue.run(key, () =>
        transact('setItem', key, 'readwrite', (store) => {
          store.put(value, key);
          return () => undefined;
        }),
      );
    },
    removeItem(key) {
      return queue.run(key, () =>
        transact('removeItem', key, 'readwrite', (store) => {
          store.delete(key);
          return () => undefined;
        }),
      );
    },
    getAllKeys() {
      return transact('getAllKeys', undefined, 'readonly', (store) => {
        const request = store.getAllKeys();
        // Keys of other types (numbers, dates, arrays) are someone else's: not listed.
        return () => request.result.filter((k): k is string => typeof k === 'string');
      });
    },
  };
}
