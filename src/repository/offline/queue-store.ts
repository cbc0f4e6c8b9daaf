/**
 * The queue's persistence over an AsyncStorage-shaped adapter. One key per entry,
 * `<ns>.q.<seq>.<id>` with a zero-padded sequence, so `getAllKeys()` sorted gives FIFO order
 * after a restart without an index key that a crash could leave out of step; dead letters
 * under `<ns>.dead.<id>`; a stored value that cannot be read is moved to `<ns>.corrupt.<…>` and
 * reported, never dropped silently and never able to stop the queue.
 *
 * Every move writes the new key before removing the old one, so a crash in between leaves a
 * duplicate, never a loss; `list()` settles such duplicates (a dead letter wins over its queued
 * copy, since burying is the later step).
 */
import type { StorageAdapter } from '../../platform/storage/types.js';
import type { DeadLetter, OfflineEntry } from './types.js';

/** An entry with the key it is stored under. */
export interface StoredEntry {
  readonly key: string;
  readonly entry: OfflineEntry;
}

/** Raised (reported, not thrown at callers) for a stored value that is not a queue entry. */
export class CorruptEntryError extends Error {
  override readonly name = 'CorruptEntryError';
  constructor(
    /** Where it was stored. */
    readonly key: string,
    /** Where it was moved aside to (kept for inspection). */
    readonly movedTo: string,
    readonly reason: string,
  ) {
    super(`offline queue: the stored entry ${key} is unreadable (${reason}); moved aside to ${movedTo}`);
  }
}

/** The queue's storage operations. */
export interface QueueStore {
  /** Persists a new entry at the end of the queue; resolves once the storage holds it. */
  append(entry: OfflineEntry): Promise<StoredEntry>;
  /** Every readable entry, oldest first (unreadable ones are moved aside and reported). */
  list(): Promise<StoredEntry[]>;
  /** Rewrites an entry in place (attempts, notBefore), keeping its position. */
  update(key: string, entry: OfflineEntry): Promise<void>;
  remove(key: string): Promise<void>;
  /** Moves an entry to the dead letters. */
  bury(key: string, dead: DeadLetter): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Removes a dead letter; false when there is none with that id. */
  removeDead(id: string): Promise<boolean>;
  /** Puts a dead letter back at the end of the queue as `entry`. */
  revive(id: string, entry: OfflineEntry): Promise<void>;
  /** The key of a small record of the queue's own (the owner record, the lease). */
  keyFor(name: string): string;
}

const SEQ_DIGITS = 16;
const VERSION = 1;

/** Opens the store under `namespace`; `report` hears about unreadable values and failed cleanups. */
export function createQueueStore(storage: StorageAdapter, namespace: string, now: () => number, report: (error: unknown) => void): QueueStore {
  const queuePrefix = `${namespace}.q.`;
  const deadPrefix = `${namespace}.dead.`;
  const corruptPrefix = `${namespace}.corrupt.`;
  let lastSeq = 0;

  const seqOf = (key: string) => Number(key.slice(queuePrefix.length, queuePrefix.length + SEQ_DIGITS));
  // Time-based so entries appended by another instance over the same storage interleave
  // in roughly the order they were made; strictly increasing within this instance.
  const nextSeq = () => (lastSeq = Math.max(lastSeq + 1, Math.floor(now()) * 1000));
  // Before this instance's first append, the highest stored sequence: else an instance started
  // right after a crash (same millisecond) or under a clock set back would number its first
  // entry below the dead instance's last ones and replay it ahead of them.
  let seeded: Promise<void> | undefined;
  const seedSeq = (): Promise<void> =>
    (seeded ??= storage.getAllKeys().then(
      (keys) => {
        for (const key of keys) if (key.startsWith(queuePrefix) && seqOf(key) > lastSeq) lastSeq = seqOf(key);
      },
      (error: unknown) => {
        seeded = undefined;
        throw error;
      },
    ));

  const moveAside = async (key: string, raw: string, reason: string): Promise<void> => {
    const movedTo = corruptPrefix + key.slice(namespace.length + 1);
    try {
      await storage.setItem(movedTo, raw);
      await storage.removeItem(key);
    } finally {
      report(new CorruptEntryError(key, movedTo, reason));
    }
  };

  const readAll = async <T>(keys: readonly string[], decode: (value: unknown) => T | undefined): Promise<Array<{ key: string; value: T }>> => {
    const out: Array<{ key: string; value: T }> = [];
    for (const key of keys) {
      const raw = await storage.getItem(key);
      if (raw === null) continue; // removed meanwhile (another processor sent it)
      const value = parse(raw, decode);
      if (typeof value === 'string') await moveAside(key, raw, value).catch(report);
      else out.push({ key, value: value.ok });
    }
    return out;
  };

  return {
    async append(entry) {
      await seedSeq();
      const key = `${queuePrefix}${String(nextSeq()).padStart(SEQ_DIGITS, '0')}.${entry.id}`;
      await storage.setItem(key, encode(entry));
      return { key, entry };
    },
    async list() {
      const keys = await storage.getAllKeys();
      const dead = new Set(keys.filter((k) => k.startsWith(deadPrefix)).map((k) => k.slice(deadPrefix.length)));
      const queued = keys.filter((k) => k.startsWith(queuePrefix)).sort();
      const last = queued.length > 0 ? seqOf(queued[queued.length - 1]!) : 0;
      if (Number.isFinite(last) && last > lastSeq) lastSeq = last;
      const read = await readAll(queued, decodeEntry);
      const out: StoredEntry[] = [];
      for (const { key, value } of read) {
        // Buried but not yet removed when a crash came: finish the move.
        if (dead.has(value.id)) await storage.removeItem(key).catch(report);
        else out.push({ key, entry: value });
      }
      return out;
    },
    update: (key, entry) => storage.setItem(key, encode(entry)),
    remove: (key) => storage.removeItem(key),
    async bury(key, letter) {
      await storage.setItem(deadPrefix + letter.id, encode(letter));
      await storage.removeItem(key);
    },
    async deadLetters() {
      const keys = (await storage.getAllKeys()).filter((k) => k.startsWith(deadPrefix));
      const read = await readAll(keys, decodeDead);
      return read.map((r) => r.value).sort((a, b) => a.deadAt - b.deadAt);
    },
    async removeDead(id) {
      const key = deadPrefix + id;
      if ((await storage.getItem(key)) === null) return false;
      await storage.removeItem(key);
      return true;
    },
    async revive(id, entry) {
      await seedSeq();
      // The queued copy is written under a fresh sequence first; until the dead letter is
      // removed, list() keeps treating the entry as dead (safe: it is never sent twice).
      const key = `${queuePrefix}${String(nextSeq()).padStart(SEQ_DIGITS, '0')}.${entry.id}`;
      await storage.setItem(key, encode(entry));
      await storage.removeItem(deadPrefix + id);
    },
    keyFor: (name) => `${namespace}.${name}`,
  };
}

function encode(entry: OfflineEntry): string {
  return JSON.stringify({ v: VERSION, entry });
}

/** The decoded value, or a string saying why it is unreadable. */
function parse<T>(raw: string, decode: (value: unknown) => T | undefined): { ok: T } | string {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  if (typeof record !== 'object' || record === null || (record as { v?: unknown }).v !== VERSION) return 'unknown format';
  const value = decode((record as { entry?: unknown }).entry);
  return value === undefined ? 'missing or mistyped fields' : { ok: value };
}

function decodeEntry(value: unknown): OfflineEntry | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const e = value as Record<string, unknown>;
  const ok =
    typeof e['id'] === 'string' && e['id'] !== '' && typeof e['operation'] === 'string' && typeof e['scope'] === 'string' &&
    typeof e['owner'] === 'string' && typeof e['createdAt'] === 'number' && typeof e['attempts'] === 'number' &&
    (e['idempotencyKey'] === undefined || typeof e['idempotencyKey'] === 'string') &&
    (e['notBefore'] === undefined || typeof e['notBefore'] === 'number');
  return ok ? (value as OfflineEntry) : undefined;
}

function decodeDead(value: unknown): DeadLetter | undefined {
  const entry = decodeEntry(value);
  if (entry === undefined) return undefined;
  const d = value as Record<string, unknown>;
  return (d['reason'] === 'failed' || d['reason'] === 'expired') && typeof d['deadAt'] === 'number' ? (value as DeadLetter) : undefined;
}
