/** Shared pieces of the sync suites: a signed-in Shop SDK, its feed, a local store, a hand-moved scheduler. */
import { createSdk, memoryTokenStore, type StorageAdapter } from '../../../generated/v1/index.js';
import { operationFeed, type Scheduler, type SyncBatch } from '../../../src/repository/sync/index.js';
import type { TestServer, Order } from '../../server/index.js';

/** The Shop SDK signed in as `user`, with retries off (the sync's own policies are under test). */
export function shopSdk(server: TestServer, user = 'alice@example.com') {
  return createSdk({ baseUrl: server.url, auth: { tokenStore: memoryTokenStore(server.tokens.issue(user)) }, logLevel: 'off', retry: { maxRetries: 0 } });
}

/** GET /sync as a pull, `limit` orders per page. */
export function shopFeed(sdk: ReturnType<typeof shopSdk>, limit?: number) {
  return operationFeed<Order>(sdk.sync.getSync, { cursorParam: 'since', nextCursor: 'nextCursor', hasMore: 'hasMore', upserts: 'upserts', deletes: 'deletes' }, limit === undefined ? {} : { limit });
}

/** An app's local table of orders, filled by `apply`. */
export function localTable() {
  const rows = new Map<string, Order>();
  const batches: Array<SyncBatch<Order>> = [];
  return {
    rows,
    batches,
    apply(batch: SyncBatch<Order>) {
      batches.push(batch);
      if (batch.reset) rows.clear();
      for (const order of batch.upserts) rows.set(order.id, order);
      for (const id of batch.deletes) rows.delete(id);
    },
    /** id → version, sorted: what a comparison with the server needs. */
    snapshot: () => Object.fromEntries([...rows.values()].map((o) => [o.id, o.version] as const).sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The server's view of `owner`'s orders in the form of `localTable().snapshot()`. */
export function serverSnapshot(server: TestServer, owner = 'alice@example.com') {
  return Object.fromEntries(server.store.ordersOf(owner).map((o) => [o.id, o.version] as const).sort(([a], [b]) => a.localeCompare(b)));
}

/** A storage whose next cursor write fails once, as a crash right after `apply` would. */
export function crashingStorage(inner: StorageAdapter) {
  let crashNext = false;
  let only: string | undefined;
  return {
    /** The next write (of `key` only, when given: other keys are written as usual) throws. */
    crashOnNextWrite: (key?: string) => {
      crashNext = true;
      only = key;
    },
    storage: {
      ...inner,
      getItem: (k: string) => inner.getItem(k),
      removeItem: (k: string) => inner.removeItem(k),
      getAllKeys: () => inner.getAllKeys(),
      async setItem(key: string, value: string) {
        if (crashNext && (only === undefined || key === only)) {
          crashNext = false;
          throw new Error('simulated crash before the cursor was written');
        }
        await inner.setItem(key, value);
      },
    } satisfies StorageAdapter,
  };
}

/** A scheduler only the test moves: `advance(ms)` fires what falls due, in order. */
export function manualScheduler(random = () => 0.5) {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const scheduler: Scheduler = {
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
    random,
  };
  return {
    scheduler,
    get now() {
      return now;
    },
    /** Due times of pending timers, relative to now. */
    pending: () => [...timers.values()].map((t) => t.at - now).sort((a, b) => a - b),
    /** Moves time forward, firing due timers one by one, letting each one's promises settle. */
    async advance(ms: number, settle: () => Promise<void>) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
        await settle();
      }
      now = end;
    },
  };
}

/** A connectivity / foreground switch for tests. */
export function switchable(initial = true) {
  let value = initial;
  const listeners = new Set<(v: boolean) => void>();
  return {
    get: () => value,
    set(next: boolean) {
      if (next === value) return;
      value = next;
      for (const l of listeners) l(next);
    },
    subscribe(listener: (v: boolean) => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Waits until `check()` is true (bounded), for events that arrive over a real socket. */
export async function until(check: () => boolean, what: string, limitMs = 10_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
