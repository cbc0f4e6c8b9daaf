/**
 * A processor lease within one JavaScript realm: queues over the same storage object take
 * turns. The cross-process lease (a record in the store with a TTL, Web Locks in browsers) is
 * the platform's, in lease.ts; this one stands in where that is not available.
 */
import type { StorageAdapter } from '../../platform/storage/types.js';
import type { ProcessorLease } from './processor.js';

const held = /* @__PURE__ */ new WeakMap<StorageAdapter, Set<string>>();

/** A lease named `name` over `storage`, exclusive among the queues of this realm. */
export function localLease(storage: StorageAdapter, name: string): ProcessorLease {
  return {
    async tryRun(task) {
      let names = held.get(storage);
      if (!names) held.set(storage, (names = new Set()));
      if (names.has(name)) return { ran: false };
      names.add(name);
      try {
        return { ran: true, value: await task() };
      } finally {
        names.delete(name);
      }
    },
  };
}
