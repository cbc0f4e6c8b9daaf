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
 *
 * The processor works from an index (`indexed()`): the storage listed once, then kept in step
 * by this instance's own writes (also those landing while the listing is read), so a long drain does not re-read and re-parse every
 * stored entry before each pass (which made replaying n entries cost O(n²) reads). Only the
 * lease holder may rely on it (no other processor changes the store meanwhile); it is dropped
 * with `forget()` when the lease is released and after any failed write, so the next holder
 * starts from what the storage says.
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
  /** Every readable entry, oldest first (unreadable ones are moved aside and reported), read from the storage. */
  list(): Promise<StoredEntry[]>;
  /** The entries as indexed (oldest first); the first call after `forget()` lists the storage. */
  indexed(): Promise<readonly StoredEntry[]>;
  /** Drops the index: the next `indexed()` reads the storage again. */
  forget(): void;
  /** Whether `key` is still stored (another instance may have removed it: a discard elsewhere). */
  holds(key: string): Promise<boolean>;
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

/** The processor's view of the queue: key → entry; `touched` while the listing is read. */
interface Index {
  readonly map: Map<string, OfflineEntry>;
  touched: Set<string> | undefined;
}

const SEQ_DIGITS = 16;
const VERSION = 1;

/** Opens the store under `namespace`; `report` hears about unreadable values and failed cleanups. */
export function createQueueStore(storage: StorageAdapter, namespace: string, now: () => number, report: (error: unknown) => void): QueueStore {
  const queuePrefix = `${namespace}.q.`;
  const deadPrefix = `${namespace}.dead.`;
  const corruptPrefix = `${namespace}.corrupt.`;
  let lastSeq = 0;
  // key → entry; `touched` while the listing is read: keys written meanwhile, whose listed value is stale.
  let index: Index | undefined;
  /** Awaits `write`, then applies it to the index: `entry` null removes; `onlyIfIndexed` never revives a key the index lost. */
  const tracked = async (write: Promise<void>, key?: string, entry?: OfflineEntry | null, onlyIfIndexed = false): Promise<void> => {
    try {
      await write;
    } catch (error) {
      // A write that failed leaves the storage in an unknown state: the index is not trusted after it.
      index = undefined;
      throw error;
    }
    if (index === undefined || key === undefined || entry === undefined) return;
    index.touched?.add(key);
    if (entry === null) index.map.delete(key);
    else if (!onlyIfIndexed || index.touched !== undefined || index.map.has(key)) index.map.set(key, entry);
  };

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

  /** Every readable entry in the storage, oldest first. */
  const list = async (): Promise<StoredEntry[]> => {
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
  };

  return {
    async append(entry) {
      await seedSeq();
      const key = `${queuePrefix}${String(nextSeq()).padStart(SEQ_DIGITS, '0')}.${entry.id}`;
      await tracked(storage.setItem(key, encode(entry)), key, entry);
      return { key, entry };
    },
    list,
    async indexed() {
      if (index === undefined) {
        const building: Index = { map: new Map(), touched: new Set() };
        index = building;
        let listed: StoredEntry[];
        try {
          listed = await list();
        } catch (error) {
          if (index === building) index = undefined;
          throw error;
        }
        // Forgotten meanwhile (a failed write): this listing is served once, not kept.
        if (index !== building) return listed;
        for (const s of listed) if (!building.touched!.has(s.key)) building.map.set(s.key, s.entry);
        building.touched = undefined;
      }
      const out = Array.from(index.map, ([key, entry]) => ({ key, entry }));
      // Concurrent appends may land out of their sequence's order; keys sort into FIFO order.
      for (let i = 1; i < out.length; i++) if (out[i - 1]!.key > out[i]!.key) return out.sort((x, y) => (x.key < y.key ? -1 : 1));
      return out;
    },
    forget() {
      index = undefined;
    },
    holds: async (key) => (await storage.getItem(key)) !== null,
    update: (key, entry) => tracked(storage.setItem(key, encode(entry)), key, entry, true),
    remove: (key) => tracked(storage.removeItem(key), key, null),
    async bury(key, letter) {
      await tracked(storage.setItem(deadPrefix + letter.id, encode(letter)));
      await tracked(storage.removeItem(key), key, null);
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
      await tracked(storage.setItem(key, encode(entry)));
      // Indexed only once it is no longer dead, as list() would see it.
      await tracked(storage.removeItem(deadPrefix + id), key, entry);
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
