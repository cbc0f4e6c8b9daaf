/** The reference server: every injectable fault, matched, counted down and listed. */
import * as assert from 'uvu/assert';
import type { TestServer } from '../server/index.js';
import { whenRequested } from '../helpers/server-suite.js';
import { backendSuite, call, conforms, createOrder, login, orderBody, send, spec, validate, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// faults

{
  const { s, ctx } = backendSuite('faults');

  const meWith = async (fault: Parameters<TestServer['faults']['add']>[0]['fault']) => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'GET', path: '/users/me', fault });
    return accessToken;
  };

  s('latency delays, then answers normally', async () => {
    const token = await meWith({ type: 'latency', ms: 150 });
    const started = Date.now();
    const r = await call(ctx.server, 'GET', '/users/me', { token });
    assert.ok(Date.now() - started >= 140, 'delayed');
    assert.is(r.status, 200);
  });

  s('hang never answers; the client\'s abort ends it', async () => {
    const token = await meWith({ type: 'hang' });
    const controller = new AbortController();
    const pending = call(ctx.server, 'GET', '/users/me', { token, signal: controller.signal }).catch((e: Error) => e);
    await whenRequested(ctx.server, (r) => r.path === '/users/me'); // held by the hang fault
    const reason = new Error('the client gave up');
    controller.abort(reason);
    assert.is(await pending, reason, 'only the client’s abort ended it');
    assert.is((await call(ctx.server, 'GET', '/users/me', { token })).status, 200);
  });

  s('reset-before drops the connection and applies nothing', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-before' } });
    const err = await createOrder(ctx.server, accessToken, 'k-rb').catch((e: Error) => e);
    assert.instance(err, TypeError);
    assert.is(ctx.server.ledger.count('order.created'), 0);
    assert.is((await createOrder(ctx.server, accessToken, 'k-rb')).headers.get('idempotent-replayed'), null);
  });

  s('reset-after commits, drops the connection, and the retry replays', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
    const err = await createOrder(ctx.server, accessToken, 'k-ra').catch((e: Error) => e);
    assert.instance(err, TypeError);
    assert.is(ctx.server.ledger.count('order.created'), 1);
    const retry = await createOrder(ctx.server, accessToken, 'k-ra');
    assert.is(retry.status, 201);
    assert.is(retry.headers.get('idempotent-replayed'), 'true');
    assert.is(retry.body.id, ctx.server.ledger.last('order.created')?.orderId);
    assert.is(ctx.server.ledger.count('order.created'), 1);
  });

  s('status answers with a problem (or the given body and headers) without running the handler', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 503, headers: { 'retry-after': '3' } } });
    const r = await createOrder(ctx.server, accessToken);
    assert.is(r.status, 503);
    assert.is(r.headers.get('retry-after'), '3');
    conforms('createOrder', 503, r.body);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 502, body: '<html>bad gateway</html>' } });
    const html = await createOrder(ctx.server, accessToken);
    assert.is(html.status, 502);
    assert.is(html.text, '<html>bad gateway</html>');
    assert.is(ctx.server.ledger.count('order.created'), 0);
  });

  s('status with commit runs the handler first', async () => {
    const { accessToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/orders', fault: { type: 'status', status: 500, commit: true } });
    assert.is((await createOrder(ctx.server, accessToken, 'k-commit')).status, 500);
    assert.is(ctx.server.ledger.count('order.created'), 1);
    assert.is((await createOrder(ctx.server, accessToken, 'k-commit')).headers.get('idempotent-replayed'), 'true');
  });

  s('rate-limit sends raw Retry-After / retry-after-ms values', async () => {
    const token = await meWith({ type: 'rate-limit', retryAfter: 'soon', retryAfterMs: '1500' });
    const r = await call(ctx.server, 'GET', '/users/me', { token });
    assert.is(r.status, 429);
    assert.is(r.headers.get('retry-after'), 'soon');
    assert.is(r.headers.get('retry-after-ms'), '1500');
    conforms('getMe', 429, r.body);
    const date = new Date(Date.now() + 2000).toUTCString();
    ctx.server.faults.add({ fault: { type: 'rate-limit', retryAfter: date, status: 503 } });
    const busy = await call(ctx.server, 'GET', '/users/me', { token });
    assert.is(busy.status, 503);
    assert.is(busy.headers.get('retry-after'), date);
  });

  s('truncate promises a full body and cuts it in half', async () => {
    const token = await meWith({ type: 'truncate' });
    const res = await send(ctx.server, 'GET', '/users/me', { token });
    assert.is(res.status, 200);
    const length = Number(res.headers.get('content-length'));
    const err = await res.text().then(() => undefined, (e: Error) => e);
    assert.instance(err, Error);
    assert.ok(length > 20);
  });

  s('malformed answers 200 with invalid JSON', async () => {
    const token = await meWith({ type: 'malformed' });
    const res = await send(ctx.server, 'GET', '/users/me', { token });
    assert.is(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', 'application/json');
    const err = await res.json().then(() => undefined, (e: Error) => e);
    assert.instance(err, SyntaxError);
  });

  s('drip sends the whole body slowly', async () => {
    const { accessToken } = await login(ctx.server);
    const normal = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    ctx.server.faults.add({ path: '/users/me', fault: { type: 'drip', bytesPerChunk: 40, intervalMs: 25 } });
    const started = Date.now();
    const slow = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    const chunks = Math.ceil(normal.text.length / 40);
    assert.ok(Date.now() - started >= (chunks - 1) * 25 - 5, 'took at least one interval per chunk');
    assert.is(slow.text, normal.text);
  });

  s('wrong-type answers valid JSON that breaks the response schema', async () => {
    const { accessToken } = await login(ctx.server);
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    ctx.server.faults.add({ path: '/orders/{orderId}', fault: { type: 'wrong-type' } });
    const r = await call(ctx.server, 'GET', `/orders/${order!.id}`, { token: accessToken });
    assert.is(r.status, 200);
    assert.type(r.body.total, 'number');
    const issues = validate(spec.responseSchema('getOrder', 200), r.body, spec.document);
    assert.equal(issues.map((i) => i.pointer), ['/total']);
  });

  s('expire-token expires the presented token for good; a refresh recovers', async () => {
    const { accessToken, refreshToken } = await login(ctx.server);
    ctx.server.faults.add({ path: '/users/me', fault: { type: 'expire-token' } });
    const r = await call(ctx.server, 'GET', '/users/me', { token: accessToken });
    assert.is(r.status, 401);
    assert.match(r.headers.get('www-authenticate') ?? '', 'invalid_token');
    assert.is((await call(ctx.server, 'GET', '/orders', { token: accessToken })).status, 401);
    const refreshed = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken } });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: refreshed.body.accessToken })).status, 200);
    assert.is(ctx.server.tokens.refreshCount, 1);
  });

  s('rules match by method and path, in order, count down times and honour skip', async () => {
    const { accessToken } = await login(ctx.server);
    const statusOf = async (method: string, path: string) => (await call(ctx.server, method, path, { token: accessToken })).status;
    const { faults } = ctx.server;
    faults.add({ method: 'POST', path: '/users/me', fault: { type: 'status', status: 500 } }); // never matches a GET
    faults.add({ method: 'get', path: /^\/users\/me$/, times: 1, fault: { type: 'status', status: 500 } });
    faults.add({ path: '/users/me', times: 2, fault: { type: 'status', status: 503 } });
    assert.equal(
      [await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me'), await statusOf('GET', '/users/me')],
      [500, 503, 503, 200],
    );
    faults.clear();
    faults.add({ path: '/orders/*', skip: 1, times: Infinity, fault: { type: 'status', status: 502 } });
    const [order] = ctx.server.store.ordersOf('alice@example.com');
    assert.equal([await statusOf('GET', `/orders/${order!.id}`), await statusOf('GET', `/orders/${order!.id}`), await statusOf('GET', `/orders/${order!.id}`)], [200, 502, 502]);
    assert.is(await statusOf('GET', '/orders'), 200);
    assert.equal(faults.list().map((r) => [r.hits, r.remaining]), [[3, Infinity]]);
    assert.throws(() => faults.add({ fault: { type: 'explode' } as never }), /unknown fault type/);
  });

  s.run();
}
