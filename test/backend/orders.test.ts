/** The reference server: orders — idempotency keys, ETags, ownership, validation problems. */
import * as assert from 'uvu/assert';
import { whenRequested } from '../helpers/server-suite.js';
import { address, backendSuite, call, conforms, createOrder, login, orderBody, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// orders: idempotency, ETags, ownership, validation

{
  const { s, ctx } = backendSuite('orders');

  s('createOrder: 201 with Location and ETag; totals come from the catalogue', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await createOrder(ctx.server, accessToken, 'k-1', orderBody({ items: [{ sku: 'MUG-LOGO', quantity: 3 }, { sku: 'CAP-RED', quantity: 1 }], note: 'hi' }));
    assert.is(r.status, 201);
    conforms('createOrder', 201, r.body);
    assert.is(r.headers.get('location'), `/orders/${r.body.id}`);
    assert.is(r.headers.get('etag'), '"v1"');
    assert.equal(r.body.total, { amount: '43.50', currency: 'EUR' });
    assert.is(r.body.items[0].category.parent.name, 'Home');
    assert.is(r.headers.get('idempotent-replayed'), null);
  });

  s('a completed key replays the stored response byte for byte; nothing is applied twice', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await createOrder(ctx.server, accessToken, 'k-replay', { shippingAddress: address, items: [{ quantity: 1, sku: 'MUG-LOGO' }] });
    // Same body with a different key order: still the same request.
    const again = await createOrder(ctx.server, accessToken, 'k-replay', { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address });
    assert.is(again.status, 201);
    assert.is(again.text, first.text);
    assert.is(again.headers.get('idempotent-replayed'), 'true');
    assert.is(again.headers.get('location'), first.headers.get('location'));
    assert.is.not(again.headers.get('x-request-id'), first.headers.get('x-request-id'));
    assert.is(ctx.server.ledger.count('order.created'), 1);
    assert.is(ctx.server.ledger.last('order.created')?.key, 'k-replay');
  });

  s('the same key with a different body is 422; keys are scoped per user', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    await createOrder(ctx.server, alice.accessToken, 'k-shared');
    const other = await createOrder(ctx.server, alice.accessToken, 'k-shared', orderBody({ note: 'different' }));
    assert.is(other.status, 422);
    assert.is(other.body.type, 'https://api.shop.example.com/problems/idempotency-key-reused');
    conforms('createOrder', 422, other.body);
    const bobs = await createOrder(ctx.server, bob.accessToken, 'k-shared', orderBody({ note: 'different' }));
    assert.is(bobs.status, 201);
    assert.is(ctx.server.ledger.count('order.created'), 2);
  });

  s('a key still in flight answers 409; afterwards it replays', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'latency', ms: 300 } });
    const slow = createOrder(ctx.server, accessToken, 'k-flight');
    // Sent once the first has reached the server (it is then held by the latency fault).
    await whenRequested(ctx.server, (r) => r.method === 'POST' && r.headers['idempotency-key'] === 'k-flight');
    const busy = await createOrder(ctx.server, accessToken, 'k-flight');
    assert.is(busy.status, 409);
    assert.is(busy.headers.get('retry-after'), '1');
    conforms('createOrder', 409, busy.body);
    const done = await slow;
    assert.is(done.status, 201);
    const replay = await createOrder(ctx.server, accessToken, 'k-flight');
    assert.is(replay.headers.get('idempotent-replayed'), 'true');
    assert.is(replay.text, done.text);
    assert.is(ctx.server.ledger.count('order.created'), 1);
  });

  s('a missing Idempotency-Key is 400', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await call(ctx.server, 'POST', '/orders', { token: accessToken, json: orderBody() });
    assert.is(r.status, 400);
    assert.is(r.body.type, 'https://api.shop.example.com/problems/idempotency-key-missing');
    conforms('createOrder', 400, r.body);
    assert.is(ctx.server.ledger.count(), 1); // the login only
  });

  s('422 is a ValidationProblem with a pointer per invalid field', async () => {
    const { accessToken } = await login(ctx.server);
    const r = await createOrder(ctx.server, accessToken, 'k-bad', {
      items: [{ sku: 'MUG-LOGO', quantity: 1000 }, { sku: 'MUG-LOGO' }],
      note: 'x'.repeat(501),
      shippingAddress: { ...address, country: 'germany' },
      paymentMethod: { type: 'crypto' },
    });
    assert.is(r.status, 422);
    assert.match(r.headers.get('content-type') ?? '', /^application\/problem\+json/);
    conforms('createOrder', 422, r.body);
    assert.is(r.body.status, 422);
    assert.is(r.body.instance, '/orders');
    const byPointer = Object.fromEntries(r.body.errors.map((e: Json) => [e.pointer, e.detail]));
    assert.equal(byPointer, {
      '/items/0/quantity': 'must be <= 999',
      '/items/1/quantity': 'is required',
      '/note': 'must be at most 500 characters',
      '/shippingAddress/country': 'must match ^[A-Z]{2}$',
      '/paymentMethod/type': 'must be one of: "card", "wallet"',
    });
    const unknownSku = await createOrder(ctx.server, accessToken, 'k-sku', orderBody({ items: [{ sku: 'NOPE-1', quantity: 1 }] }));
    assert.is(unknownSku.status, 422);
    assert.is(unknownSku.body.errors[0].pointer, '/items/0/sku');
    assert.is(ctx.server.ledger.count('order.created'), 0);
  });

  s('getOrder: strong ETag and Cache-Control; If-None-Match gives 304', async () => {
    const { accessToken } = await login(ctx.server);
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    const r = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken });
    assert.is(r.status, 200);
    conforms('getOrder', 200, r.body);
    assert.is(r.headers.get('etag'), `"v${order!.version}"`);
    assert.is(r.headers.get('cache-control'), 'private, max-age=60');
    const cached = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': r.headers.get('etag')! } });
    assert.is(cached.status, 304);
    assert.is(cached.text, '');
    assert.is(cached.headers.get('etag'), r.headers.get('etag'));
    const weak = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': `"v0", W/${r.headers.get('etag')}` } });
    assert.is(weak.status, 304);
    const stale = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken, headers: { 'if-none-match': '"v0"' } });
    assert.is(stale.status, 200);
  });

  s('updateOrder: If-Match mismatch is 412, a match bumps version and ETag', async () => {
    const { accessToken } = await login(ctx.server);
    const created = await createOrder(ctx.server, accessToken);
    const path = `/orders/${created.body.id}`;
    const stale = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: 'x' }, headers: { 'if-match': '"v7"' } });
    assert.is(stale.status, 412);
    assert.is(stale.headers.get('etag'), '"v1"');
    conforms('updateOrder', 412, stale.body);
    const ok = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: 'ring twice' }, headers: { 'if-match': '"v1"' } });
    assert.is(ok.status, 200);
    conforms('updateOrder', 200, ok.body);
    assert.is(ok.body.version, 2);
    assert.is(ok.body.note, 'ring twice');
    assert.is(ok.headers.get('etag'), '"v2"');
    const cleared = await call(ctx.server, 'PATCH', path, { token: accessToken, json: { note: null } });
    assert.is(cleared.body.note, null);
    const old = await call(ctx.server, 'GET', path, { token: accessToken, headers: { 'if-none-match': '"v1"' } });
    assert.is(old.status, 200);
    assert.is(ctx.server.ledger.count('order.updated'), 2);
    const empty = await call(ctx.server, 'PATCH', path, { token: accessToken, json: {} });
    assert.is(empty.status, 422);
  });

  s('status rules: customers may only cancel, and not after shipping', async () => {
    const alice = await login(ctx.server);
    const orders = ctx.server.store.ordersOf('alice@example.com');
    const pending = orders.find((o) => o.status === 'pending')!;
    const delivered = orders.find((o) => o.status === 'delivered')!;
    const ship = await call(ctx.server, 'PATCH', `/orders/${pending.id}`, { token: alice.accessToken, json: { status: 'shipped' } });
    assert.is(ship.status, 422);
    assert.is(ship.body.errors[0].pointer, '/status');
    const late = await call(ctx.server, 'PATCH', `/orders/${delivered.id}`, { token: alice.accessToken, json: { status: 'cancelled' } });
    assert.is(late.status, 409);
    const cancel = await call(ctx.server, 'PATCH', `/orders/${pending.id}`, { token: alice.accessToken, json: { status: 'cancelled' } });
    assert.is(cancel.body.status, 'cancelled');
  });

  s('orders are owned: 403 for another user\'s order, 404 for an unknown one; delete works', async () => {
    const alice = await login(ctx.server);
    const [bobs] = ctx.server.store.ordersOf('bob@example.com');
    assert.is((await call(ctx.server, 'GET', `/orders/${bobs!.id}`, { token: alice.accessToken })).status, 403);
    assert.is((await call(ctx.server, 'DELETE', `/orders/${bobs!.id}`, { token: alice.accessToken })).status, 403);
    assert.is((await call(ctx.server, 'GET', `/orders/${crypto.randomUUID()}`, { token: alice.accessToken })).status, 404);
    assert.is((await call(ctx.server, 'GET', '/orders/not-a-uuid', { token: alice.accessToken })).status, 404);
    const [mine] = ctx.server.store.ordersOf('alice@example.com');
    assert.is((await call(ctx.server, 'DELETE', `/orders/${mine!.id}`, { token: alice.accessToken, headers: { 'if-match': '"v9"' } })).status, 412);
    const del = await call(ctx.server, 'DELETE', `/orders/${mine!.id}`, { token: alice.accessToken });
    assert.is(del.status, 204);
    assert.is((await call(ctx.server, 'GET', `/orders/${mine!.id}`, { token: alice.accessToken })).status, 404);
    assert.is(ctx.server.ledger.count('order.deleted'), 1);
  });

  s.run();
}
