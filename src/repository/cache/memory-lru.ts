/**
 * The memory tier: a least-recently-used map bounded by entry count and by (approximate)
 * bytes, so a phone's heap stays small however many screens were visited. A Map keeps
 * insertion order; re-inserting on each hit makes its first key the least recently used.
 */

/** Limits of the memory tier. */
export interface LruLimits {
  /** Most entries kept; the least recently used go first. */
  readonly maxEntries: number;
  /** Most bytes kept (by the size each entry was given); an entry larger than this is not kept. */
  readonly maxBytes: number;
}

/** A bounded LRU map; values carry their own size, given at `set`. */
export class MemoryLru<V> {
  private readonly items = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly limits: LruLimits) {}

  /** The value (and marks it most recently used), or undefined. */
  get(key: string): V | undefined {
    const item = this.items.get(key);
    if (item === undefined) return undefined;
    this.items.delete(key);
    this.items.set(key, item);
    return item.value;
  }

  /** Stores `value` as most recently used, then evicts until within both limits. */
  set(key: string, value: V, bytes: number): void {
    this.delete(key);
    if (bytes > this.limits.maxBytes || this.limits.maxEntries <= 0) return;
    this.items.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest] of this.items) {
      if (this.items.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.delete(oldest);
    }
  }

  /** Removes one key; absent keys are fine. */
  delete(key: string): void {
    const item = this.items.get(key);
    if (item === undefined) return;
    this.items.delete(key);
    this.bytes -= item.bytes;
  }

  /** Removes every key `matches` accepts. */
  deleteWhere(matches: (key: string, value: V) => boolean): void {
    for (const [key, item] of [...this.items]) if (matches(key, item.value)) this.delete(key);
  }

  /** Every key, least recently used first (for tests and dumps). */
  keys(): string[] {
    return [...this.items.keys()];
  }

  get size(): number {
    return this.items.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }
}

/** A rough byte size of a stored response: UTF-16 code units ×2 of its texts. */
export function approximateBytes(body: string, headers: Readonly<Record<string, string>>): number {
  let size = body.length;
  for (const [name, value] of Object.entries(headers)) size += name.length + value.length;
  return size * 2 + 256; // + the envelope's own fields and policy object
}
