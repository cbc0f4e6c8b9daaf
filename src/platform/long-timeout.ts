/**
 * Timers past 2^31 - 1 ms (about 24.8 days): the hosts' setTimeout fires those at once (Node
 * warns, browsers do not), so a wait computed from a server's value or a generous option would
 * turn into a loop. These wait the whole time, in chunks, or are clamped where the caller looks
 * again anyway.
 */

/** The longest delay setTimeout honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** `ms` as a delay setTimeout honours: at most MAX_TIMER_MS (the callback then comes early), never negative or NaN. */
export function timerDelay(ms: number): number {
  return ms > 0 ? Math.min(ms, MAX_TIMER_MS) : 0;
}

/** Calls `callback` after `ms` (in chunks past MAX_TIMER_MS; Infinity: never); returns the cancel. `unref`: never keeps a Node process alive. */
export function longTimeout(callback: () => void, ms: number, unref = false): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (left: number) => {
    timer = globalThis.setTimeout(left > MAX_TIMER_MS ? () => arm(left - MAX_TIMER_MS) : callback, timerDelay(left));
    if (unref) (timer as unknown as { unref?: () => void }).unref?.();
  };
  arm(ms);
  return () => globalThis.clearTimeout(timer);
}
