/**
 * The listener bookkeeping every connectivity and foreground adapter shares: a boolean that
 * notifies only on change, and a host source (window events, NetInfo, AppState) attached when
 * the first listener arrives and detached when the last one leaves, so an adapter nobody
 * listens to holds no host listener. One place for the rules: no duplicate notification, an
 * unsubscribe that works once and is harmless twice, and a throwing listener that neither
 * stops the others nor vanishes (it is rethrown outside the notification, as EventTarget does).
 */

/** A boolean that can be read and watched. */
export interface WatchedValue {
  /** The current value: the host's, read live while nobody listens. */
  get(): boolean;
  /** Calls `listener` on every change (never twice for the same value); returns the unsubscribe function. */
  subscribe(listener: (value: boolean) => void): () => void;
}

/** Tells a watched value that the host's state may have changed; `value` when the host says it, else it is read. */
export type Changed = (value?: boolean) => void;

/** Reports a listener's error without interrupting the loop that called it. */
function rethrowLater(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}

/**
 * A value read from the host by `read`, watched through `attach` (which registers `changed`
 * with the host and returns the function that unregisters it).
 */
export function watchedValue(read: () => boolean, attach: (changed: Changed) => () => void): WatchedValue {
  const listeners = new Set<{ readonly call: (value: boolean) => void }>();
  let last = true;
  let detach: (() => void) | undefined;

  const changed: Changed = (value) => {
    const next = value ?? read();
    if (next === last) return;
    last = next;
    for (const listener of [...listeners]) {
      // A listener removed by an earlier one in this same loop is not called.
      if (!listeners.has(listener)) continue;
      try {
        listener.call(next);
      } catch (error) {
        rethrowLater(error);
      }
    }
  };

  return {
    get: () => (detach ? last : read()),
    subscribe(listener) {
      // One record per subscription: the same function subscribed twice is two subscriptions.
      const entry = { call: listener };
      if (listeners.size === 0) {
        last = read();
        listeners.add(entry);
        detach = attach(changed);
      } else listeners.add(entry);
      return () => {
        if (!listeners.delete(entry) || listeners.size > 0) return;
        const release = detach;
        detach = undefined;
        release?.();
      };
    },
  };
}

/** A watched value the caller sets itself (manual adapters, the failure-aware state). */
export function settableValue(initial: boolean): WatchedValue & { set(value: boolean): void } {
  let current = initial;
  let notify: Changed | undefined;
  const watched = watchedValue(
    () => current,
    (changed) => {
      notify = changed;
      return () => (notify = undefined);
    },
  );
  return {
    ...watched,
    set(value) {
      current = value;
      notify?.(value);
    },
  };
}
