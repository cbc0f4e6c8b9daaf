/**
 * 400/422 bodies in every common server dialect map to the same `fieldErrors` and `issues`.
 * The bodies are served by test/server (a `status` fault), so they arrive as real responses.
 */
import * as assert from 'uvu/assert';
import type { ValidationErrorMapper } from '../../generated/v1/index.js';
import { rejection } from '../helpers/rejection.js';
import { signedInSdk } from '../e2e/helpers.js';
import { serverSuite } from '../helpers/server-suite.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const order = { items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address };

const expected = { 'items[0].quantity': ['must be at least 1'], 'shippingAddress.postalCode': ['is required'] };

const shapes: ReadonlyArray<readonly [string, unknown]> = [
  ['RFC 9457 errors[].pointer', {
    type: 'https://example.com/problems/validation', title: 'Invalid', status: 422,
    errors: [
      { pointer: '/items/0/quantity', detail: 'must be at least 1', code: 'too_small' },
      { pointer: '/shippingAddress/postalCode', detail: 'is required' },
    ],
  }],
  ['RFC 9457 invalid-params', {
    title: 'Your request parameters didn\'t validate.',
    'invalid-params': [
      { name: 'items[0].quantity', reason: 'must be at least 1' },
      { name: 'shippingAddress.postalCode', reason: 'is required' },
    ],
  }],
  ['Zalando violations', {
    title: 'Constraint Violation',
    violations: [
      { field: 'items[0].quantity', message: 'must be at least 1' },
      { field: 'shippingAddress.postalCode', message: 'is required' },
    ],
  }],
  ['FastAPI / Pydantic detail[]', {
    detail: [
      { loc: ['body', 'items', 0, 'quantity'], msg: 'must be at least 1', type: 'greater_than_equal' },
      { loc: ['body', 'shippingAddress', 'postalCode'], msg: 'is required', type: 'missing' },
    ],
  }],
  ['Rails errors{}', { errors: { 'items[0].quantity': ['must be at least 1'], 'shippingAddress.postalCode': ['is required'] } }],
  ['Laravel message + errors{}', {
    message: 'The given data was invalid.',
    errors: { 'items.0.quantity': ['must be at least 1'], 'shippingAddress.postalCode': ['is required'] },
  }],
  ['JSON:API errors[].source.pointer', {
    errors: [
      { status: '422', source: { pointer: '/items/0/quantity' }, detail: 'must be at least 1' },
      { status: '422', source: { pointer: '/shippingAddress/postalCode' }, detail: 'is required' },
    ],
  }],
];

const test = serverSuite('422 mapping: every server shape → the same fieldErrors');

for (const status of [422, 400]) {
  for (const [name, body] of shapes) {
    test(`${status} ${name}`, async ({ server }) => {
      const { sdk } = await signedInSdk(server);
      server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status, body } });
      const error = await rejection(sdk.orders.createOrder({ body: order }));
      assert.is(error.type, 'VALIDATION');
      assert.is(error.status, status);
      assert.is(error.source, 'server');
      assert.equal(error.fieldErrors, expected);
      assert.equal(error.issues?.map((i) => i.path), [['items', 0, 'quantity'], ['shippingAddress', 'postalCode']]);
      assert.equal(error.data, body, 'the body is kept as it came');
    });
  }
}

test('a plain { message } 422 is one form-level error under the key ""', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 422, body: { message: 'Orders are closed today' } } });
  const error = await rejection(sdk.orders.createOrder({ body: order }));
  assert.equal(error.fieldErrors, { '': ['Orders are closed today'] });
});

test('an unknown 422 body keeps data and gives a form-level error', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const body = { oops: [1, 2, 3] };
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 422, body } });
  const error = await rejection(sdk.orders.createOrder({ body: order }));
  assert.equal(error.fieldErrors, { '': ['Invalid request'] });
  assert.equal(error.data, body);
});

test('a 400 naming no field stays CLIENT', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 400, body: { message: 'Bad request' } } });
  const error = await rejection(sdk.orders.createOrder({ body: order }));
  assert.is(error.type, 'CLIENT');
  assert.is(error.fieldErrors, undefined);
});

test('the reference server\'s own 422 maps to field paths', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const bad = { ...order, items: [{ sku: 'NOPE', quantity: 1 }] };
  const error = await rejection(sdk.orders.createOrder({ body: bad }));
  assert.is(error.status, 422);
  assert.equal(Object.keys(error.fieldErrors ?? {}), ['items[0].sku']);
});

test('validationErrorMapper: the app\'s mapper is asked first, the built-in one after', async ({ server }) => {
  const mapper: ValidationErrorMapper = (data) => {
    const problems = (data as { problems?: Array<{ at: string; text: string }> }).problems;
    return problems?.map((p) => ({ path: p.at.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s)), message: p.text }));
  };
  const { sdk } = await signedInSdk(server, 'alice@example.com', { validationErrorMapper: mapper });
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 422, body: { problems: [{ at: 'items.0.quantity', text: 'must be at least 1' }] } } });
  assert.equal((await rejection(sdk.orders.createOrder({ body: order }))).fieldErrors, { 'items[0].quantity': ['must be at least 1'] });
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 422, body: shapes[0]![1] } });
  assert.equal((await rejection(sdk.orders.createOrder({ body: order }))).fieldErrors, expected);
});

test.run();
