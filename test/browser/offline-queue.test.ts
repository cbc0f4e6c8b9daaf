/**
 * Real Chromium, scenario 2: the network cut with the DevTools protocol's offline emulation
 * (`navigator.onLine` false, the `offline` event fired, the SDK's browserConnectivity agrees);
 * mutations queued in IndexedDB (read back with the raw IndexedDB API); the page reloaded while
 * offline (the app shell's service worker serves it, as an offline-capable web app's does);
 * the network restored; the queue drains in the reloaded page by itself (reconnect, no
 * process() call) and test/server's ledger holds every mutation exactly once.
 */
import * as assert from 'uvu/assert';
import { browserSuite, openApp, reloadApp } from './harness/browser-suite.js';
import { eventually } from './harness/poll.js';

const test = browserSuite('browser: offline queue across a reload');

/** The queue's entry records in the page's IndexedDB (`<namespace>.q.<sequence>.<id>`, docs/offline.md). */
const isQueueKey = (key: string) => /\.q\./.test(key);

const ORDERS = [
  { sku: 'MUG-LOGO', quantity: 2 },
  { sku: 'CAP-RED', quantity: 1 },
  { sku: 'SOCKS-3PK', quantity: 3 },
];

test('mutations queued offline survive a reload and are applied once when the network returns', async (ctx) => {
  const seeded = new Set(ctx.server.store.ordersOf(ctx.server.seed.alice.id).map((order) => order.id));
  const page = await openApp(ctx);
  assert.ok(await page.evaluate(() => window.tether!.shellReady()), 'the service worker controls the page');
  assert.ok((await page.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'))).ok);

  // The network cut, as DevTools' "Offline" does it.
  await ctx.browser.setOffline(true);
  const cut = await page.evaluate(() => window.tether!.connectivity());
  assert.is(cut.navigatorOnLine, false, 'navigator.onLine is false');
  assert.ok(cut.events.includes('offline'), 'the offline event fired');
  assert.is(cut.adapterOnline, false, "the SDK's browserConnectivity says offline");

  const entryIds: string[] = [];
  for (const { sku, quantity } of ORDERS) {
    const queued = await page.evaluate(([s, q]) => window.tether!.queueOrder(s, q), [sku, quantity] as const);
    assert.ok(queued.ok && queued.value.queued, `${sku} was queued, not sent: ${JSON.stringify(queued)}`);
    if (queued.ok && queued.value.queued) entryIds.push(queued.value.entryId);
  }
  const pending = await page.evaluate(() => window.tether!.pending());
  assert.equal(pending.map((entry) => entry.id), entryIds, 'pending in enqueue order');
  const keys = new Set(pending.map((entry) => entry.idempotencyKey));
  assert.is(keys.size, ORDERS.length, 'each entry has its own idempotency key, fixed at enqueue');
  assert.not.ok(keys.has(undefined));

  const stored = (await page.evaluate(() => window.tether!.storedRecords())).filter((record) => isQueueKey(record.key));
  assert.is(stored.length, ORDERS.length, 'IndexedDB holds one record per queued mutation');
  for (const { sku } of ORDERS) assert.ok(stored.some((record) => record.value.includes(sku)), `${sku} is on disk`);
  for (const id of entryIds) assert.ok(stored.some((record) => record.key.endsWith(id)), `entry ${id} is keyed by its id`);
  assert.not.ok(stored.some((record) => /Bearer|accessToken/i.test(record.value)), 'no credential is stored with an entry');

  // Reloaded while offline: a fresh SDK over the same IndexedDB, still offline.
  await reloadApp(page);
  const afterReload = await page.evaluate(() => window.tether!.connectivity());
  assert.is(afterReload.navigatorOnLine, false, 'still offline after the reload');
  assert.equal((await page.evaluate(() => window.tether!.pending())).map((entry) => entry.id), entryIds, 'the queue survived the reload');
  assert.is(ctx.server.ledger.count('order.created'), 0, 'nothing reached the server while offline');
  assert.is(ctx.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders').length, 0);

  // The network returns: the reloaded page drains the queue without being asked.
  await ctx.browser.setOffline(false);
  await eventually(async () => (await page.evaluate(() => window.tether!.pending())).length === 0, 'the queue draining');
  await eventually(async () => (await page.evaluate(() => window.tether!.offlineEvents())).includes('drained'), 'the drained event');
  const online = await page.evaluate(() => window.tether!.connectivity());
  assert.ok(online.navigatorOnLine && online.adapterOnline, 'online again, for the page and the SDK');
  assert.ok(online.events.includes('online'), 'the online event fired');

  assert.is(ctx.server.ledger.count('order.created'), ORDERS.length, 'every mutation applied exactly once');
  const posts = ctx.server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  assert.equal(new Set(posts.map((r) => r.headers['idempotency-key'])), keys, 'sent with the keys fixed at enqueue');
  const created = ctx.server.store.ordersOf(ctx.server.seed.alice.id).filter((order) => !seeded.has(order.id));
  const items = created.map((order) => order.items.map((item) => `${item.sku}×${item.quantity}`).join()).sort();
  assert.equal(items, ORDERS.map(({ sku, quantity }) => `${sku}×${quantity}`).sort(), 'the orders alice now has are exactly the queued ones');
  const left = (await page.evaluate(() => window.tether!.storedRecords())).filter((record) => isQueueKey(record.key));
  assert.is(left.length, 0, 'IndexedDB no longer holds the sent entries');
});

test.run();
