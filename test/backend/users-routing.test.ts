/** The reference server: users and visibility, request ids, the request log, routing, CORS. */
import * as assert from 'uvu/assert';
import { fetch } from 'undici';
import { agent, backendSuite, call, conforms, createOrder, login, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// users, request ids, request log, routing

{
  const { s, ctx } = backendSuite('users and plumbing');

  s('getMe / getUser / batchGetUsers respect visibility', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    const { seed } = ctx.server;
    const me = await call(ctx.server, 'GET', '/users/me', { token: alice.accessToken });
    conforms('getMe', 200, me.body);
    assert.is(me.body.id, seed.alice.id);
    assert.is((await call(ctx.server, 'GET', `/users/${seed.bob.id}`, { token: alice.accessToken })).status, 403);
    const asAdmin = await call(ctx.server, 'GET', `/users/${seed.alice.id}`, { token: bob.accessToken });
    assert.is(asAdmin.status, 200);
    assert.is((await call(ctx.server, 'GET', `/users/${crypto.randomUUID()}`, { token: bob.accessToken })).status, 404);

    const unknown = crypto.randomUUID();
    const batch = await call(ctx.server, 'POST', '/users/batch-get', { token: alice.accessToken, json: { ids: [seed.alice.id, seed.bob.id, unknown] } });
    assert.is(batch.status, 200);
    conforms('batchGetUsers', 200, batch.body);
    assert.equal(batch.body.users.map((u: Json) => u.id), [seed.alice.id]);
    assert.equal(batch.body.missing, [seed.bob.id, unknown]);
    const empty = await call(ctx.server, 'POST', '/users/batch-get', { token: alice.accessToken, json: { ids: [] } });
    assert.is(empty.status, 422);
    assert.is(empty.body.errors[0].pointer, '/ids');
  });

  s('X-Request-Id is echoed when sent and generated otherwise', async () => {
    const echoed = await call(ctx.server, 'GET', '/users/me', { headers: { 'x-request-id': 'req-123' } });
    assert.is(echoed.headers.get('x-request-id'), 'req-123');
    const generated = await call(ctx.server, 'GET', '/users/me');
    assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  s('the request log records method, path and headers, but not control calls', async () => {
    const tokens = await login(ctx.server);
    await call(ctx.server, 'GET', '/__control/health');
    await createOrder(ctx.server, tokens.accessToken, 'log-key');
    const log = ctx.server.requests;
    assert.equal(log.map((r) => `${r.method} ${r.path}`), ['POST /auth/login', 'POST /orders']);
    assert.is(log[1]?.headers.authorization, `Bearer ${tokens.accessToken}`);
    assert.is(log[1]?.headers['idempotency-key'], 'log-key');
    assert.ok(log[1]?.requestId);
  });

  s('unknown paths are 404, wrong methods 405 with Allow, non-JSON bodies 400/415', async () => {
    const tokens = await login(ctx.server);
    assert.is((await call(ctx.server, 'GET', '/nope')).status, 404);
    const wrong = await call(ctx.server, 'PUT', '/orders', { token: tokens.accessToken });
    assert.is(wrong.status, 405);
    assert.is(wrong.headers.get('allow'), 'GET, POST');
    const res = await fetch(`${ctx.server.url}/auth/login`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body: '{oops' });
    assert.is(res.status, 400);
    assert.is(((await res.json()) as Json).type, 'https://api.shop.example.com/problems/malformed-json');
    const text = await fetch(`${ctx.server.url}/auth/login`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'text/plain' }, body: 'hi' });
    assert.is(text.status, 415);
    await text.arrayBuffer();
  });

  s('CORS preflight is answered and exposes the headers an SDK reads', async () => {
    const res = await fetch(`${ctx.server.url}/orders`, {
      method: 'OPTIONS',
      dispatcher: agent,
      headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, idempotency-key' },
    });
    assert.is(res.status, 204);
    // A fixed list (test/server/cors.ts), not an echo of the request: the browser suite relies on it.
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(/\s*,\s*/);
    for (const name of ['authorization', 'idempotency-key', 'x-request-id', 'x-tether-attempt']) assert.ok(allowed.includes(name), name);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', 'Retry-After');
    assert.is(ctx.server.requests.length, 0);
  });

  s.run();
}
