/** The reference server: cursor pagination over 1,000 orders and the sync feed. */
import * as assert from 'uvu/assert';
import { backendSuite, call, conforms, createOrder, login, orderBody, send, spec, validate, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// pagination over 1,000 orders

{
  const { s, ctx } = backendSuite('pagination', { seedOrders: 1000 });

  s('limit 50 walks all 1,000 orders newest first, each exactly once', async () => {
    const { accessToken } = await login(ctx.server);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const r = await call(ctx.server, 'GET', `/orders?limit=50${q}`, { token: accessToken });
      assert.is(r.status, 200);
      if (pages === 0) conforms('listOrders', 200, r.body);
      assert.ok(r.body.items.length <= 50);
      seen.push(...r.body.items.map((o: Json) => o.id));
      cursor = r.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    assert.is(pages, 20);
    assert.is(seen.length, 1000);
    assert.is(new Set(seen).size, 1000);
    assert.equal(seen, ctx.server.store.ordersOf('alice@example.com').map((o) => o.id));
  });

  s('cursors stay valid while orders are added and deleted', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await call(ctx.server, 'GET', '/orders?limit=10', { token: accessToken });
    await createOrder(ctx.server, accessToken);
    const nextId = ctx.server.store.ordersOf('alice@example.com')[11]!.id;
    ctx.server.store.deleteOrder(nextId);
    const second = await call(ctx.server, 'GET', `/orders?limit=10&cursor=${first.body.nextCursor}`, { token: accessToken });
    const ids = second.body.items.map((o: Json) => o.id);
    assert.not.ok(ids.includes(nextId));
    assert.not.ok(ids.some((id: string) => first.body.items.some((o: Json) => o.id === id)));
    assert.is(ids.length, 10);
  });

  s('limit, cursor and status are validated; default limit is 20', async () => {
    const { accessToken } = await login(ctx.server);
    for (const bad of ['0', '101', 'abc', '2.5']) {
      const r = await call(ctx.server, 'GET', `/orders?limit=${bad}`, { token: accessToken });
      assert.is(r.status, 422, `limit=${bad}`);
      conforms('listOrders', 422, r.body);
      assert.equal(r.body.errors.map((e: Json) => [e.pointer, e.location]), [['/limit', 'query']]);
    }
    const cursor = await call(ctx.server, 'GET', '/orders?cursor=garbage', { token: accessToken });
    assert.is(cursor.status, 422);
    assert.is(cursor.body.errors[0].pointer, '/cursor');
    const status = await call(ctx.server, 'GET', '/orders?status=lost', { token: accessToken });
    assert.is(status.status, 422);
    const plain = await call(ctx.server, 'GET', '/orders', { token: accessToken });
    assert.is(plain.body.items.length, 20);
  });

  s('status filter and sparse fieldsets', async () => {
    const { accessToken } = await login(ctx.server);
    const paid = await call(ctx.server, 'GET', '/orders?status=paid&limit=100', { token: accessToken });
    assert.is(paid.body.items.length, 100);
    assert.ok(paid.body.items.every((o: Json) => o.status === 'paid'));
    const sparse = await call(ctx.server, 'GET', '/orders?limit=3&fields=status,total', { token: accessToken });
    for (const item of sparse.body.items) assert.equal(Object.keys(item).sort(), ['id', 'status', 'total']);
    const badField = await call(ctx.server, 'GET', '/orders?fields=status,password', { token: accessToken });
    assert.is(badField.status, 422);
    assert.is(badField.body.errors[0].pointer, '/fields/1');
  });

  s('the deprecated page parameter still works and says so', async () => {
    const { accessToken } = await login(ctx.server);
    const page2 = await call(ctx.server, 'GET', '/orders?limit=10&page=2', { token: accessToken });
    assert.is(page2.headers.get('deprecation'), '@1735689600');
    assert.match(page2.headers.get('link') ?? '', 'rel="deprecation"');
    assert.equal(page2.body.items.map((o: Json) => o.id), ctx.server.store.ordersOf('alice@example.com').slice(10, 20).map((o) => o.id));
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// sync feed

{
  const { s, ctx } = backendSuite('sync');

  s('a full sync returns every order; later syncs return only changes, deletes included', async () => {
    const { accessToken } = await login(ctx.server);
    const full = await call(ctx.server, 'GET', '/sync', { token: accessToken });
    assert.is(full.status, 200);
    conforms('getSync', 200, full.body);
    assert.is(full.body.upserts.length, 5);
    assert.equal(full.body.deletes, []);
    assert.is(full.body.hasMore, false);

    const [victim, changed] = ctx.server.store.ordersOf('alice@example.com');
    await call(ctx.server, 'PATCH', `/orders/${changed!.id}`, { token: accessToken, json: { note: 'one' } });
    const created = await createOrder(ctx.server, accessToken);
    await call(ctx.server, 'PATCH', `/orders/${changed!.id}`, { token: accessToken, json: { note: 'two' } });
    await call(ctx.server, 'DELETE', `/orders/${victim!.id}`, { token: accessToken });
    const bob = await login(ctx.server, 'bob@example.com');
    await createOrder(ctx.server, bob.accessToken); // someone else's change is not in alice's feed

    const delta = await call(ctx.server, 'GET', `/sync?since=${full.body.nextCursor}`, { token: accessToken });
    conforms('getSync', 200, delta.body);
    // Each order once, in the order of its latest change.
    assert.equal(delta.body.upserts.map((o: Json) => o.id), [created.body.id, changed!.id]);
    assert.is(delta.body.upserts[1].note, 'two');
    assert.equal(delta.body.deletes, [victim!.id]);
    assert.is(delta.body.hasMore, false);

    const quiet = await call(ctx.server, 'GET', `/sync?since=${delta.body.nextCursor}`, { token: accessToken });
    assert.equal([quiet.body.upserts, quiet.body.deletes, quiet.body.hasMore], [[], [], false]);
  });

  s('limit pages the feed with hasMore, without losing or repeating orders', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.store.seedOrders(12, 'alice@example.com');
    const ids: string[] = [];
    let since = '';
    let rounds = 0;
    for (;;) {
      const r = await call(ctx.server, 'GET', `/sync?limit=5${since && `&since=${since}`}`, { token: accessToken });
      ids.push(...r.body.upserts.map((o: Json) => o.id));
      since = r.body.nextCursor;
      rounds += 1;
      if (!r.body.hasMore) break;
    }
    assert.is(rounds, 4);
    assert.is(ids.length, 17);
    assert.is(new Set(ids).size, 17);
  });

  s('a cursor from before a reset is 410 Gone; a garbled one is 422', async () => {
    const { accessToken } = await login(ctx.server);
    const full = await call(ctx.server, 'GET', '/sync', { token: accessToken });
    ctx.server.reset();
    const gone = await call(ctx.server, 'GET', `/sync?since=${full.body.nextCursor}`, { token: accessToken });
    assert.is(gone.status, 410);
    conforms('getSync', 410, gone.body);
    const bad = await call(ctx.server, 'GET', '/sync?since=zzz', { token: accessToken });
    assert.is(bad.status, 422);
    assert.is(bad.body.errors[0].pointer, '/since');
  });

  s.run();
}
