/**
 * The IndexedDB adapter under fake-indexeddb (a real browser run comes with the platform
 * issue): the conformance suite, then the connection's life: another tab upgrading or
 * deleting the database, the browser closing the connection, a blocked open, a database that
 * exists without our store, no IndexedDB at all, and how host errors are classified.
 */
import * as assert from 'uvu/assert';
import { IDBFactory, forceCloseDatabase } from 'fake-indexeddb';
import { suite } from '../../helpers/timed-suite.js';
import { indexedDbStorage } from '../../../src/platform/storage/indexeddb-storage.js';
import { idbError } from '../../../src/platform/storage/idb-connection.js';
import { isStorageError } from '../../../src/platform/storage/storage-error.js';
import { runConformance } from './conformance.js';

/** A raw request as a promise (the test's own IndexedDB calls, outside the adapter). */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one raw transaction on `store` and waits for it to commit. */
async function raw<T>(db: IDBDatabase, mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = db.transaction('kv', mode);
  const result = done(work(tx.objectStore('kv')));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  return result;
}

runConformance('indexedDbStorage', async () => {
  const factory = new IDBFactory();
  const storage = indexedDbStorage({ indexedDB: factory });
  const rawDb = async (): Promise<IDBDatabase> => done(factory.open('tether'));
  return {
    storage,
    async corrupt(key) {
      const db = await rawDb();
      await raw(db, 'readwrite', (store) => store.put({ notA: 'string' }, key));
      db.close();
    },
    async rawHas(key) {
      const db = await rawDb();
      const value = await raw(db, 'readonly', (store) => store.get(key));
      db.close();
      return value !== undefined;
    },
    reopen: async () => indexedDbStorage({ indexedDB: factory }),
  };
});

const test = suite('indexedDbStorage connection');

test('database and store names are configurable; keys of other types in the store are not listed', async () => {
  const factory = new IDBFactory();
  const storage = indexedDbStorage({ indexedDB: factory, databaseName: 'app', storeName: 'cache' });
  await storage.setItem('a', '1');
  const db = await done(factory.open('app'));
  assert.equal([...db.objectStoreNames], ['cache']);
  const tx = db.transaction('cache', 'readwrite');
  tx.objectStore('cache').put('number key', 7);
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
  assert.equal(await storage.getAllKeys(), ['a']);
});

test('another tab upgrading the database: the adapter steps aside, then reopens at the new version', async () => {
  const factory = new IDBFactory();
  const storage = indexedDbStorage({ indexedDB: factory, blockedTimeoutMs: 2000 });
  await storage.setItem('k', 'before');
  const upgrade = factory.open('tether', 2);
  let blocked = false;
  upgrade.onblocked = () => (blocked = true);
  upgrade.onupgradeneeded = () => upgrade.result.createObjectStore('other');
  const other = await done(upgrade);
  assert.not.ok(blocked, 'the adapter closed on versionchange instead of blocking the upgrade');
  other.close();
  assert.is(await storage.getItem('k'), 'before');
  await storage.setItem('k', 'after');
  assert.is(await storage.getItem('k'), 'after');
});

test('another tab deleting the database: the adapter lets it go and starts a fresh one', async () => {
  const factory = new IDBFactory();
  const storage = indexedDbStorage({ indexedDB: factory });
  await storage.setItem('k', 'v');
  await done(factory.deleteDatabase('tether'));
  assert.is(await storage.getItem('k'), null);
  await storage.setItem('k', 'again');
  assert.is(await storage.getItem('k'), 'again');
});

test('a connection the browser closes is reopened on the next call', async () => {
  const factory = new IDBFactory();
  const opened: IDBDatabase[] = [];
  // The real factory, watched: the test needs the adapter's connection to close it as a browser would.
  const watched = {
    open(name: string, version?: number) {
      const request = version === undefined ? factory.open(name) : factory.open(name, version);
      request.addEventListener('success', () => opened.push(request.result));
      return request;
    },
  };
  const storage = indexedDbStorage({ indexedDB: watched });
  await storage.setItem('k', 'v');
  assert.is(opened.length, 1);
  forceCloseDatabase(opened[0]! as unknown as Parameters<typeof forceCloseDatabase>[0]);
  assert.is(await storage.getItem('k'), 'v');
  assert.is(opened.length, 2, 'a second connection was opened');
});

test('a database without our store gets it by an upgrade, keeping what else it holds', async () => {
  const factory = new IDBFactory();
  const setup = factory.open('tether', 3);
  setup.onupgradeneeded = () => setup.result.createObjectStore('theirs').put('x', 'y');
  (await done(setup)).close();
  const storage = indexedDbStorage({ indexedDB: factory });
  await storage.setItem('k', 'v');
  const db = await done(factory.open('tether'));
  assert.is(db.version, 4);
  assert.equal([...db.objectStoreNames].sort(), ['kv', 'theirs']);
  db.close();
});

test('an open blocked by a connection that never closes rejects BLOCKED; once it closes, the adapter works', async () => {
  const factory = new IDBFactory();
  const setup = factory.open('tether', 1);
  setup.onupgradeneeded = () => setup.result.createObjectStore('theirs');
  const stubborn = await done(setup); // ignores versionchange, as a careless tab would
  const storage = indexedDbStorage({ indexedDB: factory, blockedTimeoutMs: 50 });
  const error = await storage.setItem('k', 'v').then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(error), String(error));
  assert.is(error.code, 'BLOCKED');
  assert.is(error.operation, 'setItem');
  stubborn.close();
  await storage.setItem('k', 'v');
  assert.is(await storage.getItem('k'), 'v');
});

test('no IndexedDB in the environment: every call rejects UNAVAILABLE (creating the adapter does not throw)', async () => {
  const storage = indexedDbStorage({ indexedDB: undefined });
  const saved = (globalThis as { indexedDB?: unknown }).indexedDB;
  assert.is(saved, undefined, 'Node has no global indexedDB');
  const error = await storage.getItem('k').then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(error) && error.code === 'UNAVAILABLE' && error.key === 'k', String(error));
});

test('host errors are classified by their DOMException name, never by message', () => {
  const quota = idbError('setItem', 'k', new DOMException('whatever the browser says', 'QuotaExceededError'));
  assert.is(quota.code, 'QUOTA_EXCEEDED');
  assert.is(quota.errno, 'QuotaExceededError');
  assert.match(quota.message, /^indexedDB storage: setItem\("k"\) failed: /);
  assert.is(idbError('open', undefined, new DOMException('denied', 'SecurityError')).code, 'UNAVAILABLE');
  assert.is(idbError('getItem', 'k', new DOMException('x', 'UnknownError')).code, 'IO');
  assert.is(idbError('getItem', 'k', null).message, 'indexedDB storage: getItem("k") failed: aborted');
});

test.run();
