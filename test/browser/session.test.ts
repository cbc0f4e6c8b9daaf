/**
 * Real Chromium, scenario 1: sign in through the bundled SDK, then a cached read. The page runs
 * the esbuild browser bundle on its own origin against test/server on another; tokens and cache
 * live in the page's IndexedDB.
 */
import * as assert from 'uvu/assert';
import { DEFAULT_TOKEN_KEY } from '../../generated/v1/index.js';
import { browserSuite, openApp, reloadApp } from './harness/browser-suite.js';

const test = browserSuite('browser: sign in and a cached read');

test('signs in, and a second read of one order is served from the cache (the server sees one GET)', async (ctx) => {
  const page = await openApp(ctx);
  const { origin, apiUrl } = await page.evaluate(() => ({ origin: window.tether!.origin, apiUrl: window.tether!.apiUrl }));
  assert.is.not(origin, new URL(apiUrl).origin, 'the page and the API are different origins');

  const signIn = await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'));
  assert.equal(signIn, { ok: true, value: null });
  const me = await page.evaluate(() => window.tether!.me());
  assert.equal(me, { ok: true, value: ctx.server.seed.alice.id });

  const orderId = ctx.server.store.ordersOf(ctx.server.seed.alice.id)[0]!.id;
  const first = await page.evaluate((id) => window.tether!.getOrder(id), orderId);
  assert.ok(first.ok && first.value.id === orderId, JSON.stringify(first));
  assert.is(first.ok && first.value.source, 'network');
  const second = await page.evaluate((id) => window.tether!.getOrder(id), orderId);
  assert.is(second.ok && second.value.source, 'cache', JSON.stringify(second));

  const gets = ctx.server.requests.filter((r) => r.method === 'GET' && r.path === `/orders/${orderId}`);
  assert.is(gets.length, 1, 'one GET reached the server');
  const auth = gets[0]!.headers['authorization'];
  assert.ok(typeof auth === 'string' && auth.startsWith('Bearer '), 'the read carried the access token');
});

test('after a reload the session and the cached order are still there (IndexedDB)', async (ctx) => {
  const page = await openApp(ctx);
  const signIn = await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'));
  assert.ok(signIn.ok);
  const orderId = ctx.server.store.ordersOf(ctx.server.seed.alice.id)[1]!.id;
  assert.ok((await page.evaluate((id) => window.tether!.getOrder(id), orderId)).ok);

  const records = await page.evaluate(() => window.tether!.storedRecords());
  assert.ok(records.some((record) => record.key === DEFAULT_TOKEN_KEY), 'the session is in IndexedDB');
  assert.ok(records.some((record) => record.value.includes(orderId)), 'so is the cached order');

  await reloadApp(page);
  const again = await page.evaluate((id) => window.tether!.getOrder(id), orderId);
  assert.is(again.ok && again.value.source, 'cache', JSON.stringify(again));
  const me = await page.evaluate(() => window.tether!.me());
  assert.equal(me, { ok: true, value: ctx.server.seed.alice.id }, 'the token store survived the reload');
  assert.is(ctx.server.requests.filter((r) => r.path === `/orders/${orderId}`).length, 1);
  assert.is(ctx.server.requests.filter((r) => r.path === '/auth/login').length, 1, 'no second sign-in');
});

test.run();
