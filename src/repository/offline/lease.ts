/**
 * One processor per store, across tabs, workers and processes: two replaying the same queue
 * would send each entry twice (harmless with idempotency keys, but wasteful and out of order).
 *
 * - Web Locks (`navigator.locks`, looked up per call) where the platform has them: a lock
 *   requested with `ifAvailable`, so a second tab does not queue up behind the first but
 *   returns at once and looks again later. The browser frees it when the holder's tab dies.
 * - Elsewhere a lease record in the storage itself (`<name>.lease`, JSON `{ holder, until }`).
 *   Storage adapters have no compare-and-swap, so taking it is write, wait `settleMs`, read
 *   back: of two contenders that wrote at about the same time only the last writer reads its
 *   own record and runs. This narrows the race, it cannot close it (a write slower than the
 *   settle delay can still let both run); idempotency keys are what make such a rare double
 *   replay harmless. The holder renews the record every ttl/3 while its task runs, so a holder
 *   that died (a killed process) leaves a record that expires after `ttlMs`.
 * Within this JS realm, locks over the same storage and name are also exclusive in memory, so
 * two queues of one process never rely on the storage race at all.
 */
import { systemClock, type Clock } from '../../platform/clock.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import { uuidV4 } from '../../platform/uuid.js';
import { sleepOf } from '../../platform/connectivity/timer.js';

/** Options of createProcessorLock. */
export interface ProcessorLockOptions {
  /** The lock's name (the Web Lock's, and the record's key prefix): one per store and queue. */
  readonly name: string;
  /** Where the lease record lives when there are no Web Locks. */
  readonly storage: StorageAdapter;
  /** Time and waits (tests drive them) [systemClock]. */
  readonly clock?: Pick<Clock, 'now' | 'sleep'> | undefined;
  /** How long a record stays valid without renewal, i.e. how long a dead holder blocks others [30 s]. */
  readonly ttlMs?: number | undefined;
  /**
   * Who holds the lease [a random id per lock]. A record that is already ours is taken at once,
   * so a single-process app (one React Native app, one server) that passes a stable id takes
   * over its own lease right after a restart instead of waiting out the TTL. It must differ
   * between processes that may run at the same time.
   */
  readonly holder?: string | undefined;
  /** Wait between writing the record and reading it back [50 ms, at most ttl/10]. */
  readonly settleMs?: number | undefined;
  /** Web Locks to use; `null` forces the storage lease [navigator.locks, looked up per call]. */
  readonly locks?: LockManagerLike | null | undefined;
  /** Told when renewing or releasing the record fails (the task goes on) [console.warn]. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** The part of the Web Locks API used here. */
export interface LockManagerLike {
  request<T>(name: string, options: { ifAvailable: true }, callback: (lock: unknown) => Promise<T>): Promise<T>;
}

/** What a task run under the lock may read: `signal` aborts if the lease was lost (taken over after a stall). */
export interface LeaseContext {
  readonly signal: AbortSignal;
}

/** Runs a task only if no one else holds the lock. */
export interface ProcessorLock {
  /** Runs `task` while holding the lock and resolves with its value, or `{ ran: false }` at once when someone else holds it. */
  tryRun<T>(task: (lease: LeaseContext) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

interface LeaseRecord {
  readonly holder: string;
  readonly until: number;
}

export const PROCESSOR_LOCK_DEFAULTS = Object.freeze({ ttlMs: 30_000, settleMs: 50 });

const realSleep = sleepOf(undefined);

// Held in this realm, by storage object and name: the fast, race-free part of exclusivity.
const heldHere = /* @__PURE__ */ new WeakMap<StorageAdapter, Set<string>>();

/** Reads a lease record; anything unreadable counts as absent (and will be overwritten). */
function parseRecord(raw: string | null): LeaseRecord | undefined {
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const { holder, until } = value as Record<string, unknown>;
    return typeof holder === 'string' && typeof until === 'number' && Number.isFinite(until) ? { holder, until } : undefined;
  } catch {
    return undefined;
  }
}

function globalLocks(): LockManagerLike | undefined {
  const locks = (globalThis as { navigator?: { locks?: Partial<LockManagerLike> } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? (locks as LockManagerLike) : undefined;
}

/** A lock that lets one processor at a time run over `storage` (Web Locks, else a lease record). */
export function createProcessorLock(options: ProcessorLockOptions): ProcessorLock {
  const { name, storage } = options;
  const clock = options.clock ?? systemClock;
  const ttlMs = Math.max(1, options.ttlMs ?? PROCESSOR_LOCK_DEFAULTS.ttlMs);
  const settleMs = Math.max(0, options.settleMs ?? Math.min(PROCESSOR_LOCK_DEFAULTS.settleMs, ttlMs / 10));
  const holder = options.holder ?? uuidV4();
  const key = `${name}.lease`;
  const onError = options.onError ?? ((error: unknown) => console.warn(`[tether offline] lease ${name}:`, error));

  const read = async () => parseRecord(await storage.getItem(key));
  const write = () => storage.setItem(key, JSON.stringify({ holder, until: clock.now() + ttlMs } satisfies LeaseRecord));

  /** Takes the record if it is free, expired or ours, and checks after the settle delay that it stayed ours. */
  const acquire = async (): Promise<boolean> => {
    const current = await read();
    if (current && current.holder !== holder && current.until > clock.now()) return false;
    await write();
    if (settleMs > 0) await clock.sleep(settleMs);
    return (await read())?.holder === holder;
  };

  /**
   * Renews every ttl/3 until `stop` aborts; aborts `lost` when the record is someone else's.
   * Returns the renewal in flight, if any, so release waits for its write (a write landing
   * after the release would recreate the record) but never for a sleep the clock may not end.
   */
  const renew = (stop: AbortSignal, lost: AbortController): (() => Promise<void>) => {
    let inFlight: Promise<void> = Promise.resolve();
    const once = async () => {
      try {
        if ((await read())?.holder !== holder) return lost.abort();
        await write();
      } catch (error) {
        // The record may still expire under us; the next round tries again.
        onError(error);
      }
    };
    const interval = ttlMs / 3;
    void (async () => {
      let last = clock.now();
      while (!stop.aborted) {
        await clock.sleep(interval, stop).catch(() => undefined);
        // A test clock whose sleep resolves at once must not turn this loop into a spin that
        // starves the task: if its time did not move on, wait the interval on a real (unref'd)
        // timer, and always give the event loop a turn between renewals.
        if (!stop.aborted && clock.now() - last < interval) await realSleep(interval, stop);
        await realSleep(0, stop);
        if (stop.aborted || lost.signal.aborted) return;
        last = clock.now();
        inFlight = once();
        await inFlight;
      }
    })();
    return () => inFlight;
  };

  const release = async () => {
    try {
      if ((await read())?.holder === holder) await storage.removeItem(key);
    } catch (error) {
      // The record expires on its own after ttlMs.
      onError(error);
    }
  };

  const underLease = async <T>(task: (lease: LeaseContext) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> => {
    if (!(await acquire())) return { ran: false };
    const stop = new AbortController();
    const lost = new AbortController();
    const renewal = renew(stop.signal, lost);
    try {
      return { ran: true, value: await task({ signal: lost.signal }) };
    } finally {
      stop.abort();
      await renewal();
      await release();
    }
  };

  const underWebLock = async <T>(locks: LockManagerLike, task: (lease: LeaseContext) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> => {
    let granted = false;
    try {
      return await locks.request(name, { ifAvailable: true }, async (lock): Promise<{ ran: true; value: T } | { ran: false }> => {
        granted = true;
        if (lock === null) return { ran: false };
        // The browser holds a Web Lock until the callback settles or the tab dies: it is never lost.
        return { ran: true, value: await task({ signal: new AbortController().signal }) };
      });
    } catch (error) {
      // Refused before the callback ran (a SecurityError in an opaque origin, a sandboxed
      // iframe): Web Locks exist but cannot be used here, so the storage lease decides.
      if (granted) throw error;
      return underLease(task);
    }
  };

  return {
    async tryRun(task) {
      let names = heldHere.get(storage);
      if (!names) heldHere.set(storage, (names = new Set()));
      if (names.has(name)) return { ran: false };
      names.add(name);
      try {
        const locks = options.locks === null ? undefined : (options.locks ?? globalLocks());
        return locks ? await underWebLock(locks, task) : await underLease(task);
      } finally {
        names.delete(name);
      }
    },
  };
}
