/**
 * The batcher: single-item reads made within one window (by default the current macrotask) are
 * coalesced into batch loads of at most `maxBatchSize` keys. Each caller gets its own item in
 * its own promise; an item the answer lacks fails only its callers; a failed load fails every
 * caller of that batch. Duplicate keys in one window are sent once. A caller's abort removes its
 * own wait only; a batch in flight is aborted only when every one of its callers has left.
 */
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';
import { BatchItemMissingError } from './errors.js';

/** What the app (or the wiring) gives a batcher. */
export interface BatcherOptions<K, R> {
  /** Loads many keys at once; resolves with the items found, in any order. */
  readonly load: (keys: K[], signal: AbortSignal) => Promise<Iterable<R>>;
  /** The key an item answers for (matched to the requested keys with SameValueZero). */
  readonly key: (item: R) => K;
  /** Most keys one load receives; more in one window are split into ceil(n / max) loads. [100] */
  readonly maxBatchSize?: number | undefined;
  /** 0: flush at the end of the current macrotask; > 0: wait this long after the first key. [0] */
  readonly windowMs?: number | undefined;
  /** The error a caller gets for a key the answer lacks. [NOT_FOUND NetworkError] */
  readonly missing?: ((key: K) => Error) | undefined;
  /** The error a caller gets when its own signal aborts. [CANCELLED NetworkError] */
  readonly cancelled?: ((key: K, reason: unknown) => Error) | undefined;
}

/** Coalesces single-key reads; see the module comment. */
export interface Batcher<K, R> {
  /** Resolves with the item for `key` from the next batch; rejects with that batch's error. */
  load(key: K, signal?: AbortSignal): Promise<R>;
  /** Sends what is queued now instead of waiting for the window to end. */
  flush(): void;
}

// Why these defaults: 100 is the largest batch most batch endpoints accept (and the Shop API's
// maxItems); a window of 0 catches every call made while one render or event handler runs,
// which is where N+1 reads come from, without adding a noticeable delay.
const DEFAULT_MAX_BATCH_SIZE = 100;
const DEFAULT_WINDOW_MS = 0;

interface Waiter<R> {
  readonly resolve: (item: R) => void;
  readonly reject: (error: unknown) => void;
  readonly detach: () => void;
}

/** One key of one batch and everybody waiting for it. */
interface Slot<K, R> {
  readonly key: K;
  readonly waiters: Set<Waiter<R>>;
  batch: InFlight | undefined;
}

interface InFlight {
  readonly controller: AbortController;
  /** Callers still waiting on this load; it is aborted when this drops to 0. */
  waiting: number;
}

/** Creates a batcher; throws a TypeError naming a bad option. */
export function createBatcher<K, R>(options: BatcherOptions<K, R>): Batcher<K, R> {
  if (typeof options?.load !== 'function') throw new TypeError('Tether: createBatcher needs a load(keys, signal) function');
  if (typeof options.key !== 'function') throw new TypeError('Tether: createBatcher needs a key(item) function');
  const maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
  const windowMs = options.windowMs ?? DEFAULT_WINDOW_MS;
  if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new TypeError('Tether: maxBatchSize must be an integer of at least 1');
  if (!Number.isFinite(windowMs) || windowMs < 0) throw new TypeError('Tether: windowMs must be a number of at least 0');
  const missing = options.missing ?? defaultMissing;
  const cancelled = options.cancelled ?? defaultCancelled;

  let queue = new Map<K, Slot<K, R>>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function flush(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const slots = [...queue.values()];
    queue = new Map();
    for (let i = 0; i < slots.length; i += maxBatchSize) dispatch(slots.slice(i, i + maxBatchSize));
  }

  function dispatch(slots: Array<Slot<K, R>>): void {
    const batch: InFlight = { controller: new AbortController(), waiting: 0 };
    for (const slot of slots) {
      slot.batch = batch;
      batch.waiting += slot.waiters.size;
    }
    let answer: Promise<Iterable<R>>;
    try {
      answer = Promise.resolve(options.load(slots.map((s) => s.key), batch.controller.signal));
    } catch (error) {
      answer = Promise.reject(error);
    }
    answer.then(
      (items) => {
        let found: Map<K, R>;
        try {
          found = new Map<K, R>();
          for (const item of items) found.set(options.key(item), item);
        } catch (error) {
          // An answer that is not a list of items fails the batch, never escapes unhandled.
          for (const slot of slots) settle(slot, (w) => w.reject(error));
          return;
        }
        for (const slot of slots) {
          if (found.has(slot.key)) {
            const item = found.get(slot.key) as R;
            settle(slot, (w) => w.resolve(item));
          } else {
            settle(slot, (w) => w.reject(missing(slot.key)));
          }
        }
      },
      (error: unknown) => {
        for (const slot of slots) settle(slot, (w) => w.reject(error));
      },
    );
  }

  function settle(slot: Slot<K, R>, how: (waiter: Waiter<R>) => void): void {
    for (const waiter of slot.waiters) {
      waiter.detach();
      how(waiter);
    }
    slot.waiters.clear();
  }

  function schedule(): void {
    if (timer !== undefined) return;
    // Looked up per use, never captured at import: tests and hosts may swap the timers.
    timer = globalThis.setTimeout(flush, windowMs);
  }

  return {
    flush,
    load(key, signal) {
      if (signal?.aborted) return Promise.reject(cancelled(key, signal.reason));
      return new Promise<R>((resolve, reject) => {
        let slot = queue.get(key);
        if (slot === undefined) {
          slot = { key, waiters: new Set(), batch: undefined };
          queue.set(key, slot);
        }
        const own = slot;
        const onAbort = (): void => {
          if (!own.waiters.delete(waiter)) return;
          waiter.detach();
          reject(cancelled(key, signal?.reason));
          if (own.batch === undefined) {
            // Not sent yet: the key leaves the queue when nobody else waits for it.
            if (own.waiters.size === 0 && queue.get(key) === own) queue.delete(key);
          } else if (--own.batch.waiting === 0) {
            own.batch.controller.abort(signal?.reason);
          }
        };
        const waiter: Waiter<R> = {
          resolve,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        own.waiters.add(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
        if (queue.size >= maxBatchSize) flush();
        else schedule();
      });
    },
  };
}

function defaultMissing(key: unknown): Error {
  return new NetworkError({
    type: NetworkErrorType.NOT_FOUND,
    summary: `The batch answer has no item for key ${String(key)}`,
    method: 'POST',
    url: '(batch)',
    source: 'server',
    cause: new BatchItemMissingError(key),
  });
}

function defaultCancelled(key: unknown, reason: unknown): Error {
  return new NetworkError({ type: NetworkErrorType.CANCELLED, summary: `Batched read of ${String(key)} was aborted by the caller`, method: 'POST', url: '(batch)', cause: reason });
}
