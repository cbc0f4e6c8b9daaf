/**
 * Type tests for the service-layer variants (checked by `tsc --noEmit`, never run): `.safe`,
 * `.raw`, `.pages`, `.all`, `validate`, and the error's `fieldErrors` / `issues`.
 */
import { isNetworkError, type components, type NetworkErrorType, type OperationFieldPath, type paths, type Sdk, type ValidationIssue } from '../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

type Order = components['schemas']['Order'];
declare const sdk: Sdk;
declare const orderId: string;
const address = { name: 'A', line1: 'l', city: 'c', postalCode: 'p', country: 'DE' };

export async function variants(): Promise<void> {
  // Paginated item and page types are inferred from the operation.
  for await (const order of sdk.orders.listOrders.all({ params: { query: { limit: 50 } } }, { maxPages: 3 })) {
    expectType<Equal<typeof order, Order>>();
  }
  for await (const page of sdk.orders.listOrders.pages()) {
    expectType<Equal<typeof page, components['schemas']['OrderPage']>>();
  }
  // @ts-expect-error maxPages is a number
  sdk.orders.listOrders.pages(undefined, { maxPages: 'all' });
  // @ts-expect-error query params keep their types in the pager
  sdk.orders.listOrders.all({ params: { query: { limit: '50' } } });
  // @ts-expect-error getMe answers a single object: there is nothing to page through
  sdk.users.getMe.all();
  // @ts-expect-error an Order has an items array, but getOrder is not a paginated operation
  sdk.orders.getOrder.pages({ params: { path: { orderId } } });

  // .safe narrows on `error`.
  const result = await sdk.orders.getOrder.safe({ params: { path: { orderId } } });
  if (result.error) {
    expectType<Equal<typeof result.data, undefined>>();
    expectType<Equal<typeof result.error.type, NetworkErrorType>>();
  } else {
    expectType<Equal<typeof result.data, Order>>();
    expectType<Equal<typeof result.response, Response>>();
  }
  // fieldErrors keys are inferred from the operation: body paths, parameter names, '' (form).
  const created = await sdk.orders.createOrder.safe({ body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address } });
  if (created.error?.fieldErrors) {
    const fe = created.error.fieldErrors;
    const quantity: ReadonlyArray<string> | undefined = fe['items[0].quantity'];
    const postal: ReadonlyArray<string> | undefined = fe['shippingAddress.postalCode'];
    const form: ReadonlyArray<string> | undefined = fe[''];
    const key: ReadonlyArray<string> | undefined = fe['Idempotency-Key'];
    void [quantity, postal, form, key];
    // @ts-expect-error not a field of CreateOrderRequest
    void fe['shippingAddress.zip'];
    // @ts-expect-error array items are addressed with [index]
    void fe['items.quantity'];
    type Keys = OperationFieldPath<paths['/orders']['post']>;
    expectType<Equal<'note' extends Keys ? true : false, true>>();
    expectType<Equal<`items[${number}].sku` extends Keys ? true : false, true>>();
  }
  const listed = await sdk.orders.listOrders.safe({ params: { query: { limit: 500 } } });
  // @ts-expect-error listOrders has no body: `items[0].sku` is not one of its fields
  void listed.error?.fieldErrors?.['items[0].sku'];
  void listed.error?.fieldErrors?.limit;

  // @ts-expect-error safe takes the same arguments as the call: path params are required
  await sdk.orders.getOrder.safe();

  const raw = await sdk.orders.getOrder.raw({ params: { path: { orderId } } }, { validate: 'off' });
  expectType<Equal<typeof raw.data, Order>>();
  // @ts-expect-error validate is 'strict' | 'warn' | 'off'
  await sdk.users.getMe(undefined, { validate: true });

  // fieldErrors keys are field paths (strings) → messages; issues carry typed paths.
  try {
    await sdk.users.getMe();
  } catch (error) {
    if (isNetworkError(error) && error.type === 'VALIDATION') {
      const quantity: ReadonlyArray<string> | undefined = error.fieldErrors?.['items[0].quantity'];
      void quantity;
      expectType<Equal<typeof error.issues, ReadonlyArray<ValidationIssue> | undefined>>();
      expectType<Equal<typeof error.source, 'client' | 'server' | undefined>>();
    }
  }
}
