/**
 * Serialises the operations on one key: each runs after the previous one on the same key has
 * settled, in call order, so a read never sees a write half-done and the last write called is
 * the last one applied. Different keys run concurrently. Idle keys hold no memory.
 */

/** Runs tasks one at a time per key, in the order they were queued. */
export interface KeyQueue {
  /** Queues `task` behind every earlier task for `key`; settles as the task does. */
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task queued or running (for tests and diagnostics). */
  readonly size: number;
}

const settle = (): void => undefined;

/** A fresh, empty per-key queue. */
export function createKeyQueue(): KeyQueue {
  const tails = new Map<string, Promise<void>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key);
      // The first task on an idle key starts now (in this tick), so call order is start order.
      const result = previous === undefined ? Promise.resolve().then(task) : previous.then(task);
      const tail = result.then(settle, settle);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    get size() {
      return tails.size;
    },
  };
}
