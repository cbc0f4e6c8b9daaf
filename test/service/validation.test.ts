/**
 * Runtime validation against the generated schemas: wrong input never leaves the device in
 * 'strict' mode; wrong responses (test/server's `wrong-type` fault) are caught, logged or
 * ignored per mode.
 */
import * as assert from 'uvu/assert';
import type { LogFields, Logger } from '../../generated/v1/index.js';
import { rejection } from '../helpers/rejection.js';
import { signedInSdk } from '../e2e/helpers.js';
import { serverSuite } from '../helpers/server-suite.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const order = { items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address };

function recordingLogger(): Logger & { warnings: Array<[string, LogFields | undefined]> } {
  const warnings: Array<[string, LogFields | undefined]> = [];
  const none = () => {};
  return { warnings, debug: none, info: none, error: none, warn: (message, fields) => void warnings.push([message, fields]) };
}

const test = serverSuite('runtime validation against the spec');

test('strict (default): a wrong body is refused before any request; same error shape as a 422', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const before = server.requests.length;
  const bad = { ...order, items: [{ sku: 'MUG-LOGO', quantity: 0 }], shippingAddress: { ...address, postalCode: 42 } };
  // @ts-expect-error postalCode is a string in the spec; the runtime check is what is tested
  const error = await rejection(sdk.orders.createOrder({ body: bad }));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.status, undefined);
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.equal(Object.keys(error.fieldErrors ?? {}).sort(), ['items[0].quantity', 'shippingAddress.postalCode']);
  assert.ok(error.issues?.some((i) => i.code === 'min_value'), JSON.stringify(error.issues));
  assert.match(error.message, 'orders.createOrder');
  assert.is(server.requests.length, before, 'no request reached the server');
  assert.is(server.ledger.count('order.created'), 0);
});

test('error messages name paths, never the rejected values', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const error = await rejection(sdk.auth.login({ body: { email: 'secret-not-an-email', password: 'hunter2-secret' } }));
  assert.is(error.type, 'VALIDATION');
  assert.ok(error.fieldErrors?.['email'], JSON.stringify(error.fieldErrors));
  assert.match(error.message, 'at email');
  assert.not.match(error.message, 'secret');
});

test('strict: wrong query parameters are named as the server names them', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const before = server.requests.length;
  const error = await rejection(sdk.orders.listOrders({ params: { query: { limit: 500 } } }));
  assert.is(error.type, 'VALIDATION');
  assert.equal(Object.keys(error.fieldErrors ?? {}), ['limit']);
  assert.is(server.requests.length, before);
});

test('strict: the generated Idempotency-Key satisfies the spec\'s required header', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const created = await sdk.orders.createOrder({ body: order });
  assert.is(created.items.length, 1);
  assert.is(server.ledger.count('order.created'), 1);
});

test('warn: a wrong body is logged and sent; the server\'s 422 answers', async ({ server }) => {
  const logger = recordingLogger();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { validate: 'warn', logger, logLevel: 'warn' });
  const bad = { ...order, items: [{ sku: 'MUG-LOGO', quantity: 0 }] };
  const error = await rejection(sdk.orders.createOrder({ body: bad }));
  assert.is(error.status, 422);
  assert.is(error.source, 'server');
  assert.ok(logger.warnings.some(([m]) => m.includes('does not match the spec')));
});

test('strict: a wrong-typed response rejects with UNKNOWN naming the operation and the path', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const id = server.store.ordersOf('alice@example.com')[0]!.id;
  server.faults.add({ method: 'GET', path: '/orders/{orderId}', fault: { type: 'wrong-type' } });
  const error = await rejection(sdk.orders.getOrder({ params: { path: { orderId: id } } }));
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.status, 200);
  assert.match(error.message, 'orders.getOrder');
  assert.match(error.message, 'total');
  assert.ok(error.issues && error.issues.length > 0);
  assert.ok(error.data, 'the body is kept for debugging');
  assert.ok(error.requestId);
});

test('warn passes the data through and logs; off stays silent', async ({ server }) => {
  const logger = recordingLogger();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { validate: 'warn', logger, logLevel: 'warn' });
  const id = server.store.ordersOf('alice@example.com')[0]!.id;
  server.faults.add({ method: 'GET', path: '/orders/{orderId}', times: 2, fault: { type: 'wrong-type' } });
  const warned = await sdk.orders.getOrder({ params: { path: { orderId: id } } });
  assert.is(warned.id, id);
  assert.ok(logger.warnings.some(([m]) => m.includes('orders.getOrder') && m.includes('does not match the spec')));
  const count = logger.warnings.length;
  const silent = await sdk.orders.getOrder({ params: { path: { orderId: id } } }, { validate: 'off' });
  assert.is(silent.id, id);
  assert.is(logger.warnings.length, count);
});

test('sparse fieldsets (`fields`) are not validated as full orders', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const page = await sdk.orders.listOrders({ params: { query: { fields: ['status'], limit: 3 } } });
  assert.is(page.items.length, 3);
  assert.equal(Object.keys(page.items[0]!).sort(), ['id', 'status']);
});

test('a bad validate option is a TypeError', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  // @ts-expect-error not a mode
  await sdk.users.getMe(undefined, { validate: 'loose' }).then(() => assert.unreachable(), (e: unknown) => assert.instance(e, TypeError));
});

test.run();
