/**
 * The idle timeout of connections the network layer cannot time. A streamed fetch body is
 * timed by the timeout layer (network/timeout.ts: each chunk restarts the call's `timeoutMs`),
 * but an XHR stream and a buffered poll reach the stream with no `body` to wrap, so the
 * timeout layer lets go of them once the headers are in. On a phone whose connection died
 * silently (a cell handover, a NAT that forgot the flow) nothing then ever arrives and nothing
 * ever fails: without this watch the stream would wait forever. So the stream keeps the same
 * rule itself: no text for `timeoutMs` and the connection is cut with TIMEOUT, which the loop
 * treats as a drop (reconnect from Last-Event-ID). Wire activity restarts it, heartbeat
 * comments included, so a quiet but healthy stream is never cut.
 */
import type { Timers } from '../../network/attempt-deadline.js';

/** A running idle timer: `touch()` on every piece of wire activity, `stop()` when the connection ends. */
export interface IdleWatch {
  touch(): void;
  stop(): void;
}

// Looked up per call, never captured at import, so fake timers and late polyfills are honoured.
const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Calls `onIdle` once, when `ms` pass without a `touch()`; started at once. */
export function watchIdle(ms: number, onIdle: () => void, timers: Timers = GLOBAL_TIMERS): IdleWatch {
  let handle: unknown;
  let stopped = false;
  const fire = () => {
    if (stopped) return;
    stopped = true;
    onIdle();
  };
  const arm = () => {
    if (handle !== undefined) timers.clearTimeout(handle);
    handle = timers.setTimeout(fire, ms);
  };
  arm();
  return {
    touch() {
      if (!stopped) arm();
    },
    stop() {
      stopped = true;
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
    },
  };
}
