/**
 * `sdk.offline` of an SDK created without the `offline` option: `enabled` false, holds
 * nothing, and `enqueue` rejects saying how to turn the queue on. Kept apart from the queue so
 * an app without it bundles only this.
 */
import type { OfflineQueue } from './types.js';

const off = (): Promise<never> => Promise.reject(new TypeError('Tether: the offline queue is off; create the SDK with the `offline` option (offline: {} for the defaults)'));

/** The inert queue. */
export function inertOfflineQueue<S>(): OfflineQueue<S> {
  return Object.freeze({
    enabled: false,
    enqueue: off,
    process: () => Promise.resolve(),
    pending: () => Promise.resolve([]),
    deadLetters: () => Promise.resolve([]),
    retry: off,
    discard: () => Promise.resolve(),
    adopt: off,
    owner: off,
    on: () => () => undefined,
    close: () => Promise.resolve(),
  });
}

/** The `{ offline: 'queue' }` call option on a runtime without a queue: a TypeError naming the operation. */
export function refuseQueueOption(id: string, options: unknown): void {
  if ((options as { offline?: unknown } | undefined)?.offline !== undefined) {
    throw new TypeError(`Tether: ${id} was called with { offline: 'queue' } but the SDK has no offline queue (the \`offline\` option; createClient needs withOffline(options))`);
  }
}
