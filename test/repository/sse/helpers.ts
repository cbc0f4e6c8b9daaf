/** Shared setup for the SSE suites: a signed-in SDK on a test-controlled clock, and order changes made on the server. */
import { manualConnectivity, type Connectivity, type SdkOptions } from '../../../generated/v1/index.js';
import type { TestServer } from '../../server/index.js';

/** The SDK's clock: every sleep is recorded and returns at once, after `during` (the test's "meanwhile"). */
export interface Gate {
  readonly sleeps: number[];
  during: (() => void | Promise<void>) | undefined;
  readonly options: Partial<SdkOptions>;
}

/** A gate whose jitter is fixed (random 0.5), so waits are exact. */
export function gate(): Gate {
  const g: Gate = {
    sleeps: [],
    during: undefined,
    options: {
      clock: {
        random: () => 0.5,
        sleep: async (ms: number) => {
          g.sleeps.push(ms);
          await g.during?.();
        },
      },
    },
  };
  return g;
}

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

/** Creates an order for alice on the server (one `order.created` event); returns its id. */
export function createOrder(server: TestServer): string {
  return server.store.createOrder(server.seed.alice.id, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address } as Parameters<TestServer['store']['createOrder']>[1]).id;
}

/** Updates an order's note (one `order.updated` event). */
export function touchOrder(server: TestServer, id: string): void {
  server.store.updateOrder(id, { note: `touched ${Date.now()}` });
}

/** The /events requests the server received, oldest first. */
export function eventRequests(server: TestServer) {
  return server.requests.filter((r) => r.path === '/events');
}

/** A clock whose sleeps end only when aborted; `sleeps` records each wait asked for. */
export function heldClock(): { sleeps: number[]; options: Partial<SdkOptions> } {
  const sleeps: number[] = [];
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      sleeps.push(ms);
      if (signal?.aborted) return resolve();
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  return { sleeps, options: { clock: { random: () => 0.5, sleep } } };
}

/** Manual connectivity that counts its listeners now (`listeners`) and ever (`subscriptions`). */
export function countedConnectivity(initial: boolean): Connectivity & { set(online: boolean): void; readonly listeners: number; readonly subscriptions: number } {
  const inner = manualConnectivity(initial);
  let listeners = 0;
  let subscriptions = 0;
  return {
    isOnline: inner.isOnline,
    set: inner.set,
    get listeners() {
      return listeners;
    },
    get subscriptions() {
      return subscriptions;
    },
    subscribe(listener) {
      listeners++;
      subscriptions++;
      const unsubscribe = inner.subscribe(listener);
      return () => {
        listeners--;
        unsubscribe();
      };
    },
  };
}
