/**
 * Connectivity and foreground switched by hand: for tests, for servers and scripts (where
 * "online" is a deployment fact), and for apps that learn connectivity some other way.
 */
import type { Connectivity, Foreground } from './types.js';
import { settableValue } from './watched-value.js';

/** Connectivity the caller switches with `set(online)`; listeners hear each change once. */
export function manualConnectivity(initial = true): Connectivity & { set(online: boolean): void } {
  const value = settableValue(initial);
  return { isOnline: value.get, subscribe: value.subscribe, set: value.set };
}

/** A Foreground the caller switches with `set(foreground)`; listeners hear each change once. */
export function manualForeground(initial = true): Foreground & { set(foreground: boolean): void } {
  const value = settableValue(initial);
  return { isForeground: value.get, subscribe: value.subscribe, set: value.set };
}
