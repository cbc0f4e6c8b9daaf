/**
 * Timers and randomness for polling and the socket, injectable so tests (and the bench's
 * simulated hour) move time by hand. The default looks up setTimeout/clearTimeout and
 * Math.random when called, never at import time, so fake timers and polyfills work.
 */
import { timerDelay } from '../../platform/long-timeout.js';

/** Schedules and cancels callbacks; `random` drives jitter. */
export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Uniform in [0, 1). */
  random(): number;
}

/** The host's timers and Math.random. */
export const systemScheduler: Scheduler = Object.freeze({
  // Clamped (a later callback comes early, and its caller looks again): past 2^31 - 1 ms the host fires at once.
  setTimeout: (callback: () => void, ms: number) => globalThis.setTimeout(callback, timerDelay(ms)),
  clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  random: () => Math.random(),
});

/** Backoff after `failures` consecutive failures: full jitter over base·2^(n-1), capped. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  // Full jitter, but never below a tenth of the ceiling, so a failing server is never hammered
  // by an unlucky draw of ~0.
  return Math.round(ceiling * (0.1 + 0.9 * random()));
}

/** `intervalMs` spread by ±`jitter` (a fraction), so a fleet of apps does not poll in step. */
export function jittered(intervalMs: number, jitter: number, random: () => number): number {
  return Math.max(0, Math.round(intervalMs * (1 + jitter * (2 * random() - 1))));
}
