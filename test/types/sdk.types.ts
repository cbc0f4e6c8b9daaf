/**
 * Type tests for the generated v1 SDK: checked by `tsc --noEmit` in `npm test`, never run.
 * Every `@ts-expect-error` line is a call that must not compile; if it ever compiles, tsc fails
 * with "Unused '@ts-expect-error' directive".
 */
import { createSdk, NetworkError, type components, type NetworkErrorType, type Sdk } from '../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

declare const sdk: Sdk;
declare const orderId: string;
const address = { name: 'A', line1: 'l', city: 'c', postalCode: 'p', country: 'DE' };

export async function calls(): Promise<void> {
  // Resolved data is the typed success body.
  const order = await sdk.orders.getOrder({ params: { path: { orderId } } });
  expectType<Equal<typeof order, components['schemas']['Order']>>();
  const page = await sdk.orders.listOrders();
  expectType<Equal<typeof page.items, components['schemas']['Order'][]>>();
  expectType<Equal<typeof page.nextCursor, string | null>>();
  // 204 resolves with undefined.
  const deleted = await sdk.orders.deleteOrder({ params: { path: { orderId } } });
  expectType<Equal<typeof deleted, undefined>>();
  // init is optional when nothing in it is required; the Idempotency-Key is generated.
  await sdk.users.getMe();
  await sdk.orders.createOrder({ body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address } });
  await sdk.orders.createOrder(
    { body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address } },
    { idempotencyKey: 'k', timeoutMs: 5_000, signal: new AbortController().signal },
  );

  // @ts-expect-error path params are required
  await sdk.orders.getOrder();
  // @ts-expect-error the path param is misspelt
  await sdk.orders.getOrder({ params: { path: { orderID: orderId } } });
  // @ts-expect-error the path param has the wrong type
  await sdk.orders.getOrder({ params: { path: { orderId: 42 } } });
  // @ts-expect-error the body is required
  await sdk.orders.createOrder({});
  // @ts-expect-error quantity must be a number
  await sdk.orders.createOrder({ body: { items: [{ sku: 'MUG-LOGO', quantity: '1' }], shippingAddress: address } });
  // @ts-expect-error status must be one of the OrderStatus values
  await sdk.orders.listOrders({ params: { query: { status: 'lost' } } });
  // @ts-expect-error no such operation
  await sdk.orders.getOrders();
  // @ts-expect-error no such per-call option
  await sdk.users.getMe(undefined, { retries: 3 });
  // @ts-expect-error the result is an Order, not a string
  const wrong: string = await sdk.orders.getOrder({ params: { path: { orderId } } });
  void wrong;
}

export function options(): void {
  createSdk({ baseUrl: 'https://api.example.com', timeoutMs: 10_000 });
  // @ts-expect-error baseUrl is required
  createSdk({});
  // @ts-expect-error timeoutMs is a number
  createSdk({ baseUrl: 'https://api.example.com', timeoutMs: '10s' });
}

export async function retryOptions(): Promise<void> {
  createSdk({ baseUrl: 'https://api.example.com', retry: false, retryBudget: { capacity: 100 }, idempotency: 'always' });
  createSdk({ baseUrl: 'https://api.example.com', retry: { maxRetries: 5, shouldRetry: ({ error }) => error.type === 'SERVER' } });
  await sdk.users.getMe(undefined, { retry: { statusCodes: [503] }, deadlineMs: 5000 });
  // @ts-expect-error retry is false or an object, not true
  createSdk({ baseUrl: 'https://api.example.com', retry: true });
  // @ts-expect-error maxRetries is a number
  await sdk.users.getMe(undefined, { retry: { maxRetries: '3' } });
  // @ts-expect-error idempotency is 'auto' or 'always'
  createSdk({ baseUrl: 'https://api.example.com', idempotency: 'never' });
  // @ts-expect-error shouldRetry returns a boolean
  createSdk({ baseUrl: 'https://api.example.com', retry: { shouldRetry: () => 'yes' } });
}

export function errors(error: NetworkError): NetworkErrorType {
  // @ts-expect-error not a NetworkError type
  const bad: NetworkErrorType = 'TEAPOT';
  void bad;
  return error.type;
}
