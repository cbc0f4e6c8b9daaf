/**
 * Type tests for the tree-shakable form of the generated v1 SDK (`createClient` plus one
 * standalone function per operation): checked by `tsc --noEmit` in `npm test`, never run. Each
 * standalone function must take exactly the `init` and resolve with exactly the data of its
 * `sdk.<tag>.<op>` twin; every `@ts-expect-error` line is a call that must not compile.
 */
import {
  createClient,
  createOrder,
  deleteOrder,
  getOrder,
  getUser,
  listOrders,
  type Client,
  type NetworkError,
  type Sdk,
} from '../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

/** A function's parameters after the client. */
type InitOf<F> = F extends (client: Client, ...args: infer A) => unknown ? A : never;

declare const sdk: Sdk;
declare const orderId: string;

export async function sameTypesAsTheSdk(): Promise<void> {
  const client: Client = createClient({ baseUrl: 'https://api.example.com' });
  // Same init (and per-call options) tuple, same data.
  expectType<Equal<InitOf<typeof getOrder>, Parameters<Sdk['orders']['getOrder']>>>();
  expectType<Equal<InitOf<typeof createOrder>, Parameters<Sdk['orders']['createOrder']>>>();
  expectType<Equal<InitOf<typeof listOrders>, Parameters<Sdk['orders']['listOrders']>>>();
  expectType<Equal<ReturnType<typeof getOrder>, ReturnType<Sdk['orders']['getOrder']>>>();
  expectType<Equal<ReturnType<typeof deleteOrder>, ReturnType<Sdk['orders']['deleteOrder']>>>();
  expectType<Equal<ReturnType<typeof getUser.safe>, ReturnType<Sdk['users']['getUser']['safe']>>>();
  expectType<Equal<ReturnType<typeof getUser.raw>, ReturnType<Sdk['users']['getUser']['raw']>>>();
  expectType<Equal<ReturnType<typeof listOrders.pages>, ReturnType<Sdk['orders']['listOrders']['pages']>>>();
  expectType<Equal<ReturnType<typeof listOrders.all>, ReturnType<Sdk['orders']['listOrders']['all']>>>();

  const order = await getOrder(client, { params: { path: { orderId } } });
  expectType<Equal<typeof order, Awaited<ReturnType<typeof sdk.orders.getOrder>>>>();
  const result = await getOrder.safe(client, { params: { path: { orderId } } });
  if (result.error) {
    expectType<Equal<typeof result.error.type, NetworkError['type']>>();
  } else {
    expectType<Equal<typeof result.data, typeof order>>();
  }
  for await (const item of listOrders.all(client, {}, { maxPages: 2 })) expectType<Equal<typeof item, Awaited<ReturnType<typeof sdk.orders.listOrders>>['items'][number]>>();
  await listOrders(client);

  // @ts-expect-error the client comes first
  await getOrder({ params: { path: { orderId } } });
  // @ts-expect-error path params are required
  await getOrder(client);
  // @ts-expect-error the path param has the wrong type
  await getOrder(client, { params: { path: { orderId: 42 } } });
  // @ts-expect-error the body is required
  await createOrder(client, {});
  // @ts-expect-error an Sdk is not a client
  await getOrder(sdk, { params: { path: { orderId } } });
  // @ts-expect-error no such per-call option
  await getOrder(client, { params: { path: { orderId } } }, { retries: 2 });
  // @ts-expect-error pagers exist only on paginated operations
  getOrder.pages(client, { params: { path: { orderId } } });
  // @ts-expect-error pagers exist only on paginated operations
  void getUser.all;
}
