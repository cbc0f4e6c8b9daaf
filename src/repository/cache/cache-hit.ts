/**
 * A stored answer found for a request: what `lookup` returns and what the cache's other steps
 * (serve, update after a 304, discard, local writes) take back. Its own file so that those
 * steps' modules and http-cache.ts can all name it without importing each other.
 */
import type { Freshness } from './policy.js';
import type { StoredEntry } from './tiered-store.js';

/** A stored response found for a request, with its freshness and the validators to send. */
export interface CacheHit {
  readonly key: string;
  readonly entry: StoredEntry;
  readonly freshness: Freshness;
  /** If-None-Match / If-Modified-Since from the stored validators ({} when there are none). */
  readonly conditionalHeaders: Readonly<Record<string, string>>;
  /** The entry's storage key (its variant), for `discard`. */
  readonly entryKey: string;
}
