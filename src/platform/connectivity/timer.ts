/**
 * The sleep the connectivity adapters wait on: the injected clock's when there is one (tests
 * drive it by hand), else a setTimeout that is unref'd where the host allows, so a probe loop
 * waiting for the network never keeps a Node process alive. Both stop early on abort, which is
 * how close() releases a pending wait.
 */
import type { Clock } from '../clock.js';
import { longTimeout } from '../long-timeout.js';

/** Waits `ms` or until `signal` aborts, whichever is first; never rejects. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/** The clock's sleep, or an unref'd timer when no clock is given. */
export function sleepOf(clock: Pick<Clock, 'sleep'> | undefined): Sleep {
  if (clock) return (ms, signal) => clock.sleep(ms, signal).catch(() => undefined);
  return (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        cancel();
        signal.removeEventListener('abort', done);
        resolve();
      };
      const cancel = longTimeout(done, ms, true);
      signal.addEventListener('abort', done, { once: true });
    });
}
