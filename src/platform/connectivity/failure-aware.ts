/**
 * Failure-driven connectivity over another adapter. NetInfo's and the browser's "online" only
 * mean an interface is up: a captive portal, a dead Wi-Fi uplink or a blocked API keeps them
 * true while every send fails. Here `threshold` consecutive CONNECTION failures (reported by
 * the SDK through `reportFailure`) mark the SDK offline although `base` says online. It stays
 * offline until a probe succeeds (retried with doubling delays while offline), `base` reports
 * a change, or any call succeeds (`reportSuccess`). Without a probe it goes half-open after
 * each delay instead: it says online again so the next real send is the probe, and one more
 * failure marks it offline with the next, longer delay (a circuit breaker's half-open state).
 */
import type { Clock } from '../clock.js';
import type { Connectivity } from './types.js';
import { sleepOf } from './timer.js';
import { settableValue } from './watched-value.js';

/** Options of failureAwareConnectivity; every delay is in ms. */
export interface FailureAwareOptions {
  /** Consecutive connection failures that mark the SDK offline [3]. */
  readonly threshold?: number | undefined;
  /** A cheap reachability check (httpProbe, or an operation): true = reachable; a rejection counts as false. */
  readonly probe?: (() => Promise<boolean>) | undefined;
  /** First wait before probing (or going half-open) after being marked offline [2000]. */
  readonly probeIntervalMs?: number | undefined;
  /** Cap of the doubling wait [60000]. */
  readonly maxProbeIntervalMs?: number | undefined;
  /** Whose `sleep` times the waits (tests drive it by hand) [an unref'd setTimeout]. */
  readonly clock?: Pick<Clock, 'sleep'> | undefined;
}

/** Connectivity that also learns from the SDK's own sends. */
export interface FailureAwareConnectivity extends Connectivity {
  /** A send failed with a CONNECTION error (not a timeout of a slow server, not an HTTP status). */
  reportFailure(): void;
  /** A send reached the server (any HTTP status): the network works. */
  reportSuccess(): void;
  /** True while marked offline by failures although the base says online. */
  isSuspended(): boolean;
  /** Stops probing and stops listening to the base. */
  close(): void;
}

export const FAILURE_AWARE_DEFAULTS = Object.freeze({ threshold: 3, probeIntervalMs: 2_000, maxProbeIntervalMs: 60_000 });

/** Wraps `base` so repeated connection failures mark the SDK offline until a probe or an online event clears it. */
export function failureAwareConnectivity(base: Connectivity, options: FailureAwareOptions = {}): FailureAwareConnectivity {
  const threshold = Math.max(1, options.threshold ?? FAILURE_AWARE_DEFAULTS.threshold);
  const firstDelay = Math.max(0, options.probeIntervalMs ?? FAILURE_AWARE_DEFAULTS.probeIntervalMs);
  const maxDelay = Math.max(firstDelay, options.maxProbeIntervalMs ?? FAILURE_AWARE_DEFAULTS.maxProbeIntervalMs);
  const sleep = sleepOf(options.clock);
  const probe = options.probe;

  let failures = 0;
  let suspended = false;
  // Half-open: the wait is over with no probe to ask, so the next real send decides.
  let halfOpen = false;
  let step = 0;
  let closed = false;
  let waiting: AbortController | undefined;

  const online = () => base.isOnline() && !suspended;
  const value = settableValue(online());
  const publish = () => value.set(online());

  const stopWaiting = () => {
    waiting?.abort();
    waiting = undefined;
  };
  const reset = () => {
    stopWaiting();
    failures = 0;
    step = 0;
    suspended = false;
    halfOpen = false;
    publish();
  };
  const delay = () => Math.min(maxDelay, firstDelay * 2 ** step);

  const wait = async () => {
    const controller = new AbortController();
    waiting = controller;
    await sleep(delay(), controller.signal);
    if (controller.signal.aborted || closed) return;
    if (!probe) {
      waiting = undefined;
      suspended = false;
      halfOpen = true;
      publish();
      return;
    }
    const reachable = await probe().catch(() => false);
    // A reset, base event or close during the probe owns the state now.
    if (controller.signal.aborted || closed) return;
    if (reachable) return reset();
    step++;
    void wait();
  };

  const suspend = () => {
    stopWaiting();
    failures = 0;
    suspended = true;
    halfOpen = false;
    publish();
    void wait();
  };

  // Any news from the base outranks what failures taught: online means try again, offline says it all.
  const unsubscribeBase = base.subscribe(() => {
    if (!closed) reset();
  });

  return {
    isOnline: online,
    subscribe: value.subscribe,
    isConnectionExpensive: () => base.isConnectionExpensive?.(),
    isSuspended: () => suspended,
    reportFailure() {
      // Failures while the base already says offline (or while suspended) teach nothing new.
      if (closed || suspended || !base.isOnline()) return;
      if (halfOpen) {
        step++;
        return suspend();
      }
      if (++failures >= threshold) suspend();
    },
    reportSuccess() {
      if (closed) return;
      if (suspended || halfOpen) reset();
      else failures = 0;
    },
    close() {
      if (closed) return;
      closed = true;
      stopWaiting();
      unsubscribeBase();
    },
  };
}
