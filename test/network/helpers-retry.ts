/** Shared by the retry suites: a fake clock that records every backoff sleep. */
import type { Clock } from '../../src/platform/clock.js';

/** A fixed, whole-second start so HTTP-dates (second precision) compare exactly. */
export const T0 = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface FakeClock {
  readonly clock: Clock;
  /** Every delay the retry layer slept, in order. */
  readonly sleeps: number[];
  /** What clock.random returns next (fixed, so delays are exact). */
  random: number;
  /** When set, sleep never resolves on its own (only the caller's abort ends the wait). */
  hang: boolean;
  advance(ms: number): void;
}

/** Sleeping advances the clock instantly, so a 30 s backoff costs no real time. */
export function fakeClock(random = 0.5): FakeClock {
  let now = T0;
  const fake: FakeClock = {
    sleeps: [],
    random,
    hang: false,
    advance: (ms) => {
      now += ms;
    },
    clock: {
      now: () => now,
      random: () => fake.random,
      sleep: (ms) => {
        fake.sleeps.push(ms);
        if (fake.hang) return new Promise<void>(() => {});
        now += ms;
        return Promise.resolve();
      },
    },
  };
  return fake;
}
