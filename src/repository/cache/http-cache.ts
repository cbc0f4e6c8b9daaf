/**
 * The HTTP cache: RFC 9111 storage and reuse over the two tiers, per scope. It never sends
 * anything itself; strategies (strategy.ts) decide when to ask the origin, and hand every
 * answer back here through `update`, which stores it, merges a 304, or invalidates after an
 * unsafe method. Subscribers hear about every store and invalidation of their key.
 */
import { systemClock, type Clock } from '../../platform/clock.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import {
  STORAGE_PREFIX, indexStorageKey, lowerCaseHeaders, normalizeUrl, parseVary, policyRequestHeaders, resourceDigest,
  scopeDigest, subscriptionKey, variantOf, variantStorageKey,
} from './cache-key.js';
import { ENVELOPE_VERSION, type Envelope, type Overlay } from './envelope.js';
import { invalidatedUrls, isUnsafeMethod } from './invalidation.js';
import { freshness, isStorable, policyFactory, type Freshness } from './policy.js';
import { TieredStore, type StoredEntry } from './tiered-store.js';
import { LocalWrites, type LocalWrite } from './local-write.js';
import type { CacheEvent, CacheListener, CacheRequest, CacheResult, HttpExchangeResponse } from './types.js';
import type { CacheHit } from './cache-hit.js';

/** A request as the cache keys it: method upper-cased, URL normalised, header names lower-cased. */
interface Described {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly key: string;
  readonly indexKey: string;
}

/** Options of `createHttpCache`; every one has a default. */
export interface HttpCacheOptions {
  /** Persistent tier (file, IndexedDB, AsyncStorage…); omitted → memory only. */
  readonly storage?: StorageAdapter | undefined;
  /** Entries kept in memory [200]: a few screens' worth of lists and details. */
  readonly maxEntries?: number | undefined;
  /** Approximate bytes kept in memory [5 MiB]: small next to a phone's heap, large next to API JSON. */
  readonly maxBytes?: number | undefined;
  /** Time source for freshness and ages [systemClock]. */
  readonly clock?: Pick<Clock, 'now'> | undefined;
  /**
   * Background failures: storage errors, a failed stale-while-revalidate refresh, a listener
   * that threw. Never thrown at a caller, never an unhandled rejection. [console.warn]
   */
  readonly onError?: ((error: unknown) => void) | undefined;
}

export type { CacheHit } from './cache-hit.js';

/** What `invalidate` and `subscribe` accept: a subscription key or its parts (method defaults to GET). */
export type CacheKeyInput = string | { readonly scope: string; readonly url: string; readonly method?: string | undefined };

/** The cache; see docs/caching.md. */
export interface HttpCache {
  /** The stored response for `request` (GET only), fresh or not, or undefined. */
  lookup(request: CacheRequest, options?: { readonly ttlMs?: number | undefined }): Promise<CacheHit | undefined>;
  /**
   * Hands the origin's answer to the cache and returns what the caller should see: a 304 for
   * a `previous` hit serves its body with the 304's headers merged in ('revalidated'); a
   * storable answer is stored ('network'); no-store removes the stored variant; a successful
   * unsafe method invalidates its target, Location and Content-Location in every scope.
   * Resolves undefined only for a 304 with nothing to merge (the caller must refetch).
   */
  update(request: CacheRequest, response: HttpExchangeResponse, previous?: CacheHit, background?: boolean): Promise<CacheResult | undefined>;
  /** A result built from a hit (source 'cache'). */
  serve(hit: CacheHit, stale: boolean, fallbackReason?: CacheResult['fallbackReason']): CacheResult;
  /**
   * The app's own change to the stored success answer for `request` (local-write.ts): `change`
   * gets the stored body and returns the new one; headers and freshness stay the server's.
   * Subscribers hear a `stored` event marked `local`. Resolves undefined, without calling
   * `change`, when nothing is stored. `id` marks the write for its `restore`.
   */
  writeLocally(request: CacheRequest, change: (body: string, status: number) => string | Promise<string>, id: string): Promise<LocalWrite | undefined>;
  /** Removes the one stored variant `hit` was read from (memory and storage); resolves once storage is done. */
  discard(hit: CacheHit): Promise<void>;
  /** Removes every variant of one URL in one scope. */
  invalidate(key: CacheKeyInput): Promise<void>;
  /** Removes one scope's entries (logout, user switch), memory and storage. */
  clearScope(scope: string): Promise<void>;
  /** Removes every entry this cache wrote (other keys in the storage are left alone). */
  clear(): Promise<void>;
  /** Calls `listener` for every event of `key`; returns the unsubscribe function. */
  subscribe(key: CacheKeyInput, listener: CacheListener): () => void;
  /** Resolves when queued storage writes are done (tests, app shutdown). */
  flush(): Promise<void>;
  /** Storage keys held in memory, for diagnostics and tests. */
  memoryKeys(): { entries: string[]; indexes: string[] };
  /** The onError hook, for strategies' background work. */
  readonly reportError: (error: unknown) => void;
}

const DEFAULT_MAX_ENTRIES = 200;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
// Not dropped by a 304 merge (RFC 9111 §3.2): they describe the stored body, not the new answer.
const KEEP_ON_MERGE = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'content-range']);

/** Creates a cache; share one per SDK instance (and per storage). */
export function createHttpCache(options: HttpCacheOptions = {}): HttpCache {
  const clock = options.clock ?? systemClock;
  const policies = policyFactory(clock);
  const reportError = options.onError ?? ((error: unknown) => console.warn('[tether cache]', error));
  const tiers = new TieredStore({
    storage: options.storage,
    policies,
    onError: reportError,
    maxEntries: options.maxEntries ?? DEFAULT_MAX_ENTRIES,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
  });
  const listeners = new Map<string, Set<CacheListener>>();
  const localWrites = new LocalWrites();

  const emit = (event: CacheEvent) => {
    for (const listener of [...(listeners.get(event.key) ?? [])]) {
      try {
        listener(event);
      } catch (error) {
        reportError(error);
      }
    }
  };
  const emitWhere = (matches: (key: string) => boolean, type: 'invalidated' | 'cleared') => {
    for (const key of [...listeners.keys()]) if (matches(key)) emit({ type, key });
  };

  const keyOf = (input: CacheKeyInput) => (typeof input === 'string' ? input : subscriptionKey(input.scope, input.method ?? 'GET', input.url));

  const toResult = (key: string, response: HttpExchangeResponse, source: CacheResult['source'], ageMs: number, stale: boolean, fallbackReason?: CacheResult['fallbackReason']): CacheResult => ({
    status: response.status,
    headers: { ...response.headers, age: String(Math.floor(ageMs / 1000)) },
    body: response.body,
    source,
    ageMs,
    stale,
    ...(fallbackReason !== undefined && { fallbackReason }),
    key,
  });

  // A call's lookup and its update describe the same request object: parse its URL once.
  const described = new WeakMap<CacheRequest, Described>();
  const describe = (request: CacheRequest): Described => {
    let found = described.get(request);
    if (found !== undefined) return found;
    // Keys are "<scope> <METHOD> <url>": a scope with whitespace would make them ambiguous.
    if (request.scope === '' || /\s/.test(request.scope)) throw new TypeError('cache scope must be a non-empty string without whitespace (see scopeFromToken)');
    const method = request.method.toUpperCase();
    const url = normalizeUrl(request.url);
    const headers = lowerCaseHeaders(request.headers);
    found = { method, url, headers, key: subscriptionKey(request.scope, method, url), indexKey: indexStorageKey(request.scope, method, url) };
    described.set(request, found);
    return found;
  };

  const store = (request: CacheRequest, response: HttpExchangeResponse, varyNames: string[], background: boolean, overlay?: Overlay): CacheResult => {
    const { method, url, headers, key, indexKey } = describe(request);
    const policyRequest = { method, url, headers: policyRequestHeaders(headers, varyNames) };
    const policy = policies.create(policyRequest, { status: response.status, headers: { ...response.headers } });
    const variant = variantOf(varyNames, headers);
    const entryKey = variantStorageKey(indexKey, variant);
    const ageMs = Math.max(0, policy.age() * 1000);
    const result = toResult(key, response, 'network', ageMs, false);
    if (!isStorable(method, policy, response)) {
      // The server asked us not to keep it (or it is not reusable): drop the old copy too.
      if (response.status < 500 && response.status !== 429) tiers.remove([entryKey]);
      return result;
    }
    const envelope: Envelope = {
      v: ENVELOPE_VERSION, scope: request.scope, key, variant, vary: varyNames,
      status: response.status, headers: { ...response.headers }, body: response.body, storedAt: clock.now(), policy: policy.toObject(),
      ...(overlay !== undefined && { overlay }),
    };
    tiers.write(indexKey, { v: ENVELOPE_VERSION, key, vary: varyNames }, entryKey, { envelope, policy });
    emit({ type: 'stored', key, result, background });
    return result;
  };

  const api: HttpCache = {
    reportError,

    async lookup(request, lookupOptions = {}) {
      const { method, url, headers, key, indexKey } = describe(request);
      if (method !== 'GET') return undefined;
      const index = await tiers.readIndex(indexKey, key);
      if (index === undefined) return undefined;
      const variant = variantOf(index.vary, headers);
      const entryKey = variantStorageKey(indexKey, variant);
      const entry = await tiers.readEntry(entryKey, { key, variant, scope: request.scope });
      if (entry === undefined) return undefined;
      const policyRequest = { method, url, headers: policyRequestHeaders(headers, index.vary) };
      const revalidation = entry.policy.revalidationHeaders(policyRequest);
      const conditionalHeaders: Record<string, string> = {};
      for (const name of ['if-none-match', 'if-modified-since']) {
        const value = revalidation[name];
        if (typeof value === 'string') conditionalHeaders[name] = value;
      }
      return { key, entry, entryKey, conditionalHeaders, freshness: freshness(entry.policy, policyRequest.headers, { ...entry.envelope.headers }, lookupOptions.ttlMs) };
    },

    async update(request, response, previous, background = false) {
      const { method, url, headers, key, indexKey } = describe(request);
      if (isUnsafeMethod(method)) {
        const urls = invalidatedUrls(method, request.url, response.status, lowerCaseHeaders(response.headers));
        if (urls.length > 0) await invalidateEverywhere(urls);
        return toResult(key, response, 'network', 0, false);
      }
      if (response.status === 304) {
        if (previous === undefined) return undefined;
        const old = previous.entry;
        const policyRequest = { method, url, headers: policyRequestHeaders(headers, old.envelope.vary) };
        const { modified } = old.policy.revalidatedPolicy(policyRequest, { status: 304, headers: { ...response.headers } });
        if (modified) return undefined;
        const merged: Record<string, string> = { ...old.envelope.headers };
        for (const [name, value] of Object.entries(response.headers)) if (!KEEP_ON_MERGE.has(name)) merged[name] = value;
        const { body, overlay } = localWrites.notModified(old.envelope);
        const stored = store(request, { status: old.envelope.status, headers: merged, body }, old.envelope.vary.slice(), background, overlay);
        return { ...stored, source: 'revalidated' };
      }
      const varyNames = parseVary(response.headers['vary']);
      const existing = await tiers.readIndex(indexKey, key);
      if (existing !== undefined && existing.vary.join(',') !== varyNames.join(',')) {
        // The resource now varies on other headers: the old variants' keys mean nothing anymore.
        await tiers.removeWhere((k) => k.startsWith(`${indexKey}:`));
      }
      return store(request, response, varyNames, background);
    },

    serve(hit, stale, fallbackReason) {
      const { envelope } = hit.entry;
      return toResult(hit.key, envelope, 'cache', hit.freshness.ageMs, stale, fallbackReason);
    },

    writeLocally(request, change, id) {
      return localWrites.write({
        lookup: (r) => api.lookup(r),
        current: (entryKey) => tiers.peek(entryKey),
        replace(r, hit, envelope) {
          tiers.write(describe(r).indexKey, { v: ENVELOPE_VERSION, key: hit.key, vary: envelope.vary }, hit.entryKey, { envelope, policy: hit.entry.policy });
          const result = toResult(hit.key, envelope, 'cache', hit.freshness.ageMs, !hit.freshness.fresh);
          emit({ type: 'stored', key: hit.key, result, background: false, local: true });
        },
      }, request, change, id);
    },

    async discard(hit) {
      tiers.remove([hit.entryKey]);
      await tiers.flush();
    },

    async invalidate(input) {
      const key = keyOf(input);
      const [scope, method, url] = splitKey(key);
      const indexKey = indexStorageKey(scope, method, url);
      await tiers.removeWhere((k) => k === indexKey || k.startsWith(`${indexKey}:`));
      emit({ type: 'invalidated', key });
    },

    async clearScope(scope) {
      const prefix = `${STORAGE_PREFIX}${scopeDigest(scope)}:`;
      await tiers.removeWhere((k) => k.startsWith(prefix));
      emitWhere((key) => key.startsWith(`${scope} `), 'cleared');
    },

    async clear() {
      await tiers.removeWhere(() => true);
      emitWhere(() => true, 'cleared');
    },

    subscribe(input, listener) {
      const key = keyOf(input);
      const set = listeners.get(key) ?? new Set();
      set.add(listener);
      listeners.set(key, set);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
      };
    },

    flush: () => tiers.flush(),
    memoryKeys: () => tiers.memoryKeys(),
  };
  return api;

  /** Drops GET (and HEAD) entries of `urls` in every scope: another user's copy is just as outdated. */
  async function invalidateEverywhere(urls: ReadonlyArray<string>): Promise<void> {
    const digests = new Set(urls.flatMap((url) => [resourceDigest('GET', url), resourceDigest('HEAD', url)]));
    await tiers.removeWhere((k) => digests.has(k.slice(STORAGE_PREFIX.length).split(':')[1] ?? ''));
    const suffixes = urls.flatMap((url) => [` GET ${url}`, ` HEAD ${url}`]);
    emitWhere((key) => suffixes.some((suffix) => key.endsWith(suffix)), 'invalidated');
  }
}

/** [scope, method, url] of a subscription key (the scope may not contain spaces; the URL has none). */
function splitKey(key: string): [string, string, string] {
  const parts = key.split(' ');
  if (parts.length !== 3) throw new TypeError(`Not a cache key: ${JSON.stringify(key)} (expected "<scope> <METHOD> <url>")`);
  return parts as [string, string, string];
}

