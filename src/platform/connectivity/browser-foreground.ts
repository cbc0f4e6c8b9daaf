/**
 * Page visibility as Foreground: a tab coming back into view is when a user expects queued
 * work to go out. The document is looked up at each call, never at import.
 */
import type { Foreground } from './types.js';
import { watchedValue } from './watched-value.js';

/** What browserForeground reads: `document`, or a stand-in for tests. */
export interface VisibilityTarget {
  readonly visibilityState?: string | undefined;
  addEventListener(type: 'visibilitychange', listener: () => void): void;
  removeEventListener(type: 'visibilitychange', listener: () => void): void;
}

/** Foreground from `document.visibilityState` and 'visibilitychange' (default the global document; none: always foreground). */
export function browserForeground(doc?: VisibilityTarget): Foreground {
  const resolve = () => doc ?? (globalThis as { document?: VisibilityTarget }).document;
  // Only 'hidden' is background; 'prerender' and absent values are treated as visible.
  const read = () => resolve()?.visibilityState !== 'hidden';
  const value = watchedValue(read, (changed) => {
    const target = resolve();
    if (!target || typeof target.addEventListener !== 'function') return () => undefined;
    const onChange = () => changed();
    target.addEventListener('visibilitychange', onChange);
    return () => target.removeEventListener('visibilitychange', onChange);
  });
  return { isForeground: value.get, subscribe: value.subscribe };
}
