/**
 * Serialises refreshes across everything that shares one token store. A rotating refresh
 * token may be used once: two contexts refreshing with it at the same time make the server
 * see a reuse and revoke the whole session (RFC 9700 §4.14.2). So a refresh runs under a
 * lock, and the token manager re-reads the store after acquiring it: a token another holder
 * just obtained is adopted instead of refreshing again.
 *
 * - Web Locks (`navigator.locks`, browsers and workers) when present: the lock is held across
 *   tabs and workers of one origin, keyed by name. Looked up per call, never at import time.
 * - Otherwise a lock inside this JS context keyed by the store (its `lockKey`, else the
 *   object): SDK instances handed the same store, or `storageTokenStore`s over the same
 *   adapter and key (Node, React Native), wait for each other.
 * Separate processes over one file or keychain entry need their own lock (the `lock` option).
 */

/** Runs `task` while holding the lock; resolves or rejects with the task. */
export type RefreshLock = <T>(task: () => Promise<T>) => Promise<T>;

interface LockManagerLike {
  request<T>(name: string, options: { mode: 'exclusive' }, callback: () => Promise<T>): Promise<T>;
}

const tails = new WeakMap<object, Promise<unknown>>();

/** The default lock: Web Locks under `name` where the platform has them, else per `key`. */
export function defaultRefreshLock(key: object, name: string): RefreshLock {
  return (task) => {
    const locks = webLocks();
    return locks ? locks.request(name, { mode: 'exclusive' }, task) : localLock(key, task);
  };
}

/** A FIFO lock for one JS context: each task starts after the previous one settled. */
export function localLock<T>(key: object, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  const run = previous.then(task, task);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  // Drop the entry once idle, unless another task queued behind us meanwhile.
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}

function webLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: Partial<LockManagerLike> } }).navigator;
  const locks = nav?.locks;
  return locks && typeof locks.request === 'function' ? (locks as LockManagerLike) : undefined;
}
