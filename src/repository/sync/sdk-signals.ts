/**
 * The SDK's own connectivity and foreground adapters, found through one of its generated
 * methods, so a sync built on the SDK (the generated `createSyncFor…` factories) and the
 * poller or socket driving it follow the same adapters the app gave `createSdk`, without the
 * app passing them a second time.
 */
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';

/** What the runtime leaves on each sdk method (runtime.ts); a registry symbol, so copies of the package agree. */
const SDK_CONTEXT = Symbol.for('tether.sdkContext');

/** Where a pull made from an SDK method keeps that SDK's adapters (feed.ts sets it). */
export const PULL_SIGNALS = Symbol.for('tether.sync.signals');

/** Adapters a sync follows; either may be missing. */
export interface SyncSignals {
  readonly connectivity?: Connectivity | undefined;
  readonly foreground?: Foreground | undefined;
}

/** The options given to `createSdk` for the SDK that `method` belongs to; undefined for other functions (createClient's standalone ones carry none). */
export function sdkOptionsOf(method: unknown): object | undefined {
  if (typeof method !== 'function') return undefined;
  const context = (method as unknown as Record<symbol, unknown>)[SDK_CONTEXT];
  if (typeof context !== 'object' || context === null) return undefined;
  const options = (context as { options?: unknown }).options;
  return typeof options === 'object' && options !== null ? options : undefined;
}

/** The `connectivity` and `foreground` of the SDK that `method` belongs to; undefined for other functions. */
export function sdkSignalsOf(method: unknown): SyncSignals | undefined {
  const options = sdkOptionsOf(method);
  if (!options) return undefined;
  const { connectivity, foreground } = options as SyncSignals;
  return { connectivity, foreground };
}

/** The adapters a pull was tagged with (PULL_SIGNALS), if any. */
export function pullSignalsOf(pull: unknown): SyncSignals | undefined {
  if (typeof pull !== 'function') return undefined;
  const signals = (pull as unknown as Record<symbol, unknown>)[PULL_SIGNALS];
  return typeof signals === 'object' && signals !== null ? (signals as SyncSignals) : undefined;
}
