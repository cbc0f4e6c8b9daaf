/**
 * What an event stream listens to between connections: the device coming back online or the
 * app coming back in front. Either makes a reconnect worth trying at once instead of waiting
 * out a backoff that was sized for a server in trouble, not for a phone in a tunnel.
 */
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import { checkConnectivity, checkForeground } from '../../platform/connectivity/check.js';

/** The stream's view of the host: both optional (no adapter: always online, always in front). */
export interface StreamSignals {
  readonly connectivity: Connectivity | undefined;
  readonly foreground: Foreground | undefined;
}

/**
 * A signal that aborts when `parent` does, or when connectivity reports online or foreground
 * reports the app in front (then `woken` is true: told by a flag, not the abort reason, which
 * React Native's AbortController polyfill drops); `dispose()` drops the listeners.
 */
export function wakeOnReturn(parent: AbortSignal, signals: StreamSignals): { readonly signal: AbortSignal; readonly woken: boolean; dispose(): void } {
  const wake = new AbortController();
  let woken = false;
  const onParent = () => wake.abort(parent.reason);
  parent.addEventListener('abort', onParent, { once: true });
  const onReturn = (back: boolean) => {
    if (!back || wake.signal.aborted) return;
    woken = true;
    wake.abort();
  };
  const unsubscribes = [signals.connectivity?.subscribe(onReturn), signals.foreground?.subscribe(onReturn)];
  return {
    signal: wake.signal,
    get woken() {
      return woken;
    },
    dispose() {
      parent.removeEventListener('abort', onParent);
      for (const unsubscribe of unsubscribes) unsubscribe?.();
    },
  };
}

/**
 * Resolves once connectivity says online (at once when it already does, or when there is no
 * adapter) or `signal` aborts. No timer: an offline device costs no wake-ups and no requests.
 */
export function untilOnline(connectivity: Connectivity | undefined, signal: AbortSignal): Promise<void> {
  if (connectivity === undefined || connectivity.isOnline() || signal.aborted) return Promise.resolve();
  return new Promise<void>((resolve) => {
    let finished = false;
    let unsubscribe: (() => void) | undefined;
    const done = () => {
      if (finished) return;
      finished = true;
      unsubscribe?.();
      signal.removeEventListener('abort', done);
      resolve();
    };
    unsubscribe = connectivity.subscribe((online) => {
      if (online) done();
    });
    // A listener called during subscribe() ended it before `unsubscribe` was known.
    if (finished) unsubscribe();
    signal.addEventListener('abort', done, { once: true });
    // It may have come back between the check above and the subscription.
    if (connectivity.isOnline()) done();
  });
}

/** The stream's adapters, checked (a TypeError naming the option unless undefined or the adapter's shape). */
export function checkSignals(connectivity: unknown, foreground: unknown): StreamSignals {
  return { connectivity: checkConnectivity(connectivity, 'options.connectivity'), foreground: checkForeground(foreground, 'options.foreground') };
}
