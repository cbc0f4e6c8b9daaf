/**
 * The two tiers behind the cache: a bounded memory LRU in front of a persistent
 * StorageAdapter. Writes go to memory at once and to storage in one serial queue, so a write
 * and a later removal of the same key can never land in the wrong order, and reads of storage
 * wait for the queue, so a removed entry can never be read back. A storage miss that hits is
 * promoted to memory; a corrupt, truncated or old-format record is a miss and is removed.
 */
import type { StorageAdapter } from '../../platform/storage/types.js';
import { STORAGE_PREFIX } from './cache-key.js';
import { decodeEnvelope, decodeIndex, encode, type Envelope, type IndexRecord } from './envelope.js';
import { MemoryLru, approximateBytes, type LruLimits } from './memory-lru.js';
import type { CachePolicy, PolicyFactory } from './policy.js';

/** An envelope with its policy revived (what the memory tier holds). */
export interface StoredEntry {
  readonly envelope: Envelope;
  readonly policy: CachePolicy;
}

/** Options of the tiers. */
export interface TieredStoreOptions extends LruLimits {
  /** The persistent tier; without it the cache lives in memory only. */
  readonly storage?: StorageAdapter | undefined;
  readonly policies: PolicyFactory;
  /** Storage failures (a full disk, a revoked IndexedDB) land here; the cache carries on from memory. */
  readonly onError: (error: unknown) => void;
}

/** Memory + storage, keyed by storage keys (see cache-key.ts). */
export class TieredStore {
  private readonly entries: MemoryLru<StoredEntry>;
  private readonly indexes: MemoryLru<IndexRecord>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: TieredStoreOptions) {
    this.entries = new MemoryLru(options);
    // Index records are tiny; keep as many as there can be entries (each entry has one).
    this.indexes = new MemoryLru({ maxEntries: options.maxEntries, maxBytes: Number.MAX_SAFE_INTEGER });
  }

  /** The index at `key` whose full key is `expectedKey`, from memory or storage. */
  async readIndex(key: string, expectedKey: string): Promise<IndexRecord | undefined> {
    const cached = this.indexes.get(key);
    if (cached !== undefined) return cached.key === expectedKey ? cached : undefined;
    const text = await this.readStorage(key);
    if (text === undefined) return undefined;
    const index = decodeIndex(text);
    if (index === undefined) {
      this.remove([key]);
      return undefined;
    }
    if (index.key !== expectedKey) return undefined; // a digest collision: someone else's URL
    this.indexes.set(key, index, 1);
    return index;
  }

  /** The entry at `key` whose envelope names `expected`, from memory or storage (then promoted). */
  async readEntry(key: string, expected: { key: string; variant: string; scope: string }): Promise<StoredEntry | undefined> {
    const matches = (envelope: Envelope) => envelope.key === expected.key && envelope.variant === expected.variant && envelope.scope === expected.scope;
    const cached = this.entries.get(key);
    if (cached !== undefined) return matches(cached.envelope) ? cached : undefined;
    const text = await this.readStorage(key);
    if (text === undefined) return undefined;
    const envelope = decodeEnvelope(text);
    let policy: CachePolicy | undefined;
    try {
      policy = envelope && this.options.policies.revive(envelope.policy);
    } catch {
      policy = undefined; // a policy object the library refuses: as corrupt as bad JSON
    }
    if (envelope === undefined || policy === undefined) {
      this.remove([key]);
      return undefined;
    }
    if (!matches(envelope)) return undefined;
    const entry = { envelope, policy };
    this.entries.set(key, entry, approximateBytes(envelope.body, envelope.headers));
    return entry;
  }

  /** The entry memory holds at `key` right now (no storage read): tells a caller whether an entry it read is still the current one. */
  peek(key: string): StoredEntry | undefined {
    return this.entries.get(key);
  }

  /** Stores an index and one entry under it, in memory now and in storage in order. */
  write(indexKey: string, index: IndexRecord, entryKey: string, entry: StoredEntry): void {
    this.indexes.set(indexKey, index, 1);
    this.entries.set(entryKey, entry, approximateBytes(entry.envelope.body, entry.envelope.headers));
    const storage = this.options.storage;
    if (!storage) return;
    const indexText = encode(index);
    const entryText = encode(entry.envelope);
    this.enqueue(async () => {
      await storage.setItem(indexKey, indexText);
      await storage.setItem(entryKey, entryText);
    });
  }

  /** Removes exact keys from both tiers. */
  remove(keys: ReadonlyArray<string>): void {
    for (const key of keys) {
      this.entries.delete(key);
      this.indexes.delete(key);
    }
    const storage = this.options.storage;
    if (!storage || keys.length === 0) return;
    this.enqueue(async () => {
      for (const key of keys) await storage.removeItem(key);
    });
  }

  /**
   * Removes every cache key `matches` accepts (an index and its variants, a scope, or the
   * whole cache) from both tiers; storage is listed once. Resolves once storage is done.
   */
  async removeWhere(matches: (key: string) => boolean): Promise<void> {
    this.entries.deleteWhere((key) => matches(key));
    this.indexes.deleteWhere((key) => matches(key));
    const storage = this.options.storage;
    if (storage) {
      this.enqueue(async () => {
        const keys = await storage.getAllKeys();
        for (const key of keys) if (key.startsWith(STORAGE_PREFIX) && matches(key)) await storage.removeItem(key);
      });
    }
    await this.flush();
  }

  /** Resolves when every queued storage write and removal has finished. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Keys held in memory, least recently used first (entries, then indexes). */
  memoryKeys(): { entries: string[]; indexes: string[] } {
    return { entries: this.entries.keys(), indexes: this.indexes.keys() };
  }

  private async readStorage(key: string): Promise<string | undefined> {
    const storage = this.options.storage;
    if (!storage) return undefined;
    await this.queue;
    try {
      return (await storage.getItem(key)) ?? undefined;
    } catch (error) {
      this.options.onError(error);
      return undefined; // an unreadable store is a miss, never a failed call
    }
  }

  private enqueue(operation: () => Promise<void>): void {
    this.queue = this.queue.then(operation).catch((error: unknown) => this.options.onError(error));
  }
}
