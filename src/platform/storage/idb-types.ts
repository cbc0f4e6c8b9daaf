/**
 * The part of the IndexedDB API the IndexedDB adapter uses, declared structurally: the runtime
 * compiles (and its declarations type-check) in consumers without the DOM lib, and any
 * IDBFactory fits: the browser's, a worker's, fake-indexeddb's. Handlers take `never` so the
 * DOM's `(this: X, ev: Event) => any` handlers are assignable both ways.
 */

/** An IDBRequest as far as the adapter reads it. */
export interface IdbRequestLike<T> {
  readonly result: T;
  readonly error: unknown;
  onsuccess: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
}

/** An IDBOpenDBRequest. */
export interface IdbOpenRequestLike extends IdbRequestLike<IdbDatabaseLike> {
  onupgradeneeded: ((event: never) => unknown) | null;
  onblocked: ((event: never) => unknown) | null;
}

/** An IDBObjectStore (out-of-line keys, string keys). */
export interface IdbObjectStoreLike {
  get(key: string): IdbRequestLike<unknown>;
  put(value: unknown, key: string): IdbRequestLike<unknown>;
  delete(key: string): IdbRequestLike<unknown>;
  getAllKeys(): IdbRequestLike<unknown[]>;
}

/** An IDBTransaction. */
export interface IdbTransactionLike {
  readonly error: unknown;
  objectStore(name: string): IdbObjectStoreLike;
  oncomplete: ((event: never) => unknown) | null;
  onabort: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
}

/** An IDBDatabase. */
export interface IdbDatabaseLike {
  readonly version: number;
  readonly objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): unknown;
  transaction(storeNames: string, mode: 'readonly' | 'readwrite'): IdbTransactionLike;
  close(): void;
  onversionchange: ((event: never) => unknown) | null;
  onclose: ((event: never) => unknown) | null;
}

/** An IDBFactory (`globalThis.indexedDB`). */
export interface IdbFactoryLike {
  open(name: string, version?: number): IdbOpenRequestLike;
}
