/**
 * A simulated clock for Tether's `clock` option: `sleep` parks the caller on a timer queue and
 * the driver moves time forward only when every in-flight call is parked, so a 60 s outage
 * with seconds of backoff runs in the CPU time of its calls alone. `random` is seeded, so
 * both variants of the simulation see the same jitter sequence.
 */
export interface SimTimer {
  readonly at: number;
  readonly seq: number;
  readonly wake: () => void;
}

export class SimClock {
  now = 0;
  private seq = 0;
  private seed: number;
  /** Timers sorted by (at, seq); a sorted array is plenty for a few thousand sleepers. */
  readonly timers: SimTimer[] = [];

  constructor(seed: number) {
    this.seed = seed;
  }

  readonly clock = {
    now: () => this.now,
    // mulberry32: small, fast, good enough for jitter.
    random: () => {
      let t = (this.seed = (this.seed + 0x6d2b79f5) | 0);
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    sleep: (ms: number) =>
      new Promise<void>((wake) => {
        const timer = { at: this.now + Math.max(0, ms), seq: this.seq++, wake };
        let i = this.timers.length;
        while (i > 0 && (this.timers[i - 1] as SimTimer).at > timer.at) i--;
        this.timers.splice(i, 0, timer);
      }),
  };

  nextAt(): number {
    return this.timers[0]?.at ?? Number.POSITIVE_INFINITY;
  }

  /** Moves time to `t` and wakes every timer due by then. */
  advanceTo(t: number): void {
    this.now = Math.max(this.now, t);
    while (this.timers.length > 0 && (this.timers[0] as SimTimer).at <= this.now) this.timers.shift()?.wake();
  }
}
