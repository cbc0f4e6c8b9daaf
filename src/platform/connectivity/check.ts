/**
 * Checks of the adapter shapes an app passes in options (the SDK's, the queue's, a stream's), so
 * a wrong value fails where it is given, with a TypeError naming the option, not later inside a
 * listener.
 */
import type { Connectivity, Foreground } from './types.js';

/** Checks a Connectivity shape (`isOnline`, `subscribe`); undefined passes. */
export function checkConnectivity(value: unknown, name: string): Connectivity | undefined {
  if (value === undefined) return undefined;
  const c = value as Partial<Connectivity> | null;
  if (typeof c !== 'object' || c === null || typeof c.isOnline !== 'function' || typeof c.subscribe !== 'function') {
    throw new TypeError(`Tether: ${name} must be a connectivity adapter with isOnline() and subscribe(listener)`);
  }
  return value as Connectivity;
}

/** Checks a Foreground shape (`isForeground`, `subscribe`); undefined passes. */
export function checkForeground(value: unknown, name: string): Foreground | undefined {
  if (value === undefined) return undefined;
  const f = value as Partial<Foreground> | null;
  if (typeof f !== 'object' || f === null || typeof f.isForeground !== 'function' || typeof f.subscribe !== 'function') {
    throw new TypeError(`Tether: ${name} must be a foreground adapter with isForeground() and subscribe(listener)`);
  }
  return value as Foreground;
}
