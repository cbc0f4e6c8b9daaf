/// <reference types="node" />
/**
 * The file adapter for Node (servers, CLIs, Electron main, tests): one directory, one file per
 * key. Node-only (it imports node:fs), so it is published as its own entry,
 * `@tether/sdk/storage/node`, and never reaches the browser/React Native build.
 *
 * Guarantees (docs/storage.md): a write is atomic (temp file + fsync + rename, atomic-write.ts),
 * so after a crash or SIGKILL at any point the key holds the old or the new value; calls on one
 * key run one at a time in call order (key-queue.ts), shared by every adapter on the same
 * directory in this process; a file that is not one intact entry of this format version
 * (file-envelope.ts) is a miss and is removed; any other I/O failure rejects with a
 * StorageError naming the operation and key.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { syncDirectory, sweepTempFiles, writeFileAtomic } from './atomic-write.js';
import { decodeEntry, encodeEntry } from './file-envelope.js';
import { fileNameFor, parseFileName } from './file-names.js';
import { createKeyQueue, type KeyQueue } from './key-queue.js';
import { StorageError, StorageErrorCode, hostErrorCode, hostMessage, type StorageOperation } from './storage-error.js';
import type { StorageAdapter } from './types.js';

/** Options of `fileStorage`. */
export interface FileStorageOptions {
  /** The directory holding the entries (created with its parents on first use). Give each store its own. */
  readonly directory: string;
  /**
   * fsync each written file, and the directory after each rename or removal, before the call
   * resolves [true]. Off keeps atomicity against a crash of the process but a power loss may
   * lose recent writes; for caches that can be refetched, off is several times faster.
   */
  readonly durable?: boolean;
  /**
   * Temp files of a dead writer are removed when the store opens; a temp file of a process
   * still alive is removed only once older than this, in ms [600000, ten minutes].
   */
  readonly staleTempMs?: number;
}

/** Defaults of FileStorageOptions, each explained there. */
export const FILE_STORAGE_DEFAULTS = { durable: true, staleTempMs: 600_000 } as const;

// One queue per directory for the whole process: two adapters on the same directory (one per
// SDK instance, say) still never interleave calls on one key.
const queues = new Map<string, KeyQueue>();

function queueFor(directory: string): KeyQueue {
  let queue = queues.get(directory);
  if (queue === undefined) queues.set(directory, (queue = createKeyQueue()));
  return queue;
}

const QUOTA = new Set(['ENOSPC', 'EDQUOT']);

function ioError(directory: string, operation: StorageOperation, key: string | undefined, cause: unknown): StorageError {
  const errno = hostErrorCode(cause);
  return new StorageError({
    code: errno !== undefined && QUOTA.has(errno) ? StorageErrorCode.QUOTA_EXCEEDED : StorageErrorCode.IO,
    adapter: 'file',
    operation,
    key,
    errno,
    detail: `${hostMessage(cause)} (directory ${directory})`,
    cause,
  });
}

const isAbsent = (error: unknown): boolean => hostErrorCode(error) === 'ENOENT';

/** A StorageAdapter keeping each key in its own file under `options.directory` (Node only). */
export function fileStorage(options: FileStorageOptions): StorageAdapter {
  if (typeof options?.directory !== 'string' || options.directory === '') throw new TypeError('fileStorage: options.directory must be a non-empty path');
  const directory = resolve(options.directory);
  const durable = options.durable ?? FILE_STORAGE_DEFAULTS.durable;
  const staleTempMs = options.staleTempMs ?? FILE_STORAGE_DEFAULTS.staleTempMs;
  const queue = queueFor(directory);
  let opened: Promise<void> | undefined;

  /** Creates the directory and sweeps stray temp files, once; a failure is retried on the next call. */
  const open = (operation: StorageOperation, key: string | undefined): Promise<void> => {
    opened ??= (async () => {
      await mkdir(directory, { recursive: true });
      await sweepTempFiles(directory, staleTempMs);
    })().catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    return opened.catch((error: unknown) => {
      throw ioError(directory, operation, key, error);
    });
  };

  /** Removes a damaged entry; the caller already answers a miss, so a failure here is not its problem. */
  const discard = async (name: string): Promise<void> => {
    await rm(join(directory, name), { force: true }).catch(() => undefined);
  };

  const read = async (key: string): Promise<string | null> => {
    const name = fileNameFor(key);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(directory, name));
    } catch (error) {
      if (isAbsent(error)) return null;
      throw ioError(directory, 'getItem', key, error);
    }
    const entry = decodeEntry(bytes);
    if (entry === undefined || entry.key !== key) {
      await discard(name);
      return null;
    }
    return entry.value;
  };

  return {
    getItem(key) {
      return queue.run(key, async () => {
        await open('getItem', key);
        return read(key);
      });
    },
    setItem(key, value) {
      if (typeof value !== 'string') return Promise.reject(new TypeError(`fileStorage: value for "${key}" must be a string`));
      return queue.run(key, async () => {
        await open('setItem', key);
        try {
          await writeFileAtomic(directory, fileNameFor(key), encodeEntry(key, value), durable);
        } catch (error) {
          throw ioError(directory, 'setItem', key, error);
        }
      });
    },
    removeItem(key) {
      return queue.run(key, async () => {
        await open('removeItem', key);
        try {
          await rm(join(directory, fileNameFor(key)), { force: true });
          if (durable) await syncDirectory(directory);
        } catch (error) {
          throw ioError(directory, 'removeItem', key, error);
        }
      });
    },
    async getAllKeys() {
      await open('getAllKeys', undefined);
      let names: string[];
      try {
        names = await readdir(directory);
      } catch (error) {
        throw ioError(directory, 'getAllKeys', undefined, error);
      }
      const keys: string[] = [];
      for (const name of names) {
        const parsed = parseFileName(name);
        if (parsed.kind === 'key') keys.push(parsed.key);
        else if (parsed.kind === 'hashed') {
          // The key lives inside; an unreadable or damaged file is left for getItem to discard.
          const bytes = await readFile(join(directory, name)).catch(() => undefined);
          const entry = bytes === undefined ? undefined : decodeEntry(bytes);
          if (entry !== undefined && fileNameFor(entry.key) === name) keys.push(entry.key);
        }
      }
      return keys;
    },
  };
}
