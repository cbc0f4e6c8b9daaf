/** The reference server: its HTTP control API, and a close() that leaves nothing behind. */
import * as assert from 'uvu/assert';
import { Agent, fetch } from 'undici';
import { suite } from '../helpers/timed-suite.js';
import { startServer } from '../server/index.js';
import { whenRequested } from '../helpers/server-suite.js';
import { backendSuite, call, createOrder, login, sleep, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// HTTP control endpoints

{
  const { s, ctx } = backendSuite('control endpoints');
  const control = (method: string, path: string, json?: unknown) => call(ctx.server, method, `/__control${path}`, json === undefined ? {} : { json });

  s('faults can be added, listed and cleared over HTTP', async () => {
    const { accessToken } = await login(ctx.server);
    const added = await control('POST', '/faults', { method: 'GET', path: '/users/me', times: 'Infinity', fault: { type: 'status', status: 503 } });
    assert.is(added.status, 201);
    assert.match(added.body.id, /^f\d+$/);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 503);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 503);
    const listed = await control('GET', '/faults');
    assert.is(listed.body.rules[0].remaining, 'Infinity');
    assert.is(listed.body.rules[0].hits, 2);
    assert.is((await control('DELETE', '/faults')).status, 204);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 200);

    const regex = await control('POST', '/faults', { pathRegex: '^/users/', fault: { type: 'status', status: 500 } });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: accessToken })).status, 500);
    assert.is((await control('DELETE', `/faults/${regex.body.id}`)).status, 204);
    const bad = await control('POST', '/faults', { fault: { type: 'latency' } });
    assert.is(bad.status, 400);
    assert.match(bad.body.detail, 'latency needs ms');
  });

  s('ledger, request log, reset, tokens and seeding over HTTP', async () => {
    const { accessToken, refreshToken } = await login(ctx.server);
    await createOrder(ctx.server, accessToken, 'k-http');
    await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken } });
    const ledger = await control('GET', '/ledger');
    assert.equal(ledger.body.entries.map((e: Json) => e.kind), ['login', 'order.created', 'refresh']);
    assert.is(ledger.body.entries[1].key, 'k-http');
    assert.equal(ledger.body.counts, { login: 1, 'order.created': 1, refresh: 1 });
    assert.is(ledger.body.refreshCount, 1);
    const requests = await control('GET', '/requests');
    assert.equal(requests.body.requests.map((r: Json) => r.path), ['/auth/login', '/orders', '/auth/refresh']);

    const issued = await control('POST', '/tokens/issue', { user: 'bob@example.com' });
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: issued.body.accessToken })).body.email, 'bob@example.com');
    assert.is((await control('POST', '/tokens/expire', {})).status, 204);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: issued.body.accessToken })).status, 401);

    const seeded = await control('POST', '/orders/seed', { count: 3 });
    assert.is(seeded.body.ids.length, 3);
    assert.is(ctx.server.store.ordersOf('alice@example.com').length, 5 + 1 + 3);
    assert.is((await control('POST', '/reset')).status, 204);
    assert.is(ctx.server.ledger.count(), 0);
    assert.is(ctx.server.requests.length, 0);
    assert.is(ctx.server.store.ordersOf('alice@example.com').length, 5);
    assert.is((await control('GET', '/nope')).status, 404);
  });

  s.run();
}

// ---------------------------------------------------------------------------------------------
// shutdown

const watched = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
const handles = () => process.getActiveResourcesInfo().filter((r) => watched.includes(r)).sort();

/** `promise`, or a failure naming `what` if it has not settled after `limitMs`. */
async function bounded<T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${limitMs} ms`)), limitMs);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}

const shutdown = suite('shutdown');

shutdown('close() ends streams, hung and dripping requests, and leaves no handles behind', async () => {
  const client = new Agent({ keepAliveTimeout: 10_000 });
  await sleep(50); // lets sockets of earlier suites finish closing before the baseline
  const before = handles();
  const server = await startServer({ sseHeartbeatMs: 20 });
  const { accessToken } = await login(server);
  server.faults.add({ path: '/orders', method: 'GET', fault: { type: 'hang' } });
  server.faults.add({ path: '/users/me', fault: { type: 'drip', bytesPerChunk: 1, intervalMs: 50 } });
  server.faults.add({ path: '/sync', fault: { type: 'latency', ms: 10_000 } });
  const opts = (path: string) => fetch(server.url + path, { dispatcher: client, headers: { authorization: `Bearer ${accessToken}` } });
  const hung = opts('/orders').then((r) => r.text());
  const dripping = opts('/users/me').then((r) => r.text());
  const delayed = opts('/sync').then((r) => r.text());
  const events = await opts('/events');
  const stream = events.text();
  // Every request has reached the server (each is then held by its fault): no guessed sleep.
  for (const path of ['/orders', '/users/me', '/sync', '/events']) await whenRequested(server, (r) => r.path === path);
  assert.ok(handles().length > before.length, 'the check sees the server\'s handles while it runs');

  // close() must not wait for the 10 s latency timer or the clients: bounded well below it.
  await bounded(server.close(), 5000, 'close()');
  const outcomes = await Promise.allSettled([hung, dripping, delayed, stream]);
  assert.equal(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected', 'fulfilled']);
  await server.close(); // idempotent
  await client.close();
  // Closed handles disappear from the list a turn or two later: polled, with a bound.
  for (let turn = 0; turn < 100 && handles().join() !== before.join(); turn++) await sleep(10);
  assert.equal(handles(), before);
});

shutdown.run();
