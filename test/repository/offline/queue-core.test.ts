/**
 * The offline queue's core through the generated Shop API SDK against test/server: an intent is
 * in the storage before enqueue resolves (without the token), entries replay FIFO per scope and
 * scopes in parallel, a 422 becomes a dead letter with its fieldErrors while the queue goes on,
 * a retryable failure backs off and holds its scope, old entries expire with an event, a corrupt
 * stored entry is reported and moved aside, and refusals name the operation.
 */
import * as assert from 'uvu/assert';
import { serverSuite, whenRequested } from '../../helpers/server-suite.js';
import { CorruptEntryError, type DeadLetter, type NetworkError, type OfflineEntry } from '../../../generated/v1/index.js';
import { launch, orderBody, storedValues, typeError, closeLaunched } from './queue-helpers.js';

const test = serverSuite('offline queue: persistence, order, dead letters, backoff, expiry');
test.after.each(closeLaunched);

test('enqueue resolves only once the storage holds the intent, with a fixed key and no credential', async (ctx) => {
  const app = launch(ctx.server);
  const id = await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody(), headers: { Authorization: 'Bearer leaked', 'X-Trace': 't' } });
  const values = await storedValues(app.storage);
  assert.is(values.length, 1, 'stored before the promise resolved');
  const token = (await app.tokenStore.get())!.accessToken;
  assert.not.ok(values[0]!.includes(token), 'the session token is never stored');
  assert.not.ok(values[0]!.toLowerCase().includes('authorization'), 'nor an Authorization header');
  const [entry] = await app.sdk.offline.pending();
  assert.is(entry!.id, id);
  assert.is(entry!.scope, '/orders');
  assert.is(entry!.attempts, 0);
  assert.type(entry!.idempotencyKey, 'string');
  assert.equal((entry!.init as { headers: object }).headers, { 'X-Trace': 't' });
  assert.is(ctx.server.requests.length, 0, 'nothing sent (autoProcess off)');
});

test('entries of one scope replay in order; the server applies each once', async (ctx) => {
  const app = launch(ctx.server);
  const keys: string[] = [];
  for (const sku of ['MUG-LOGO', 'CAP-RED', 'SOCKS-3PK']) {
    await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody(sku) });
  }
  for (const entry of await app.sdk.offline.pending()) keys.push(entry.idempotencyKey!);
  const sent: OfflineEntry[] = [];
  app.sdk.offline.on('sent', ({ entry }) => sent.push(entry));
  await app.sdk.offline.process();
  assert.equal(ctx.server.ledger.entries('order.created').map((e) => e.key), keys, 'FIFO, once each');
  assert.is(sent.length, 3);
  assert.equal(await app.sdk.offline.pending(), []);
});

test('independent scopes replay in parallel (up to concurrency)', async (ctx) => {
  const app = launch(ctx.server);
  const { items } = await app.sdk.orders.listOrders();
  const ids = items.slice(0, 3).map((o) => o.id);
  for (const orderId of ids) await app.sdk.offline.enqueue('orders.deleteOrder', { params: { path: { orderId } } });
  assert.equal((await app.sdk.offline.pending()).map((e) => e.scope), ids.map((id) => `/orders/${id}`));
  // The first DELETE hangs (no handler runs) until the suite closes the server: the others must still go out.
  ctx.server.faults.add({ method: 'DELETE', path: `/orders/${ids[0]}`, fault: { type: 'hang' } });
  const processing = app.sdk.offline.process();
  await whenRequested(ctx.server, (r) => r.method === 'DELETE' && r.path === `/orders/${ids[1]}`);
  await whenRequested(ctx.server, (r) => r.method === 'DELETE' && r.path === `/orders/${ids[2]}`);
  await app.sdk.offline.close();
  void processing.catch(() => undefined);
});

test('a 422 goes to the dead letters with its fieldErrors, and later entries are still sent', async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('NO-SUCH-SKU') });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  const failed: DeadLetter[] = [];
  let fieldErrors: unknown;
  app.sdk.offline.on('failed', ({ entry, error }) => {
    failed.push(entry);
    fieldErrors = error.fieldErrors;
  });
  await app.sdk.offline.process();
  assert.is(failed.length, 1);
  assert.is(failed[0]!.reason, 'failed');
  assert.ok(fieldErrors && Object.keys(fieldErrors).some((k) => k.includes('sku')), 'the field errors name the sku');
  assert.is(ctx.server.ledger.count('order.created'), 1, 'the next entry was sent');
  const dead = await app.sdk.offline.deadLetters();
  assert.is(dead.length, 1);
  assert.is(dead[0]!.error?.status, 422);
  assert.equal(await app.sdk.offline.pending(), []);
  await app.sdk.offline.discard(dead[0]!.id);
  assert.equal(await app.sdk.offline.deadLetters(), []);
});

test('a retryable failure backs off and holds its scope; once due, both go in order', async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('MUG-LOGO') });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  const keys = (await app.sdk.offline.pending()).map((e) => e.idempotencyKey);
  ctx.server.faults.add({ method: 'POST', path: '/orders', times: 1, fault: { type: 'status', status: 503 } });
  await app.sdk.offline.process();
  const [first, second] = await app.sdk.offline.pending();
  assert.is(first!.attempts, 1);
  assert.is(first!.lastError?.type, 'SERVER');
  assert.ok(first!.notBefore !== undefined, 'waits for its backoff');
  assert.is(second!.attempts, 0, 'the scope waits behind it');
  assert.is(ctx.server.ledger.count('order.created'), 0);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 0, 'not before its time');
  app.advance(10 * 60_000);
  await app.sdk.offline.process();
  assert.equal(ctx.server.ledger.entries('order.created').map((e) => e.key), keys);
});

test('an entry older than maxRetentionMs fires expired and becomes a dead letter, never sent', async (ctx) => {
  const app = launch(ctx.server, { offline: { maxRetentionMs: 60_000 } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  const expired: DeadLetter[] = [];
  app.sdk.offline.on('expired', ({ entry }) => expired.push(entry));
  app.advance(61_000);
  await app.sdk.offline.process();
  assert.is(expired.length, 1);
  assert.is(expired[0]!.reason, 'expired');
  assert.is((await app.sdk.offline.deadLetters())[0]!.reason, 'expired');
  assert.is(ctx.server.ledger.count('order.created'), 0);
  await app.sdk.offline.retry(expired[0]!.id);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1, 'retry(id) sends it after all');
});

test('a corrupt stored entry is reported and moved aside; the others are still sent', async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  const [key] = (await app.storage.getAllKeys()).filter((k) => k.includes('.q.'));
  const badKey = key!.replace(/\.q\.\d+/, '.q.0000000000000001');
  await app.storage.setItem(badKey, '{"v":1,"entry":{"id":42}');
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1);
  const reported = app.errors.filter((e): e is CorruptEntryError => e instanceof CorruptEntryError);
  assert.is(reported.length, 1);
  assert.is(reported[0]!.key, badKey);
  assert.is(await app.storage.getItem(badKey), null);
  assert.is(await app.storage.getItem(reported[0]!.movedTo), '{"v":1,"entry":{"id":42}', 'kept aside as it was');
});

test('refusals name the operation: unknown, not repeatable, a body that cannot be stored', async (ctx) => {
  const app = launch(ctx.server);
  const offline = app.sdk.offline as unknown as { enqueue(op: string, init: unknown): Promise<string> };
  assert.match((await typeError(offline.enqueue('orders.nope', {}))).message, 'orders.nope');
  const orderId = '0e7f4a52-0000-4000-8000-000000000042';
  const patch = { params: { path: { orderId } }, body: { note: 'n' } };
  assert.match((await typeError(offline.enqueue('orders.updateOrder', patch))).message, 'orders.updateOrder');
  const stream = new ReadableStream();
  assert.match((await typeError(offline.enqueue('orders.createOrder', { body: stream }))).message, /orders\.createOrder.*JSON-storable/);
  assert.equal(await app.sdk.offline.pending(), []);
  const lenient = launch(ctx.server, { offline: { repeatable: ['orders.updateOrder'] } });
  await lenient.sdk.offline.enqueue('orders.updateOrder', patch as never);
  assert.is((await lenient.sdk.offline.pending())[0]!.scope, `/orders/${orderId}`);
});

test('an init the spec refuses is refused at enqueue (client VALIDATION naming the field), never stored', async (ctx) => {
  const app = launch(ctx.server);
  const refused = await app.sdk.offline.enqueue('orders.createOrder', { body: { ...orderBody(), items: [{ sku: 'MUG-LOGO', quantity: 0 }] } }).then(
    (): NetworkError => assert.unreachable('stored') as never,
    (error: NetworkError) => error,
  );
  assert.is(refused.type, 'VALIDATION');
  assert.is(refused.source, 'client');
  assert.ok(Object.keys(refused.fieldErrors ?? {}).some((k) => k.includes('quantity')), 'names the field');
  assert.equal(await app.sdk.offline.pending(), []);
});

test.run();
