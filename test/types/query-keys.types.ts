/**
 * Type tests of the helpers' typed keys (checked by `tsc --noEmit`, never run), against the real
 * @tanstack/query-core types: once the app registers TanStack's tag symbols (below, as
 * docs/tanstack-query.md shows), a key from `queryKey`/`queryOptions` is a TanStack `DataTag`,
 * so `getQueryData`/`setQueryData`/`getQueryState`/`ensureQueryData`/`fetchQuery` infer the
 * operation's data and error. Every `@ts-expect-error` line is a use that must not compile.
 *
 * The registration is a module augmentation, so it holds for the whole repo program; the
 * unregistered fallback (a plain key to TanStack) is checked in a program of its own
 * (test/query/unregistered-keys.test.ts).
 */
import { QueryClient, type InfiniteData, type dataTagErrorSymbol, type dataTagSymbol } from '@tanstack/query-core';
import { createQueries, createSdk, type NetworkError, type Sdk, type TetherKeyData } from '../../generated/v1/index.js';
import type { QueryFnData } from '../../src/repository/query/types.js';

// What an app writes once (through the SDK entry it imports; `@tether/sdk/v1` or `@tether/sdk/runtime`).
declare module '../../generated/v1/index.js' {
  interface TetherQueryRegister {
    dataTagSymbol: typeof dataTagSymbol;
    dataTagErrorSymbol: typeof dataTagErrorSymbol;
  }
}

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Mutual assignability, for structurally equal types of different declarations (an interface vs TanStack's). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const expectType = <T extends true>(): T => true as T;

type Order = Awaited<ReturnType<Sdk['orders']['getOrder']>>;
type Me = Awaited<ReturnType<Sdk['users']['getMe']>>;
type OrderPage = Awaited<ReturnType<Sdk['orders']['listOrders']>>;

declare const client: QueryClient;
const q = createQueries(createSdk({ baseUrl: 'https://api.example.com' }));
const byId = { params: { path: { orderId: 'o-1' } } };

export async function dataFromKeys(): Promise<void> {
  const key = q.orders.getOrder.queryKey(byId);
  expectType<Equal<ReturnType<typeof client.getQueryData<unknown, typeof key>>, Order | undefined>>();
  const cached = client.getQueryData(key);
  expectType<Equal<typeof cached, Order | undefined>>();
  // The key inside queryOptions is the same tagged key.
  const fromOptions = client.getQueryData(q.orders.getOrder.queryOptions(byId).queryKey);
  expectType<Equal<typeof fromOptions, Order | undefined>>();
  // A key made without an init (getMe's is optional).
  const me = client.getQueryData(q.users.getMe.queryKey());
  expectType<Equal<typeof me, Me | undefined>>();
  // The error the query stores is the SDK's NetworkError.
  const state = client.getQueryState(key);
  expectType<Equal<NonNullable<typeof state>['error'], NetworkError | null>>();
  expectType<Equal<TetherKeyData<typeof key>, Order>>();

  const ensured = await client.ensureQueryData(q.orders.getOrder.queryOptions(byId));
  expectType<Equal<typeof ensured, Order>>();
  const fetched = await client.fetchQuery(q.users.getMe.queryOptions());
  expectType<Equal<typeof fetched, Me>>();
  // Filters take the tagged keys as they take any key (exact, or a prefix of them).
  await client.invalidateQueries({ queryKey: key, exact: true });
  await client.cancelQueries({ queryKey: key });
  client.removeQueries({ queryKey: q.orders.listOrders.infiniteQueryKey() });
  client.isFetching({ queryKey: key });
  // The key stays its runtime shape for everything that reads elements.
  expectType<Equal<(typeof key)[1], string>>();
  const asArray: readonly unknown[] = key;
  void asArray;
}

export function setQueryDataChecksTheUpdater(order: Order, me: Me): void {
  const key = q.orders.getOrder.queryKey(byId);
  const set = client.setQueryData(key, order);
  expectType<Equal<typeof set, Order | undefined>>();
  client.setQueryData(key, (previous) => {
    expectType<Equal<typeof previous, Order | undefined>>();
    return previous && { ...previous, note: 'gift' };
  });
  // @ts-expect-error another operation's data under this key
  client.setQueryData(key, me);
  // @ts-expect-error an updater returning the wrong shape
  client.setQueryData(key, (previous) => previous && { ...previous, total: 'free' });
  // @ts-expect-error not an order at all
  client.setQueryData(q.orders.getOrder.queryKey(byId), { id: 1 });
}

export function wrongKeysDoNotCompile(): void {
  const mine = client.getQueryData(q.users.getMe.queryKey());
  // @ts-expect-error the data under getMe's key is not an Order
  const notAnOrder: Order | undefined = mine;
  void notAnOrder;
  // (TanStack's own rule, not ours: an annotated target or an explicit `getQueryData<T>` picks
  // `T` instead of the tag, as with its own queryOptions keys; leave the type to the key.)
  // @ts-expect-error a key needs the operation's init (orderId is required)
  q.orders.getOrder.queryKey({ params: { path: {} } });
  // @ts-expect-error getOrder's key needs an init
  q.orders.getOrder.queryKey();
  // @ts-expect-error limit is a number in the infinite key's init too
  q.orders.listOrders.infiniteQueryKey({ params: { query: { limit: 'five' } } });
  // @ts-expect-error mutations have no query key
  q.orders.createOrder.queryKey();
}

export async function infiniteKeysHoldPages(): Promise<void> {
  const key = q.orders.listOrders.infiniteQueryKey({ params: { query: { limit: 5 } } });
  const pages = client.getQueryData(key);
  expectType<Same<NonNullable<typeof pages>, InfiniteData<OrderPage, Readonly<Record<string, unknown>>>>>();
  expectType<Equal<NonNullable<typeof pages>['pages'], OrderPage[]>>();
  client.setQueryData(key, (previous) => previous && { ...previous, pages: previous.pages.slice(0, 1), pageParams: previous.pageParams.slice(0, 1) });
  // @ts-expect-error an infinite key holds { pages, pageParams }, not one page
  client.setQueryData(key, (previous) => previous?.pages[0]);
  // The plain query of the same list holds one page.
  const page = client.getQueryData(q.orders.listOrders.queryKey({ params: { query: { limit: 5 } } }));
  expectType<Equal<typeof page, OrderPage | undefined>>();
  // fetchInfiniteQuery's result can be written back under the key.
  const options = q.orders.listOrders.infiniteQueryOptions({ params: { query: { limit: 5 } } });
  const fetched = await client.fetchInfiniteQuery(options);
  client.setQueryData(options.queryKey, fetched);
  const ensured = await client.ensureInfiniteQueryData(options);
  expectType<Equal<(typeof ensured)['pages'], OrderPage[]>>();
}

// A query's data has null for "no body" (TanStack refuses undefined data): QueryFnData.
{
  type NoBody = (init?: { params?: object }) => Promise<void>;
  type MaybeBody = (init?: { params?: object }) => Promise<Order | undefined>;
  expectType<Equal<QueryFnData<NoBody>, null>>();
  expectType<Equal<QueryFnData<MaybeBody>, Order | null>>();
  expectType<Equal<QueryFnData<Sdk['orders']['getOrder']>, Order>>();
}
