/**
 * Real Chromium, scenario 5: CORS preflights pass with the SDK's telemetry headers. The page is
 * on one origin and the API on another, so every call with Authorization, a JSON body,
 * Idempotency-Key, X-Request-Id or X-Tether-Attempt is preflighted by the browser itself;
 * test/server answers preflights with a fixed header list (test/server/cors.ts). The control: a
 * header not on that list makes the browser refuse the call, so the passing calls prove the list
 * carries the SDK's headers, not that the browser let anything through.
 */
import * as assert from 'uvu/assert';
import { ATTEMPT_HEADER, REQUEST_ID_HEADER } from '../../generated/v1/index.js';
import { CORS_ALLOWED_REQUEST_HEADERS } from '../server/cors.js';
import { browserSuite, openApp } from './harness/browser-suite.js';

const test = browserSuite('browser: CORS preflights with the telemetry headers');

const lower = (names: readonly string[]) => names.map((name) => name.toLowerCase());

test('the server lists the telemetry headers the SDK sends', () => {
  const allowed = lower(CORS_ALLOWED_REQUEST_HEADERS);
  for (const name of [REQUEST_ID_HEADER, ATTEMPT_HEADER, 'Authorization', 'Idempotency-Key', 'Content-Type']) {
    assert.ok(allowed.includes(name.toLowerCase()), `${name} is in test/server's Access-Control-Allow-Headers`);
  }
});

test('cross-origin calls with the telemetry headers succeed, a retry carrying X-Tether-Attempt included', async (ctx) => {
  const page = await openApp(ctx);
  assert.ok((await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'))).ok);

  // One 503 with Retry-After: 0, so the retry (with X-Tether-Attempt: 2) goes out at once.
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', status: 503, retryAfter: '0' } });
  const me = await page.evaluate(() => window.tether!.me());
  assert.equal(me, { ok: true, value: ctx.server.seed.alice.id });
  const created = await page.evaluate(() => window.tether!.createOrder('MUG-LOGO', 2));
  assert.ok(created.ok, JSON.stringify(created));

  const meCalls = ctx.server.requests.filter((r) => r.path === '/users/me');
  assert.is(meCalls.length, 2, 'the 503 and its retry both reached the server');
  const [first, retry] = meCalls;
  assert.ok(first!.headers[REQUEST_ID_HEADER.toLowerCase()], 'the first attempt carried X-Request-Id');
  assert.is(retry!.headers[ATTEMPT_HEADER.toLowerCase()], '2', 'the retry carried X-Tether-Attempt past the preflight');
  assert.is(retry!.headers[REQUEST_ID_HEADER.toLowerCase()], first!.headers[REQUEST_ID_HEADER.toLowerCase()], 'one request id for the call');
  assert.ok(String(retry!.headers['origin']).startsWith('http://127.0.0.1:') && retry!.headers['origin'] !== ctx.server.url, 'sent cross-origin');

  const post = ctx.server.requests.find((r) => r.method === 'POST' && r.path === '/orders');
  assert.ok(post, 'the POST reached the server');
  assert.ok(post.headers['idempotency-key'], 'with its Idempotency-Key');
  assert.match(String(post.headers['content-type']), 'application/json');
  assert.ok(post.headers[REQUEST_ID_HEADER.toLowerCase()], 'and its X-Request-Id');
  assert.is(ctx.server.ledger.count('order.created'), 1);
});

test('control: a header missing from Access-Control-Allow-Headers makes the browser refuse the call', async (ctx) => {
  const page = await openApp(ctx, '?header=X-Not-Listed&retries=0');
  const signIn = await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'));
  assert.is(signIn.ok, false, 'the browser blocked the call after the preflight');
  assert.is(!signIn.ok && signIn.type, 'CONNECTION', 'a CORS refusal reaches the SDK as a failed fetch');
  assert.is(ctx.server.requests.length, 0, 'the real request never left the browser');
});

test.run();
