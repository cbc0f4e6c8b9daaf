/**
 * Type tests of the TanStack Query helpers for the tree-shakable form (`queryHelpersFor`,
 * `mutationHelpersFor` over standalone functions), against the real @tanstack/query-core types
 * (with the tag symbols registered by query-keys.types.ts for the whole program): the same data,
 * keys and init checks as `createQueries(sdk)`. Every `@ts-expect-error` line must not compile.
 */
import { MutationObserver, QueryClient } from '@tanstack/query-core';
import {
  createClient, createOrder, createSdk, getMe, getOrder, listOrders, mutationHelpersFor, queryHelpersFor, registerMutationsFor, streamEvents, updateOrder,
  type Client, type NetworkError, type Sdk,
} from '../../generated/v1/index.js';
import type { QueuedResult } from '../../src/repository/offline/types.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

type Order = Awaited<ReturnType<Sdk['orders']['getOrder']>>;
type OrderPage = Awaited<ReturnType<Sdk['orders']['listOrders']>>;
type Created = Awaited<ReturnType<Sdk['orders']['createOrder']>>;

declare const queryClient: QueryClient;
const client: Client = createClient({ baseUrl: 'https://api.example.com' });
const byId = { params: { path: { orderId: 'o-1' } } };

export async function dataIsInferred(): Promise<void> {
  const order = queryHelpersFor(client, getOrder);
  const fetched = await queryClient.fetchQuery(order.queryOptions(byId, { timeoutMs: 5_000 }));
  expectType<Equal<typeof fetched, Order>>();
  const cached = queryClient.getQueryData(order.queryKey(byId));
  expectType<Equal<typeof cached, Order | undefined>>();
  expectType<Equal<NonNullable<ReturnType<typeof queryClient.getQueryState<unknown, Error, ReturnType<typeof order.queryKey>>>>['error'], NetworkError | null>>();
  const me = await queryClient.fetchQuery(queryHelpersFor(client, getMe).queryOptions());
  expectType<Equal<typeof me, Awaited<ReturnType<Sdk['users']['getMe']>>>>();
  // @ts-expect-error another operation's data under this key
  queryClient.setQueryData(order.queryKey(byId), me);

  const list = queryHelpersFor(client, listOrders);
  const pages = await queryClient.fetchInfiniteQuery(list.infiniteQueryOptions({ params: { query: { limit: 5 } } }));
  expectType<Equal<(typeof pages)['pages'], OrderPage[]>>();
  const cachedPages = queryClient.getQueryData(list.infiniteQueryKey({ params: { query: { limit: 5 } } }));
  expectType<Equal<NonNullable<typeof cachedPages>['pages'], OrderPage[]>>();

  const create = mutationHelpersFor(client, createOrder);
  const body = { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: { name: 'A', line1: '1', city: 'B', postalCode: '1', country: 'DE' } };
  const created = await new MutationObserver(queryClient, create.mutationOptions()).mutate({ body });
  expectType<Equal<typeof created, Created>>();
  const queued = create.mutationOptions<{ readonly offline: 'queue' }>();
  expectType<Equal<Awaited<ReturnType<typeof queued.mutationFn>>, Created | QueuedResult>>();
}

export function wrongUsesDoNotCompile(): void {
  const order = queryHelpersFor(client, getOrder);
  // @ts-expect-error orderId is required
  order.queryOptions({ params: { path: {} } });
  // @ts-expect-error getOrder needs an init
  order.queryKey();
  // @ts-expect-error getOrder is not paginated: no infinite helpers
  order.infiniteQueryOptions(byId);
  // @ts-expect-error TanStack owns the signal
  order.queryOptions(byId, { signal: new AbortController().signal });
  // @ts-expect-error the SDK object is not a client
  queryHelpersFor(createSdk({ baseUrl: 'https://api.example.com' }), getOrder);
  // @ts-expect-error a method of the SDK object is not a standalone function
  queryHelpersFor(client, createSdk({ baseUrl: 'https://api.example.com' }).orders.getOrder);
  // @ts-expect-error an event stream gets no helpers
  queryHelpersFor(client, streamEvents);
  // @ts-expect-error query helpers give no mutationOptions
  order.mutationOptions();
  const create = mutationHelpersFor(client, createOrder);
  // @ts-expect-error the body is required
  void new MutationObserver(queryClient, create.mutationOptions()).mutate({});
  // Mutation defaults: any standalone functions (reads are skipped at run time), with the client they take.
  registerMutationsFor(queryClient, client, [createOrder, updateOrder, getOrder]);
  // @ts-expect-error the SDK object is not a client
  registerMutationsFor(queryClient, createSdk({ baseUrl: 'https://api.example.com' }), [createOrder]);
}
