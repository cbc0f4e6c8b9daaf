/**
 * Counts the timers code under test leaves armed: only those created while tracking, and only
 * those that keep the event loop alive (ref'd), which is what `process.getActiveResourcesInfo()`
 * lists. Counting every active timer before and after instead is disturbed by timers other code
 * in the same worker arms or clears meanwhile (a previous suite's closing sockets, undici's own),
 * which made the leak checks fail at random in a full run.
 */
import { createHook } from 'node:async_hooks';

interface RefCounted {
  hasRef?: () => boolean;
}

/** A tracker of the timers armed from now on; `stop()` it in the same test. */
export interface TimerTracker {
  /** Timers created since tracking began that are still armed and ref'd. */
  armed(): number;
  stop(): void;
}

/** Starts tracking the timers created from now on (setTimeout, setInterval). */
export function trackTimers(): TimerTracker {
  const live = new Map<number, RefCounted>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (type === 'Timeout') live.set(id, resource as RefCounted);
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    // A fired or cleared timer may be destroyed lazily; hasRef() is false for those already
    // done, so they do not count (destroy follows at garbage collection).
    armed: () => [...live.values()].filter((t) => (t as { _destroyed?: boolean })._destroyed !== true && t.hasRef?.() !== false).length,
    stop: () => hook.disable(),
  };
}
