/**
 * Time, sleep and randomness for the retry layer, injectable so tests (and hosts with their
 * own scheduler) control them: a fake `sleep` that records and resolves at once makes a
 * backoff test exact and instant. Nothing is captured at import time; the defaults look up
 * `Date.now`, `setTimeout` and `Math.random` when called, so polyfills and fake timers work.
 */
import { longTimeout } from './long-timeout.js';

/** The clock the retry layer reads. Every member is optional in options; see `resolveClock`. */
export interface Clock {
  /** Milliseconds since the epoch; also used to read Retry-After HTTP-dates. */
  now(): number;
  /**
   * Waits `ms`. May ignore `signal`: the retry layer races the sleep against the caller's
   * abort itself, so a cancelled call never waits for a sleep to end.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Uniform in [0, 1); drives full jitter. Not for secrets (keys use crypto). */
  random(): number;
}

/** Date.now, setTimeout (cleared on abort, so an aborted sleep leaves no timer) and Math.random. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const done = () => {
        cancel();
        signal?.removeEventListener('abort', done);
        resolve();
      };
      // The whole wait even past 2^31 - 1 ms, where a plain setTimeout would fire at once.
      const cancel = longTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
    }),
  random: () => Math.random(),
});

/**
 * Sleeps on `clock`, rejecting with `onAbort()` as soon as `signal` aborts (before or during
 * the sleep), even when an injected sleep ignores its signal.
 */
export function abortableSleep(clock: Clock, ms: number, signal: AbortSignal | undefined, onAbort: () => unknown): Promise<void> {
  if (signal?.aborted) return Promise.reject(onAbort());
  if (!signal) return clock.sleep(ms);
  return new Promise<void>((resolve, reject) => {
    // Our own controller tells the sleep to stop early, so its timer is released too.
    const stop = new AbortController();
    const onSignal = () => {
      stop.abort();
      reject(onAbort());
    };
    signal.addEventListener('abort', onSignal, { once: true });
    clock.sleep(ms, stop.signal).then(
      () => {
        signal.removeEventListener('abort', onSignal);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onSignal);
        reject(error);
      },
    );
  });
}
