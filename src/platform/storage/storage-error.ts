/**
 * The one error storage adapters reject with when the host store fails (disk full, permission
 * denied, IndexedDB blocked or unavailable). A missing or unreadable entry is never an error:
 * adapters answer `null` for it. Apps and the cache branch on `code`, never on message text.
 */

/** What kind of failure it was; a stable, string-valued enum. */
export const StorageErrorCode = {
  /** The store refused for lack of space (ENOSPC/EDQUOT, QuotaExceededError). */
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** The store cannot be used here at all (no IndexedDB, access denied by the browser). */
  UNAVAILABLE: 'UNAVAILABLE',
  /** Opening the IndexedDB database waited too long on other connections (another tab). */
  BLOCKED: 'BLOCKED',
  /** Any other failure of the host store; see `cause` (and `errno` for file system errors). */
  IO: 'IO',
} as const;

/** One of the `StorageErrorCode` values. */
export type StorageErrorCode = (typeof StorageErrorCode)[keyof typeof StorageErrorCode];

/** The StorageAdapter call that failed ('open' is the first use of a store: mkdir, database open). */
export type StorageOperation = 'open' | 'getItem' | 'setItem' | 'removeItem' | 'getAllKeys';

/** Everything a StorageError carries. */
export interface StorageErrorInit {
  readonly code: StorageErrorCode;
  /** Which adapter failed, e.g. 'file', 'indexedDB', 'asyncStorage', 'mmkv'. */
  readonly adapter: string;
  readonly operation: StorageOperation;
  /** The key the call was about (undefined for getAllKeys and open). */
  readonly key?: string | undefined;
  /** What went wrong, in a few words (the host's own message is kept in `cause`). */
  readonly detail: string;
  /** The host's error code when it has one (file system: 'EACCES', 'ENOSPC'…; IndexedDB: the DOMException name). */
  readonly errno?: string | undefined;
  readonly cause?: unknown;
}

// The brand is a getter on the prototype, read by name: every copy of the package in a process
// (the Node storage entry is bundled apart from the runtime) agrees on it where `instanceof`
// against one class would fail. A string-named getter, not a symbol set after the class, keeps
// the class free of module-level side effects, so apps that never touch storage tree-shake it.
const BRAND = '~tether.StorageError';

/** `cause` as ES2022 declares it on Error, also for consumers compiling with lib ES2020. */
export interface StorageError {
  readonly cause?: unknown;
}

/** A storage adapter call that failed in the host store; `code` says how, `operation`/`key` where. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly code: StorageErrorCode;
  readonly adapter: string;
  readonly operation: StorageOperation;
  readonly key: string | undefined;
  readonly errno: string | undefined;

  constructor(init: StorageErrorInit) {
    const target = init.key === undefined ? '' : `(${JSON.stringify(init.key.length > 200 ? `${init.key.slice(0, 200)}…` : init.key)})`;
    super(`${init.adapter} storage: ${init.operation}${target} failed: ${init.detail}`);
    // Set ourselves: engines without ES2022 error causes (older Hermes) ignore Error's option.
    if (init.cause !== undefined) Object.defineProperty(this, 'cause', { value: init.cause, writable: true, configurable: true });
    this.code = init.code;
    this.adapter = init.adapter;
    this.operation = init.operation;
    this.key = init.key;
    this.errno = init.errno;
  }

  /** The cross-copy brand (see BRAND). */
  get '~tether.StorageError'(): true {
    return true;
  }

  /** Lets `instanceof StorageError` agree with `isStorageError` across package copies. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return isStorageError(value);
  }
}

/** True for a StorageError from any copy of Tether loaded in this process. */
export function isStorageError(value: unknown): value is StorageError {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>)[BRAND] === true;
}

/** The `code` or `name` a host error carries (Node's errno code, a DOMException's name), if any. */
export function hostErrorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string') return code;
  return typeof name === 'string' && name !== 'Error' ? name : undefined;
}

/** The host error's own message, for the detail of a wrapped error. */
export function hostMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
