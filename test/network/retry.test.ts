/**
 * Retries end to end: the generated v1 SDK against test/server with faults injected there.
 * A fake clock records every backoff sleep (and makes it instant), so delays are asserted
 * exactly; `fake.random` fixes the jitter pick.
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { type Sdk, type SdkOptions } from '../../generated/v1/index.js';
import { signedInSdk, type TestServer } from '../e2e/helpers.js';
import { fakeClock, type FakeClock } from './helpers-retry.js';
import { rejection } from '../helpers/rejection.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const newOrder = { items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address };

interface Ctx {
  server: TestServer;
  sdk: Sdk;
  fake: FakeClock;
  /** Bodies as they left the SDK, per request, read from a clone. */
  bodies: string[];
  make(extra?: Partial<SdkOptions>): Promise<Sdk>;
}

const Retry = serverSuite<Ctx>('retry against test/server');

Retry.before.each(async (ctx) => {
  ctx.fake = fakeClock();
  ctx.bodies = [];
  ctx.make = async (extra = {}) => {
    const { sdk } = await signedInSdk(ctx.server, 'alice@example.com', {
      clock: ctx.fake.clock,
      logLevel: 'off',
      fetch: async (request) => {
        ctx.bodies.push(request.body ? await request.clone().text() : '');
        return fetch(request);
      },
      ...extra,
    });
    ctx.server.requests.length = 0;
    ctx.bodies.length = 0;
    return sdk;
  };
  ctx.sdk = await ctx.make();
});

const hits = (server: TestServer, method: string, path: string) =>
  server.requests.filter((r) => r.method === method && r.path === path);

Retry('GET reset twice then 200: three attempts, full-jitter delays, same request id, attempt header', async ({ server, sdk, fake }) => {
  fake.random = 0.7;
  server.faults.add({ method: 'GET', path: '/users/me', times: 2, fault: { type: 'reset-before' } });
  const me = await sdk.users.getMe();
  assert.is(me.email, 'alice@example.com');
  const sent = hits(server, 'GET', '/users/me');
  assert.is(sent.length, 3);
  // Retry n waits random · min(cap, base · 2^n): 0.7 · 1000, then 0.7 · 2000.
  assert.equal(fake.sleeps, [700, 1400]);
  assert.equal(sent.map((r) => r.headers['x-tether-attempt']), [undefined, '2', '3']);
  const ids = new Set(sent.map((r) => r.headers['x-request-id']));
  assert.is(ids.size, 1, 'one request id for every attempt of the call');
  assert.match(String([...ids][0]), /^[0-9a-f-]{36}$/);
});

Retry('delays stay inside the jitter window for any random pick', async ({ server, sdk, fake }) => {
  for (const pick of [0, 0.25, 0.999999]) {
    server.reset();
    fake.sleeps.length = 0;
    fake.random = pick;
    server.faults.add({ method: 'GET', path: '/users/me', times: 3, fault: { type: 'status', status: 503 } });
    await sdk.users.getMe();
    assert.is(fake.sleeps.length, 3);
    fake.sleeps.forEach((delay, n) => {
      assert.ok(delay >= 0 && delay <= Math.min(30_000, 1000 * 2 ** n), `retry ${n} waited ${delay}`);
      assert.is(delay, Math.floor(pick * 1000 * 2 ** n));
    });
  }
});

Retry('retries exhausted: the last attempt’s error, with attempts = 4', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'SERVER');
  assert.is(error.status, 503);
  assert.is(error.attempts, 4);
  assert.is(fake.sleeps.length, 3);
  assert.is(hits(server, 'GET', '/users/me').length, 4);
});

Retry('a hung attempt times out and the retry succeeds', async ({ server, sdk }) => {
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  const me = await sdk.users.getMe(undefined, { timeoutMs: 100 });
  assert.is(me.email, 'alice@example.com');
  assert.is(hits(server, 'GET', '/users/me').length, 2);
});

Retry('a POST without a key is never retried, even when the server committed and dropped the socket', async ({ server, make }) => {
  const anonymous = await make({ auth: undefined });
  server.faults.add({ method: 'POST', path: '/auth/login', fault: { type: 'reset-after' } });
  const before = server.ledger.count('login');
  const error = await rejection(anonymous.auth.login({ body: { email: 'bob@example.com', password: 'password123' } }));
  assert.is(error.type, 'CONNECTION');
  assert.is(error.attempts, 1);
  assert.is(server.ledger.count('login'), before + 1, 'the effect happened once');
  assert.is(hits(server, 'POST', '/auth/login').length, 1);
});

Retry('a PATCH without a key is not retried on 503 either', async ({ server, sdk, fake }) => {
  const mine = (await sdk.orders.listOrders()).items[0]!;
  server.faults.add({ method: 'PATCH', path: '/orders/{orderId}', fault: { type: 'status', status: 503 } });
  const error = await rejection(sdk.orders.updateOrder({ params: { path: { orderId: mine.id } }, body: { note: 'x' } }));
  assert.is(error.status, 503);
  assert.is(hits(server, 'PATCH', `/orders/${mine.id}`).length, 1);
  assert.equal(fake.sleeps, []);
});

Retry('keyed POST (createOrder) retried after a committed reset: same key, same bytes, one effect', async ({ server, sdk, bodies }) => {
  server.faults.add({ method: 'POST', path: '/orders', times: 2, fault: { type: 'reset-after' } });
  const created = await sdk.orders.createOrder({ body: newOrder });
  assert.is(created.items[0]?.quantity, 2);
  const posts = hits(server, 'POST', '/orders');
  assert.is(posts.length, 3);
  const keys = new Set(posts.map((r) => r.headers['idempotency-key']));
  assert.is(keys.size, 1, 'one key for every attempt');
  assert.is(bodies.length, 3);
  assert.ok(bodies[0]!.length > 0);
  assert.ok(bodies.every((body) => body === bodies[0]), 'byte-identical bodies');
  assert.is(server.ledger.count('order.created'), 1, 'applied once');
  assert.is(server.ledger.last('order.created')?.key, [...keys][0]);
});

Retry('the caller’s own idempotencyKey is reused on every retry', async ({ server, sdk }) => {
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 502 } });
  await sdk.orders.createOrder({ body: newOrder }, { idempotencyKey: 'my-key-1' });
  assert.equal(hits(server, 'POST', '/orders').map((r) => r.headers['idempotency-key']), ['my-key-1', 'my-key-1']);
});

Retry('400, 403, 404 and 422 are never retried', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 400 } });
  assert.is((await rejection(sdk.users.getMe())).type, 'CLIENT');
  const bobsOrder = server.store.ordersOf('bob@example.com')[0]!;
  assert.is((await rejection(sdk.orders.getOrder({ params: { path: { orderId: bobsOrder.id } } }))).type, 'FORBIDDEN');
  const missing = '00000000-0000-4000-8000-000000000000';
  assert.is((await rejection(sdk.orders.getOrder({ params: { path: { orderId: missing } } }))).type, 'NOT_FOUND');
  const bad = { ...newOrder, items: [{ sku: 'MUG-LOGO', quantity: 0 }] };
  // validate: 'off' so the server's 422 is what is tested, not the SDK's own check.
  assert.is((await rejection(sdk.orders.createOrder({ body: bad }, { validate: 'off' }))).type, 'VALIDATION');
  assert.is(server.requests.length, 4, 'one request each');
  assert.equal(fake.sleeps, []);
});

Retry('per-call retry: false sends once; a per-call object overrides the SDK', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'reset-before' } });
  const once = await rejection(sdk.users.getMe(undefined, { retry: false }));
  assert.is(once.type, 'CONNECTION');
  assert.is(once.attempts, 1);
  const twice = await rejection(sdk.users.getMe(undefined, { retry: { maxRetries: 1, baseDelayMs: 10 } }));
  assert.is(twice.attempts, 2);
  assert.equal(fake.sleeps, [5]);
});

Retry('SDK-level retry: false, re-enabled per call', async ({ server, make, fake }) => {
  const sdk = await make({ retry: false });
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  assert.is((await rejection(sdk.users.getMe())).attempts, 1);
  assert.is((await rejection(sdk.users.getMe(undefined, { retry: { maxRetries: 2 } }))).attempts, 3);
  assert.equal(fake.sleeps, [500, 1000]);
});

Retry('shouldRetry can veto a retry, or ask for one the defaults would not make', async ({ server, make, fake }) => {
  const seen: Array<{ attempt: number; type: string; retryable: boolean }> = [];
  const sdk = await make({
    retry: {
      shouldRetry: ({ error, attempt, retryable }) => {
        seen.push({ attempt, type: error.type, retryable });
        if (error.status === 409) return attempt < 2;
        return error.status === 503 ? false : retryable;
      },
    },
  });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  assert.is((await rejection(sdk.users.getMe())).attempts, 1, 'vetoed');
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 409 } });
  assert.is((await sdk.users.getMe()).email, 'alice@example.com', '409 retried on request');
  assert.equal(seen, [
    { attempt: 1, type: 'SERVER', retryable: true },
    { attempt: 1, type: 'CLIENT', retryable: false },
  ]);
  assert.equal(fake.sleeps, [500]);

  // Never consulted for a request that is unsafe to repeat.
  seen.length = 0;
  const mine = (await sdk.orders.listOrders()).items[0]!;
  server.faults.add({ method: 'PATCH', path: '/orders/{orderId}', fault: { type: 'status', status: 409 } });
  await rejection(sdk.orders.updateOrder({ params: { path: { orderId: mine.id } }, body: { note: 'x' } }));
  assert.equal(seen, []);
});

Retry('a per-call shouldRetry replaces the SDK’s', async ({ server, make }) => {
  const sdk = await make({ retry: { shouldRetry: () => false } });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  const me = await sdk.users.getMe(undefined, { retry: { shouldRetry: ({ retryable }) => retryable } });
  assert.is(me.email, 'alice@example.com');
});

Retry('idempotency: "always" keys every POST/PATCH, which makes a PATCH retryable', async ({ server, make }) => {
  const sdk = await make({ idempotency: 'always' });
  const mine = (await sdk.orders.listOrders()).items[0]!;
  server.faults.add({ method: 'PATCH', path: '/orders/{orderId}', fault: { type: 'status', status: 503 } });
  const updated = await sdk.orders.updateOrder({ params: { path: { orderId: mine.id } }, body: { note: 'keyed' } });
  assert.is(updated.note, 'keyed');
  const patches = hits(server, 'PATCH', `/orders/${mine.id}`);
  assert.is(patches.length, 2);
  assert.match(String(patches[0]?.headers['idempotency-key']), /^[0-9a-f-]{36}$/);
  assert.is(patches[1]?.headers['idempotency-key'], patches[0]?.headers['idempotency-key']);
  // GETs get no key.
  assert.is(hits(server, 'GET', '/orders')[0]?.headers['idempotency-key'], undefined);
});

Retry('a request id set by the caller is kept on every attempt and reported on the error', async ({ server, sdk }) => {
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const error = await rejection(sdk.users.getMe({ headers: { 'X-Request-Id': 'support-ticket-42' } }, { retry: { maxRetries: 1 } }));
  assert.equal(hits(server, 'GET', '/users/me').map((r) => r.headers['x-request-id']), ['support-ticket-42', 'support-ticket-42']);
  assert.is(error.requestId, 'support-ticket-42');
});

Retry('telemetryHeaders: false sends neither header', async ({ server, make }) => {
  const sdk = await make({ telemetryHeaders: false });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  await sdk.users.getMe();
  const sent = hits(server, 'GET', '/users/me');
  assert.is(sent.length, 2);
  assert.ok(sent.every((r) => r.headers['x-tether-attempt'] === undefined));
  // The server invents its own id when none is sent: two different ones.
  assert.is(new Set(sent.map((r) => r.requestId)).size, 2);
});

Retry('retries are logged at warn, one line each, with their delay; a retry a limit prevents at debug', async ({ server, make, fake }) => {
  const lines: Array<{ level: string; message: string; fields: Record<string, unknown> | undefined }> = [];
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => lines.push({ level, message, fields });
  const logger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
  const sdk = await make({ logger, logLevel: 'debug', retryBudget: { capacity: 5 } });
  fake.random = 0.3;
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  await rejection(sdk.users.getMe());
  const retries = lines.filter((line) => line.message.startsWith('[tether] ↻'));
  assert.is(retries.length, 1, 'the budget of 5 pays for one retry');
  assert.is(retries[0]?.level, 'warn');
  assert.match(retries[0]!.message, /^\[tether\] ↻ GET http:\/\/127\.0\.0\.1:\d+\/users\/me: answered 503; retry 1 of 3 in 300 ms$/);
  const { requestId, ...fields } = retries[0]!.fields ?? {};
  assert.equal(fields, { operation: 'users.getMe', attempt: 2, delayMs: 300, reason: 'SERVER', status: 503, retryAfterMs: undefined });
  assert.is(requestId, server.requests.at(-1)?.headers['x-request-id'], 'the id that was sent');
  const skipped = lines.filter((line) => line.message.startsWith('[tether] retry skipped'));
  assert.is(skipped.length, 1);
  assert.is(skipped[0]?.level, 'debug');
  assert.match(skipped[0]!.message, /retry budget for http:\/\/127\.0\.0\.1:\d+\/? is spent$/);
});

Retry.run();
