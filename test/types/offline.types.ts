/**
 * Type tests of the offline queue on the generated v1 SDK: checked by `tsc --noEmit`, never run.
 * A plain call's data stays the success body; `{ offline: 'queue' }` adds QueuedResult; enqueue
 * is typed by the operation's own init; an unknown operation id does not compile.
 */
import {
  createClient, createOrder, withOffline, type components, type DeadLetter, type OfflineEntry, type QueuedResult, type Sdk,
} from '../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

declare const sdk: Sdk;
type Order = components['schemas']['Order'];
const body = { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: { name: 'A', line1: 'l', city: 'c', postalCode: 'p', country: 'DE' } };

export async function perCallQueue(): Promise<void> {
  const plain = await sdk.orders.createOrder({ body });
  expectType<Equal<typeof plain, Order>>();
  const withOptions = await sdk.orders.createOrder({ body }, { timeoutMs: 1000 });
  expectType<Equal<typeof withOptions, Order>>();
  const queued = await sdk.orders.createOrder({ body }, { offline: 'queue' });
  expectType<Equal<typeof queued, Order | QueuedResult>>();
  if ('queued' in queued) expectType<Equal<typeof queued.id, string>>();
  // An operation whose init is optional takes `undefined` in front of the options.
  const deleted = await sdk.orders.deleteOrder({ params: { path: { orderId: 'o' } } }, { offline: 'queue' });
  expectType<Equal<typeof deleted, undefined | QueuedResult>>();
  // @ts-expect-error offline takes 'queue' only
  await sdk.orders.createOrder({ body }, { offline: 'later' });

  const client = createClient(withOffline({ baseUrl: 'https://api.example.com', offline: {} }, createOrder));
  const standalone = await createOrder(client, { body }, { offline: 'queue' });
  expectType<Equal<typeof standalone, Order | QueuedResult>>();
  const standalonePlain = await createOrder(client, { body });
  expectType<Equal<typeof standalonePlain, Order>>();
}

export async function enqueueIsTyped(): Promise<void> {
  const id = await sdk.offline.enqueue('orders.createOrder', { body });
  expectType<Equal<typeof id, string>>();
  await sdk.offline.enqueue('orders.deleteOrder', { params: { path: { orderId: 'o' } } }, { scope: '/orders' });
  // @ts-expect-error no such operation
  await sdk.offline.enqueue('orders.nope', {});
  // @ts-expect-error the body is the operation's own
  await sdk.offline.enqueue('orders.createOrder', { body: { items: 'none' } });
  const pending = await sdk.offline.pending();
  expectType<Equal<typeof pending, ReadonlyArray<OfflineEntry>>>();
  const dead = await sdk.offline.deadLetters();
  expectType<Equal<typeof dead, ReadonlyArray<DeadLetter>>>();
  sdk.offline.on('failed', ({ entry, error }) => {
    expectType<Equal<typeof entry.reason, 'failed' | 'expired'>>();
    void error.fieldErrors;
  });
}
