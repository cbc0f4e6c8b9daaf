/**
 * Type tests of the TanStack Query helpers (checked by `tsc --noEmit`, never run), against the
 * real @tanstack/query-core types: `data` is inferred as the operation's body, a wrong init does
 * not compile, and the helpers' plain objects are accepted by QueryClient, QueryObserver,
 * InfiniteQueryObserver and MutationObserver structurally. Every `@ts-expect-error` line is a
 * use that must not compile.
 */
import {
  InfiniteQueryObserver,
  MutationObserver,
  QueryClient,
  QueryObserver,
  type InfiniteData,
  type MutationObserverOptions,
  type QueryObserverOptions,
} from '@tanstack/query-core';
import { bridgeTetherCache, createQueries, createSdk, registerTetherMutations, type Sdk } from '../../generated/v1/index.js';
import type { QueuedResult } from '../../src/repository/offline/types.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

type Order = Awaited<ReturnType<Sdk['orders']['getOrder']>>;
type OrderPage = Awaited<ReturnType<Sdk['orders']['listOrders']>>;
type Created = Awaited<ReturnType<Sdk['orders']['createOrder']>>;

declare const client: QueryClient;
const sdk = createSdk({ baseUrl: 'https://api.example.com' });
const q = createQueries(sdk);
const byId = { params: { path: { orderId: 'o-1' } } };

export async function dataIsInferred(): Promise<void> {
  const order = await client.fetchQuery(q.orders.getOrder.queryOptions(byId));
  expectType<Equal<typeof order, Order>>();
  expectType<Equal<typeof order.id, string>>();

  const me = await client.fetchQuery(q.users.getMe.queryOptions());
  expectType<Equal<typeof me, Awaited<ReturnType<Sdk['users']['getMe']>>>>();

  const observer = new QueryObserver(client, q.orders.getOrder.queryOptions(byId));
  const result = observer.getCurrentResult();
  expectType<Equal<typeof result.data, Order | undefined>>();

  const pages = await client.fetchInfiniteQuery(q.orders.listOrders.infiniteQueryOptions({ params: { query: { limit: 5 } } }));
  expectType<Equal<typeof pages, InfiniteData<OrderPage, Readonly<Record<string, unknown>>>>>();
  const infinite = new InfiniteQueryObserver(client, q.orders.listOrders.infiniteQueryOptions());
  expectType<Equal<NonNullable<typeof infinite.getCurrentResult>, typeof infinite.getCurrentResult>>();

  // Assignable to query-core's own option types (what useQuery/useMutation take).
  const asOptions: QueryObserverOptions<Order, Error, Order, Order, readonly unknown[]> = q.orders.getOrder.queryOptions(byId);
  void asOptions;

  const mutation = new MutationObserver(client, q.orders.createOrder.mutationOptions());
  const created = await mutation.mutate({ body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: { name: 'A', line1: '1', city: 'B', postalCode: '1', country: 'DE' } } });
  expectType<Equal<typeof created, Created>>();
  const asMutation: MutationObserverOptions<Created, Error, Parameters<typeof mutation.mutate>[0]> = q.orders.createOrder.mutationOptions();
  void asMutation;
  // Operations whose init is optional take no variables.
  await new MutationObserver(client, q.auth.logout.mutationOptions()).mutate();

  // Keys are `[prefix, '<tag>.<operationId>', init]`.
  const key = q.orders.getOrder.queryKey(byId);
  expectType<Equal<(typeof key)[1], string>>();
  expectType<Equal<typeof q.orders.createOrder.mutationKey, readonly [prefix: string, operation: string]>>();
}

export function offlineQueueModeAddsQueuedResult(): void {
  // Once the call options know `offline` (issue #12) an app writes `mutationOptions({ offline: 'queue' })`.
  const queued = q.orders.createOrder.mutationOptions<{ readonly offline: 'queue' }>();
  expectType<Equal<Awaited<ReturnType<typeof queued.mutationFn>>, Created | QueuedResult>>();
  // The SDK call itself: one generic signature (for editor hover), still typed per options.
  const body = { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: { name: 'A', line1: '1', city: 'B', postalCode: '1', country: 'DE' } };
  const viaQueue = () => sdk.orders.createOrder({ body }, { offline: 'queue' });
  expectType<Equal<Awaited<ReturnType<typeof viaQueue>>, Created | QueuedResult>>();
  const direct = () => sdk.orders.createOrder({ body }, { timeoutMs: 5_000 });
  expectType<Equal<Awaited<ReturnType<typeof direct>>, Created>>();
  expectType<Equal<Awaited<ReturnType<Sdk['orders']['createOrder']>>, Created>>();
  const plain = q.orders.createOrder.mutationOptions();
  expectType<Equal<Awaited<ReturnType<typeof plain.mutationFn>>, Created>>();
}

export async function wrongInitDoesNotCompile(): Promise<void> {
  // @ts-expect-error orderId is required
  q.orders.getOrder.queryOptions({ params: { path: {} } });
  // @ts-expect-error getOrder needs an init
  q.orders.getOrder.queryOptions();
  // @ts-expect-error limit is a number
  q.orders.listOrders.infiniteQueryOptions({ params: { query: { limit: 'five' } } });
  // @ts-expect-error reads have no mutation helpers
  q.orders.getOrder.mutationOptions();
  // @ts-expect-error writes have no query helpers
  q.orders.createOrder.queryOptions();
  // @ts-expect-error getOrder is not paginated
  q.orders.getOrder.infiniteQueryOptions(byId);
  // @ts-expect-error a misspelt call option
  q.orders.getOrder.queryOptions(byId, { timeoutMS: 5 });
  q.orders.getOrder.queryOptions(byId, { timeoutMs: 5, validate: 'warn' });
  // @ts-expect-error TanStack owns the signal
  q.orders.getOrder.queryOptions(byId, { signal: new AbortController().signal });
  const mutation = new MutationObserver(client, q.orders.createOrder.mutationOptions());
  // @ts-expect-error the body is required
  await mutation.mutate({});
}

export function clientsAreAccepted(): void {
  // A real QueryClient satisfies the structural types of the bridge and the defaults.
  registerTetherMutations(client, sdk);
  const stop = bridgeTetherCache(new QueryClient(), createSdk({ baseUrl: 'https://api.example.com', cache: {} }));
  stop();
}
