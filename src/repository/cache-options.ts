/**
 * The `cache` option of createSdk (and of createClient through `withCache`) and the per-call
 * `cache` option: their shapes, their defaults with the reason for each, and the one place
 * that checks them (TypeError naming the bad option). The wiring (cache-wiring.ts) and the
 * call path (cached-exchange.ts) only ever see the resolved values.
 */
import type { OperationMeta } from '../contract/operation.js';
import type { StorageAdapter } from '../platform/storage/types.js';
import { DEFAULT_MAX_STALE_MS } from './cache/strategy.js';
import type { CacheStrategy } from './cache/types.js';

/** How one operation (or one call) reads through the cache. */
export interface CachePolicyOptions {
  readonly strategy?: CacheStrategy | undefined;
  /** Freshness for answers whose server says nothing about it (explicit server headers win). */
  readonly ttlMs?: number | undefined;
  /** How far past freshness a stored answer may be served offline, by cache-only and by SWR. */
  readonly maxStaleMs?: number | undefined;
}

/** createSdk's `cache` option. Every field is optional: `cache: {}` turns the cache on with the defaults. */
export interface CacheOptions extends CachePolicyOptions {
  /** Persistent tier; default the SDK's `storage` option, else memory only. */
  readonly storage?: StorageAdapter | undefined;
  /** Memory tier bound, entries [200]. */
  readonly maxEntries?: number | undefined;
  /** Memory tier bound, approximate bytes [5 MiB]. */
  readonly maxBytes?: number | undefined;
  /**
   * Whose cache it is: a fixed name (a user or tenant id), a function read per call, or
   * omitted: derived from the access token's subject (`scopeFromToken`), anonymous when signed out.
   */
  readonly scope?: string | (() => string | undefined) | undefined;
  /** Salt for the scope digests (an app id), so a low-entropy user id is not guessable from storage. */
  readonly scopeSalt?: string | undefined;
  /** Per operation (`'orders.getOrder'`): a strategy, its knobs, or `false` to keep it out of the cache. */
  readonly operations?: Readonly<Record<string, CacheStrategy | CachePolicyOptions | false>> | undefined;
  /** Background failures (storage errors, failed SWR refreshes, throwing listeners); default: the SDK's logger at warn. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The per-call `cache` option: a strategy, a policy, or `false` (this call bypasses the cache entirely). */
export type CallCacheOption = CacheStrategy | CachePolicyOptions | false;

/** What one GET does with the cache; undefined means "bypass it". */
export interface ReadPolicy {
  readonly strategy: CacheStrategy;
  readonly ttlMs: number | undefined;
  readonly maxStaleMs: number;
}

/** CacheOptions after validation. */
export interface ResolvedCacheOptions {
  readonly storage: StorageAdapter | undefined;
  readonly maxEntries: number | undefined;
  readonly maxBytes: number | undefined;
  readonly scope: (() => string | undefined) | undefined;
  readonly scopeSalt: string;
  readonly defaults: ReadPolicy;
  readonly operations: ReadonlyMap<string, ReadPolicy | false>;
  readonly onError: ((error: unknown) => void) | undefined;
}

export const CACHE_DEFAULTS = /* @__PURE__ */ Object.freeze({
  // RFC 9111's own behaviour, what a browser does: an answer the server called fresh
  // (max-age, Expires, or the app's ttlMs) is served without a request, anything else is
  // revalidated (a cheap 304 when validators exist), and a stored copy is only served stale,
  // flagged, when the origin cannot be reached. So turning the cache on never shows data the
  // server did not allow, and saves every request the server said was unnecessary.
  strategy: 'cache-first' as CacheStrategy,
  // A day of offline reading: long enough for a commute or a flight, short enough that a
  // week-old balance is never shown as if it were current.
  maxStaleMs: DEFAULT_MAX_STALE_MS,
});

const STRATEGIES: ReadonlySet<string> = new Set(['cache-first', 'network-first', 'stale-while-revalidate', 'network-only', 'cache-only']);

/** Validates the `cache` option (undefined: no cache); `storage` is the SDK-wide storage option. */
export function resolveCacheOptions(value: unknown, storage: unknown): ResolvedCacheOptions | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Tether: options.cache must be an object (e.g. `cache: {}` for the defaults) or false');
  }
  const raw = value as CacheOptions;
  const defaults = resolvePolicy('options.cache', raw, { strategy: CACHE_DEFAULTS.strategy, ttlMs: undefined, maxStaleMs: CACHE_DEFAULTS.maxStaleMs });
  const operations = new Map<string, ReadPolicy | false>();
  if (raw.operations !== undefined) {
    if (typeof raw.operations !== 'object' || raw.operations === null || Array.isArray(raw.operations)) {
      throw new TypeError("Tether: options.cache.operations must be an object of operation id ('orders.getOrder') → strategy, policy or false");
    }
    for (const [id, entry] of Object.entries(raw.operations)) {
      const name = `options.cache.operations["${id}"]`;
      if (!/^[^.\s]+\.[^.\s]+$/.test(id)) throw new TypeError(`Tether: ${name}: keys are '<tag>.<operationId>', e.g. 'orders.getOrder'`);
      operations.set(id, entry === false ? false : resolvePolicy(name, typeof entry === 'string' ? { strategy: entry } : entry, defaults));
    }
  }
  const chosenStorage = raw.storage ?? storage;
  return Object.freeze({
    storage: chosenStorage === undefined ? undefined : checkStorage(raw.storage !== undefined ? 'options.cache.storage' : 'options.storage', chosenStorage),
    maxEntries: checkCount('options.cache.maxEntries', raw.maxEntries),
    maxBytes: checkCount('options.cache.maxBytes', raw.maxBytes),
    scope: resolveScope(raw.scope),
    scopeSalt: checkString('options.cache.scopeSalt', raw.scopeSalt) ?? '',
    defaults,
    operations,
    onError: checkFunction<(error: unknown) => void>('options.cache.onError', raw.onError),
  });
}

/**
 * The read policy of one GET: the call's `cache` option over the operation's over the SDK's.
 * Undefined when the call or the operation said `false`.
 */
export function readPolicyFor(options: ResolvedCacheOptions, meta: OperationMeta, call: CallCacheOption | undefined): ReadPolicy | undefined {
  const operation = options.operations.get(meta.id);
  if (call === false) return undefined;
  const base = operation === false || operation === undefined ? options.defaults : operation;
  if (call === undefined) return operation === false ? undefined : base;
  return resolvePolicy('call option cache', typeof call === 'string' ? { strategy: call } : call, base);
}

/**
 * Refuses a per-operation policy other than network-only for a method that is not GET: a
 * mutation is never answered from the cache. Checked when the operation is bound.
 */
export function checkOperationPolicy(options: ResolvedCacheOptions, meta: OperationMeta): void {
  const policy = options.operations.get(meta.id);
  if (policy && meta.method.toUpperCase() !== 'GET' && policy.strategy !== 'network-only') {
    throw new TypeError(`Tether: options.cache.operations["${meta.id}"]: ${meta.method.toUpperCase()} is a mutation, always network-only; only GET operations take a read strategy`);
  }
}

function resolvePolicy(name: string, value: unknown, base: ReadPolicy): ReadPolicy {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`Tether: ${name} must be a strategy name, an object { strategy, ttlMs, maxStaleMs } or false`);
  }
  const policy = value as CachePolicyOptions;
  if (policy.strategy !== undefined && !STRATEGIES.has(policy.strategy)) {
    throw new TypeError(`Tether: ${name}.strategy must be one of ${[...STRATEGIES].join(', ')}; got ${JSON.stringify(policy.strategy)}`);
  }
  return Object.freeze({
    strategy: policy.strategy ?? base.strategy,
    ttlMs: checkDuration(`${name}.ttlMs`, policy.ttlMs) ?? base.ttlMs,
    maxStaleMs: checkDuration(`${name}.maxStaleMs`, policy.maxStaleMs) ?? base.maxStaleMs,
  });
}

function resolveScope(value: unknown): (() => string | undefined) | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'function') return value as () => string | undefined;
  if (typeof value === 'string' && value !== '') return () => value;
  throw new TypeError('Tether: options.cache.scope must be a non-empty string or a function returning the current user id (or undefined when signed out)');
}

function checkStorage(name: string, value: unknown): StorageAdapter {
  const s = value as Partial<StorageAdapter> | null;
  if (typeof s !== 'object' || s === null || typeof s.getItem !== 'function' || typeof s.setItem !== 'function' || typeof s.removeItem !== 'function' || typeof s.getAllKeys !== 'function') {
    throw new TypeError(`Tether: ${name} must be a storage adapter (getItem, setItem, removeItem, getAllKeys), e.g. memoryStorage() or fileStorage(dir)`);
  }
  return s as StorageAdapter;
}

function checkDuration(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new TypeError(`Tether: ${name} must be a finite number of ms ≥ 0`);
  return value;
}

function checkCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TypeError(`Tether: ${name} must be an integer ≥ 0`);
  return value;
}

function checkString(name: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new TypeError(`Tether: ${name} must be a string`);
  return value;
}

function checkFunction<F>(name: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw new TypeError(`Tether: ${name} must be a function`);
  return value as F;
}
