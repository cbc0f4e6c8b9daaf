/**
 * Polling an incremental sync: one run every `intervalMs` (± jitter), paused while offline or
 * in the background and resumed with an immediate run when both are back; after a failure the
 * next run waits an exponential backoff, or the server's Retry-After when that is longer (capped,
 * so a bad header cannot stop sync for days). Runs never overlap: `syncNow()` during a run joins
 * it (Sync.run coalesces).
 */
import { isNetworkError } from '../../errors/network-error.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import { backoffDelay, jittered, systemScheduler, type Scheduler } from './scheduler.js';
import type { Sync, SyncResult } from './types.js';

/** Options of `createPoller`. */
export interface PollerOptions {
  /** Time between successful runs [60 000 ms]. */
  readonly intervalMs?: number | undefined;
  /** Spread of each interval as a fraction of it [0.1: ±10 %]. */
  readonly jitter?: number | undefined;
  /** Backoff after failures [1 s doubling to 5 min]. */
  readonly backoff?: { readonly baseMs?: number | undefined; readonly maxMs?: number | undefined } | undefined;
  /** The longest Retry-After obeyed [1 hour]. */
  readonly maxRetryAfterMs?: number | undefined;
  /** Pauses while offline [the sync's `connectivity` (the SDK's, for a generated feed), else always online]. */
  readonly connectivity?: Connectivity | undefined;
  /** Pauses in the background [the sync's `foreground` (the SDK's, for a generated feed), else always in front]. */
  readonly foreground?: Foreground | undefined;
  /** Timers and randomness [the host's]. */
  readonly scheduler?: Scheduler | undefined;
  /** Hears each run's result. */
  readonly onResult?: ((result: SyncResult) => void) | undefined;
  /** Hears each failure (the poller keeps going, with backoff). */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** A running poller. */
export interface Poller {
  /** Runs now (joining a run under way) and restarts the interval from its end. */
  syncNow(): Promise<SyncResult>;
  /** Stops timers and listeners; a run under way finishes. */
  stop(): void;
  /** 'running' (timer set or run under way), 'paused' (offline or background) or 'stopped'. */
  readonly state: 'running' | 'paused' | 'stopped';
  /** Consecutive failures (0 after a success). */
  readonly failures: number;
}

export const POLLER_DEFAULTS = Object.freeze({ intervalMs: 60_000, jitter: 0.1, baseMs: 1_000, maxMs: 300_000, maxRetryAfterMs: 3_600_000 });

/** Starts polling `sync` at once (a first run now, when online and in front). */
export function createPoller(sync: Sync, options: PollerOptions = {}): Poller {
  const intervalMs = options.intervalMs ?? POLLER_DEFAULTS.intervalMs;
  const jitter = options.jitter ?? POLLER_DEFAULTS.jitter;
  const baseMs = options.backoff?.baseMs ?? POLLER_DEFAULTS.baseMs;
  const maxMs = options.backoff?.maxMs ?? POLLER_DEFAULTS.maxMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? POLLER_DEFAULTS.maxRetryAfterMs;
  const scheduler = options.scheduler ?? systemScheduler;
  // The app gives its adapters once (to createSdk, or createSync); explicit options still win.
  const connectivity = options.connectivity ?? sync.connectivity;
  const foreground = options.foreground ?? sync.foreground;

  let stopped = false;
  let timer: unknown;
  let failures = 0;
  let lastError: unknown;
  let inFlight: Promise<SyncResult> | undefined;

  const active = () => !stopped && (connectivity?.isOnline() ?? true) && (foreground?.isForeground() ?? true);
  const clear = () => {
    if (timer !== undefined) scheduler.clearTimeout(timer);
    timer = undefined;
  };
  const schedule = (ms: number) => {
    clear();
    if (!active()) return;
    timer = scheduler.setTimeout(() => {
      timer = undefined;
      void tick().catch(() => undefined);
    }, ms);
  };

  const delayAfterFailure = (error: unknown) => {
    const backoff = backoffDelay(failures, baseMs, maxMs, scheduler.random);
    const retryAfter = isNetworkError(error) && error.retryAfterMs !== undefined ? Math.min(error.retryAfterMs, maxRetryAfterMs) : 0;
    // Retry-After is the server's word on when it can take us again: never earlier than that,
    // and no jitter added to it beyond the backoff's own (which may be longer).
    return Math.max(backoff, retryAfter);
  };

  const tick = (): Promise<SyncResult> => {
    clear();
    const run = sync.run();
    inFlight = run;
    run.then(
      (result) => {
        failures = 0;
        if (inFlight === run) inFlight = undefined;
        options.onResult?.(result);
        schedule(jittered(intervalMs, jitter, scheduler.random));
      },
      (error: unknown) => {
        failures++;
        lastError = error;
        if (inFlight === run) inFlight = undefined;
        options.onError?.(error);
        schedule(delayAfterFailure(error));
      },
    );
    return run;
  };

  const resume = () => {
    if (!active()) return clear();
    // Back online or in front: catch up at once, unless a backoff or Retry-After still holds
    // (a reconnect does not make a rate-limited server ready sooner).
    if (inFlight || timer !== undefined) return;
    if (failures === 0) void tick().catch(() => undefined);
    else schedule(delayAfterFailure(lastError));
  };

  const unsubscribes = [
    connectivity?.subscribe(() => resume()),
    foreground?.subscribe(() => resume()),
  ];
  if (active()) void tick().catch(() => undefined);

  return {
    syncNow: () => (inFlight ?? tick()),
    stop() {
      stopped = true;
      clear();
      for (const unsubscribe of unsubscribes) unsubscribe?.();
    },
    get state() {
      if (stopped) return 'stopped';
      return active() ? 'running' : 'paused';
    },
    get failures() {
      return failures;
    },
  };
}
