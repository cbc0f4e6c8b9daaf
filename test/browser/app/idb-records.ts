/**
 * Reads the SDK's IndexedDB store with the raw IndexedDB API, not through the SDK's adapter:
 * the suite checks what is really on disk (the queue's entries), not what the SDK reports.
 */
import { INDEXED_DB_STORAGE_DEFAULTS } from '../../../generated/v1/index.js';
import type { StoredRecord } from './api.js';

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Every key and value of the default database's store; empty when the database does not exist yet. */
export async function idbRecords(): Promise<StoredRecord[]> {
  const { databaseName, storeName } = INDEXED_DB_STORAGE_DEFAULTS;
  const known = await indexedDB.databases();
  if (!known.some((db) => db.name === databaseName)) return [];
  const db = await settled(indexedDB.open(databaseName));
  try {
    if (!db.objectStoreNames.contains(storeName)) return [];
    const store = db.transaction(storeName, 'readonly').objectStore(storeName);
    const [keys, values] = await Promise.all([settled(store.getAllKeys()), settled(store.getAll())]);
    return keys.map((key, i) => ({ key: String(key), value: typeof values[i] === 'string' ? values[i] : JSON.stringify(values[i]) }));
  } finally {
    db.close();
  }
}
