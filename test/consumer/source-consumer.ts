/**
 * A strict consumer of the in-repo SDK (generated/v1 importing src/ relatively), type-checked by
 * source-matrix.test.ts under every consumer config. Never run; it only has to compile.
 */
import { createQueries, createSdk, isNetworkError, memoryTokenStore, type components, type Sdk, type SdkOptions } from '../../generated/v1/index.js';

type Order = components['schemas']['Order'];

/** Creates an order and reads it back, mapping a missing order to undefined. */
export async function roundTrip(baseUrl: string): Promise<Order | undefined> {
  const options: SdkOptions = { baseUrl, auth: { tokenStore: memoryTokenStore() } };
  const sdk = createSdk(options);
  const created = await sdk.orders.createOrder({
    body: { items: [{ sku: 'CAP-RED', quantity: 1 }], shippingAddress: { name: 'A', line1: 'l', city: 'c', postalCode: '1', country: 'DE' } },
  });
  try {
    return await sdk.orders.getOrder({ params: { path: { orderId: created.id } } });
  } catch (error) {
    if (isNetworkError(error) && error.type === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/**
 * The TanStack Query helpers in a program with no @tanstack package: an app that does not use
 * TanStack still compiles against ./v1 (query.ts names no TanStack type), and one that does can.
 */
export function orderQuery(sdk: Sdk, orderId: string): { key: readonly unknown[]; run: (signal: AbortSignal) => Promise<Order> } {
  const options = createQueries(sdk).orders.getOrder.queryOptions({ params: { path: { orderId } } });
  return { key: options.queryKey, run: (signal) => options.queryFn({ signal }) };
}
