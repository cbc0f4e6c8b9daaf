/**
 * Type-level checks of OperationMethod, verified by `tsc --noEmit` (uvu does not type-check);
 * the calls live in a function that is never run, so nothing is sent.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createRuntime, type OperationMethod } from '../../src/runtime.js';
import { meta } from './helpers/meta.js';

type GetOrder = {
  parameters: { path: { id: number }; query?: { expand?: string } };
  responses: { 200: { content: { 'application/json': { id: number } } }; 404: { content: { 'application/json': { title: string } } } };
};
type ListOrders = {
  parameters: { query?: { limit?: number } };
  responses: { 200: { content: { 'application/json': Array<{ id: number }> } } };
};
type CreateOrder = {
  parameters: {};
  requestBody: { content: { 'application/json': { sku: string } } };
  responses: { 201: { content: { 'application/json': { id: number } } } };
};
type DeleteOrder = {
  parameters: { path: { id: number } };
  responses: { 204: { content?: never } };
};

const runtime = createRuntime({ baseUrl: 'https://api.example.com' }, { title: 't', version: '1', specHash: 'h' });
const getOrder: OperationMethod<GetOrder> = runtime.operation<GetOrder>(meta());
const listOrders = runtime.operation<ListOrders>(meta({ path: '/orders' }));
const createOrder = runtime.operation<CreateOrder>(meta({ method: 'post', path: '/orders' }));
const deleteOrder = runtime.operation<DeleteOrder>(meta({ method: 'delete' }));

// Never called: only here for tsc.
async function typeChecks(signal: AbortSignal): Promise<void> {
  const order: { id: number } = await getOrder({ params: { path: { id: 1 } } }, { signal, timeoutMs: 5 });
  const list: Array<{ id: number }> = await listOrders();
  await listOrders({ params: { query: { limit: 5 } } });
  const created: { id: number } = await createOrder({ body: { sku: 'a' } }, { idempotencyKey: 'k' });
  const deleted: undefined = await deleteOrder({ params: { path: { id: 1 } } });
  void [order, list, created, deleted];

  // @ts-expect-error path params are required
  await getOrder();
  // @ts-expect-error wrong path param type
  await getOrder({ params: { path: { id: 'x' } } });
  // @ts-expect-error the body is required
  await createOrder({});
  // @ts-expect-error wrong body shape
  await createOrder({ body: { sku: 1 } });
  // @ts-expect-error options not implemented yet are not declared
  await listOrders(undefined, { retry: 3 });
  // @ts-expect-error the data is not `any`
  const wrong: string = await getOrder({ params: { path: { id: 1 } } });
  void wrong;
}

test('operation() returns a callable carrying its meta, without sending anything', () => {
  assert.type(getOrder, 'function');
  assert.is(getOrder.meta.id, 'orders.getOrder');
  assert.is(runtime.api.title, 't');
  assert.ok(Object.isFrozen(runtime));
  assert.type(typeChecks, 'function');
});

test.run();
