/**
 * The `offline` option checked and defaulted once (a TypeError naming the bad field), with the
 * reason for each default beside it. The queue reads only the resolved form.
 */
import { memoryStorage } from '../../platform/storage/memory-storage.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import { checkConnectivity, checkForeground } from '../../platform/connectivity/check.js';
import type { OfflineOptions, OptimisticUpdate } from './types.js';

/** OfflineOptions after validation. */
export interface ResolvedOfflineOptions {
  readonly storage: StorageAdapter;
  /** True when neither `offline.storage` nor the SDK's `storage` was given (a restart loses the queue). */
  readonly volatile: boolean;
  readonly namespace: string;
  readonly maxRetentionMs: number;
  readonly concurrency: number;
  readonly backoff: { readonly baseMs: number; readonly maxMs: number };
  readonly autoProcess: boolean;
  readonly user: (() => string | undefined) | undefined;
  readonly onLogout: 'keep' | 'discard';
  readonly repeatable: ReadonlySet<string>;
  readonly deferOnExpensive: number | false;
  readonly optimistic: Readonly<Record<string, OptimisticUpdate>>;
  readonly connectivity: Connectivity | undefined;
  readonly foreground: Foreground | undefined;
  readonly onError: ((error: unknown) => void) | undefined;
  readonly processorLock: { readonly holder?: string | undefined; readonly ttlMs?: number | undefined };
}

export const OFFLINE_DEFAULTS = /* @__PURE__ */ Object.freeze({
  // A week covers a long trip without signal; older intents are likely stale for the user, and
  // they are moved to the dead letters (never dropped) so the app can still show them.
  maxRetentionMs: 7 * 24 * 60 * 60 * 1000,
  // Enough to drain independent resources quickly without flooding a mobile uplink.
  concurrency: 4,
  // The retry layer already retried each send; between replays the queue waits longer.
  backoff: Object.freeze({ baseMs: 1000, maxMs: 5 * 60 * 1000 }),
});

/** The raw SDK options the queue reads. */
export interface OfflineHostRaw {
  readonly offline?: unknown;
  readonly storage?: unknown;
  readonly connectivity?: unknown;
  readonly foreground?: unknown;
}

/** Validates `offline` (undefined: no queue); `namespace` defaults to `fallbackNamespace`. */
export function resolveOfflineOptions(raw: OfflineHostRaw, fallbackNamespace: string): ResolvedOfflineOptions | undefined {
  const connectivity = checkConnectivity(raw.connectivity, 'options.connectivity');
  const foreground = checkForeground(raw.foreground, 'options.foreground');
  const value = raw.offline;
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Tether: options.offline must be an object (`offline: {}` turns the queue on with the defaults)');
  }
  const o = value as OfflineOptions & { readonly onError?: unknown };
  const own = o.storage !== undefined ? checkStorage(o.storage, 'options.offline.storage') : undefined;
  const shared = raw.storage !== undefined ? checkStorage(raw.storage, 'options.storage') : undefined;
  const namespace = o.namespace ?? fallbackNamespace;
  if (typeof namespace !== 'string' || namespace === '' || /[\s]/.test(namespace)) {
    throw new TypeError('Tether: options.offline.namespace must be a non-empty string without spaces');
  }
  const backoff = o.backoff ?? {};
  if (typeof backoff !== 'object' || backoff === null) throw new TypeError('Tether: options.offline.backoff must be { baseMs?, maxMs? }');
  const baseMs = positive(backoff.baseMs, 'options.offline.backoff.baseMs', OFFLINE_DEFAULTS.backoff.baseMs, true);
  const maxMs = positive(backoff.maxMs, 'options.offline.backoff.maxMs', Math.max(OFFLINE_DEFAULTS.backoff.maxMs, baseMs), true);
  if (maxMs < baseMs) throw new TypeError('Tether: options.offline.backoff.maxMs must not be below baseMs');
  const concurrency = positive(o.concurrency, 'options.offline.concurrency', OFFLINE_DEFAULTS.concurrency, false);
  if (!Number.isInteger(concurrency)) throw new TypeError('Tether: options.offline.concurrency must be a positive integer');
  if (o.autoProcess !== undefined && typeof o.autoProcess !== 'boolean') throw new TypeError('Tether: options.offline.autoProcess must be a boolean');
  if (o.onLogout !== undefined && o.onLogout !== 'keep' && o.onLogout !== 'discard') throw new TypeError("Tether: options.offline.onLogout must be 'keep' or 'discard'");
  const user = o.user;
  if (user !== undefined && typeof user !== 'function' && (typeof user !== 'string' || user === '')) {
    throw new TypeError('Tether: options.offline.user must be a non-empty string or a function returning one');
  }
  const repeatable = o.repeatable ?? [];
  if (!Array.isArray(repeatable) || repeatable.some((id) => typeof id !== 'string')) {
    throw new TypeError("Tether: options.offline.repeatable must be an array of operation ids ('orders.updateOrder')");
  }
  const defer = o.deferOnExpensive ?? false;
  if (defer !== false && (typeof defer !== 'number' || !(defer >= 0))) throw new TypeError('Tether: options.offline.deferOnExpensive must be a byte count or false');
  const optimistic = o.optimistic ?? {};
  if (typeof optimistic !== 'object' || optimistic === null || Object.values(optimistic).some((hook) => typeof hook !== 'function')) {
    throw new TypeError("Tether: options.offline.optimistic must map operation ids to functions ({ 'orders.updateOrder': (entry) => rollback })");
  }
  if (o.onError !== undefined && typeof o.onError !== 'function') throw new TypeError('Tether: options.offline.onError must be a function');
  const lock = o.processorLock ?? {};
  if (typeof lock !== 'object' || lock === null || (lock.holder !== undefined && (typeof lock.holder !== 'string' || lock.holder === ''))) {
    throw new TypeError('Tether: options.offline.processorLock must be { holder?: non-empty string, ttlMs?: number }');
  }
  if (lock.ttlMs !== undefined) positive(lock.ttlMs, 'options.offline.processorLock.ttlMs', 0, false);
  return Object.freeze({
    storage: own ?? shared ?? memoryStorage(),
    volatile: own === undefined && shared === undefined,
    namespace,
    maxRetentionMs: positive(o.maxRetentionMs, 'options.offline.maxRetentionMs', OFFLINE_DEFAULTS.maxRetentionMs, false),
    concurrency,
    backoff: { baseMs, maxMs },
    autoProcess: o.autoProcess ?? true,
    user: typeof user === 'string' ? () => user : user,
    onLogout: o.onLogout ?? 'keep',
    repeatable: new Set(repeatable),
    deferOnExpensive: defer,
    optimistic,
    connectivity: checkConnectivity(o.connectivity, 'options.offline.connectivity') ?? connectivity,
    foreground: checkForeground(o.foreground, 'options.offline.foreground') ?? foreground,
    onError: o.onError as ((error: unknown) => void) | undefined,
    processorLock: { ...(lock.holder !== undefined ? { holder: lock.holder } : {}), ...(lock.ttlMs !== undefined ? { ttlMs: lock.ttlMs } : {}) },
  });
}

function positive(value: unknown, name: string, fallback: number, allowZero: boolean): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new TypeError(`Tether: ${name} must be a ${allowZero ? 'non-negative' : 'positive'} finite number`);
  }
  return value;
}

function checkStorage(value: unknown, name: string): StorageAdapter {
  const s = value as Partial<StorageAdapter> | null;
  if (typeof s !== 'object' || s === null || ['getItem', 'setItem', 'removeItem', 'getAllKeys'].some((m) => typeof s[m as keyof StorageAdapter] !== 'function')) {
    throw new TypeError(`Tether: ${name} must be a storage adapter with getItem, setItem, removeItem and getAllKeys`);
  }
  return value as StorageAdapter;
}

