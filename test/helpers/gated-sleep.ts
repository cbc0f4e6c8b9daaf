/**
 * A clock sleep the test opens by hand: the retry layer's backoff waits until `release()`, so
 * what a test does "during the backoff" (a sign-in, a token expiring) happens there whatever
 * the machine's load, instead of racing a real timer. Only sleeps whose length is in `gated`
 * wait for the gate; others (a storage lease's settle wait or renewal) run on the system clock.
 */
import { systemClock } from '../../src/platform/clock.js';

/**
 * `sleep` for a clock; `asleep` resolves once something waits at the gate; `release()` ends
 * every gated wait, now and later.
 */
export function gatedSleep(gated: { readonly fromMs: number; readonly toMs: number }) {
  let released = false;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let noticed!: () => void;
  const asleep = new Promise<void>((resolve) => (noticed = resolve));
  const sleep = (ms: number, signal?: AbortSignal): Promise<void> => {
    if (ms < gated.fromMs || ms > gated.toMs) return systemClock.sleep(ms, signal);
    noticed();
    if (released || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      void gate.then(resolve);
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  };
  return {
    sleep,
    asleep,
    release() {
      released = true;
      open();
    },
  };
}
