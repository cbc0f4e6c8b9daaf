/**
 * Every timer the server starts goes through here, so close() can clear them all and leave no
 * open handle behind (latency and drip faults, SSE heartbeats).
 */

export interface Timers {
  /** Runs `fn` after `ms` unless cleared; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms` until cancelled; returns the cancel function. */
  every(ms: number, fn: () => void): () => void;
  /** Resolves after `ms`, or with `false` at once if the timers are disposed meanwhile. */
  sleep(ms: number): Promise<boolean>;
  /** Number of live timers. */
  readonly size: number;
  /** Cancels every timer; pending sleeps resolve `false`. Later calls still work. */
  clearAll(): void;
}

export function createTimers(): Timers {
  const live = new Map<NodeJS.Timeout, () => void>();
  const cancelOf = (handle: NodeJS.Timeout, onCancel?: () => void) => () => {
    if (!live.has(handle)) return;
    live.delete(handle);
    clearTimeout(handle);
    onCancel?.();
  };
  return {
    after(ms, fn) {
      const handle = setTimeout(() => {
        live.delete(handle);
        fn();
      }, ms);
      const cancel = cancelOf(handle);
      live.set(handle, cancel);
      return cancel;
    },
    every(ms, fn) {
      const handle = setInterval(fn, ms);
      const cancel = () => {
        if (!live.delete(handle)) return;
        clearInterval(handle);
      };
      live.set(handle, cancel);
      return cancel;
    },
    sleep(ms) {
      return new Promise((resolve) => {
        const handle = setTimeout(() => {
          live.delete(handle);
          resolve(true);
        }, ms);
        live.set(handle, cancelOf(handle, () => resolve(false)));
      });
    },
    get size() {
      return live.size;
    },
    clearAll() {
      for (const cancel of [...live.values()]) cancel();
    },
  };
}
