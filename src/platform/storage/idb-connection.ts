/**
 * One IndexedDB connection for the IndexedDB adapter, opened on first use and reopened when it
 * goes away. It steps aside for other tabs: on `versionchange` (another tab upgrades or deletes
 * the database) it closes at once, as the spec asks, and the next call reopens; a connection
 * the browser closes (storage cleared, disk error) is forgotten the same way. An open that other
 * connections keep blocked fails after `blockedTimeoutMs` instead of hanging the caller.
 */
import type { IdbDatabaseLike, IdbFactoryLike } from './idb-types.js';
import { StorageError, StorageErrorCode, hostErrorCode, hostMessage, type StorageOperation } from './storage-error.js';

/** What a connection needs to know. */
export interface IdbConnectionSettings {
  readonly factory: IdbFactoryLike | undefined;
  readonly databaseName: string;
  readonly storeName: string;
  readonly blockedTimeoutMs: number;
}

/** The adapter's handle on its database. */
export interface IdbConnection {
  /** The open database, opened (or reopened) as needed; rejects with a StorageError. */
  database(operation: StorageOperation, key: string | undefined): Promise<IdbDatabaseLike>;
  /** Forgets `db` (found closed); the next `database()` opens a fresh one. */
  forget(db: IdbDatabaseLike): void;
}

/** A StorageError for a failure of the IndexedDB host, classified by the DOMException's name. */
export function idbError(operation: StorageOperation, key: string | undefined, cause: unknown, detail?: string): StorageError {
  if (cause instanceof StorageError) return cause;
  const errno = hostErrorCode(cause);
  const code =
    errno === 'QuotaExceededError' ? StorageErrorCode.QUOTA_EXCEEDED : errno === 'SecurityError' ? StorageErrorCode.UNAVAILABLE : StorageErrorCode.IO;
  return new StorageError({ code, adapter: 'indexedDB', operation, key, errno, detail: detail ?? (cause === null || cause === undefined ? 'aborted' : hostMessage(cause)), cause: cause ?? undefined });
}

class BlockedOpen extends Error {
  override readonly name = 'BlockedOpen';
}

/** Opens `name` (at `version`, creating the store on upgrade); raw host errors reject as they are. */
function openOnce(settings: IdbConnectionSettings, factory: IdbFactoryLike, version: number | undefined): Promise<IdbDatabaseLike> {
  return new Promise((resolve, reject) => {
    const request = version === undefined ? factory.open(settings.databaseName) : factory.open(settings.databaseName, version);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let settled = false;
    const finish = (): boolean => {
      if (timer !== undefined) clearTimeout(timer);
      if (settled) return false;
      settled = true;
      return true;
    };
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(settings.storeName)) db.createObjectStore(settings.storeName);
    };
    request.onsuccess = () => {
      // An open that succeeds after we gave up on it must not hold the database open forever.
      if (finish()) resolve(request.result);
      else request.result.close();
    };
    request.onerror = () => {
      if (finish()) reject(request.error);
    };
    request.onblocked = () => {
      timer ??= setTimeout(() => {
        if (finish()) reject(new BlockedOpen(`other connections to "${settings.databaseName}" did not close within ${settings.blockedTimeoutMs} ms`));
      }, settings.blockedTimeoutMs);
    };
  });
}

/** Opens the database with our object store in it, upgrading once to add the store if it is missing. */
async function openDatabase(settings: IdbConnectionSettings, factory: IdbFactoryLike): Promise<IdbDatabaseLike> {
  // A few rounds: another tab may upgrade between our two opens (then ours is a VersionError).
  for (let round = 0; round < 3; round++) {
    const db = await openOnce(settings, factory, undefined);
    if (db.objectStoreNames.contains(settings.storeName)) return db;
    const next = db.version + 1;
    db.close();
    try {
      const upgraded = await openOnce(settings, factory, next);
      if (upgraded.objectStoreNames.contains(settings.storeName)) return upgraded;
      upgraded.close();
    } catch (error) {
      if (hostErrorCode(error) !== 'VersionError') throw error;
    }
  }
  throw new Error(`could not create object store "${settings.storeName}" in "${settings.databaseName}"`);
}

/** A lazily opened, self-healing connection. */
export function createIdbConnection(settings: IdbConnectionSettings): IdbConnection {
  let pending: Promise<IdbDatabaseLike> | undefined;
  let current: IdbDatabaseLike | undefined;

  const forget = (db: IdbDatabaseLike): void => {
    if (current !== db) return;
    current = undefined;
    pending = undefined;
  };

  const connect = (factory: IdbFactoryLike): Promise<IdbDatabaseLike> =>
    openDatabase(settings, factory).then(
      (db) => {
        current = db;
        db.onversionchange = () => {
          db.close();
          forget(db);
        };
        db.onclose = () => forget(db);
        return db;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );

  return {
    database(operation, key) {
      const factory = settings.factory;
      if (factory === undefined || typeof factory.open !== 'function') {
        return Promise.reject(
          new StorageError({ code: StorageErrorCode.UNAVAILABLE, adapter: 'indexedDB', operation, key, detail: 'no indexedDB in this environment; pass options.indexedDB' }),
        );
      }
      // open() throwing (opaque origins, some private modes) rejects here too: it runs in a promise.
      pending ??= connect(factory);
      return pending.catch((error: unknown) => {
        if (error instanceof BlockedOpen) throw new StorageError({ code: StorageErrorCode.BLOCKED, adapter: 'indexedDB', operation, key, detail: error.message });
        throw idbError(operation, key, error, `opening "${settings.databaseName}": ${hostMessage(error)}`);
      });
    },
    forget,
  };
}
