/**
 * Timers that fire only when a test moves time forward: an attempt's deadline is then checked
 * at an exact millisecond, without reading the wall clock or waiting for real time to pass.
 */
import type { Timers } from '../../../src/network/timeout.js';

interface Pending {
  readonly at: number;
  readonly callback: () => void;
}

/** Manual timers plus what was armed, in order, and a way to move time. */
export interface ManualTimers {
  readonly timers: Timers;
  /** Every delay passed to setTimeout, in order. */
  readonly armed: number[];
  /** Timers armed and not yet fired or cleared. */
  live(): number;
  /** Moves time by `ms`, firing every timer due by then (in order), letting promises settle between. */
  advance(ms: number): Promise<void>;
}

/** Lets pending promise reactions (and stream pulls) run: a few macrotask turns, no real delay. */
export async function flush(turns = 5): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Creates timers starting at time 0. */
export function manualTimers(): ManualTimers {
  let now = 0;
  const armed: number[] = [];
  const pending = new Map<object, Pending>();
  return {
    armed,
    live: () => pending.size,
    timers: {
      setTimeout(callback, ms) {
        armed.push(ms);
        const handle = {};
        pending.set(handle, { at: now + ms, callback });
        return handle;
      },
      clearTimeout(handle) {
        pending.delete(handle as object);
      },
    },
    async advance(ms) {
      const until = now + ms;
      await flush();
      for (;;) {
        const due = [...pending.entries()].filter(([, timer]) => timer.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        pending.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await flush();
      }
      now = until;
    },
  };
}
