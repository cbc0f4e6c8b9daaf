/**
 * Optimistic updates through `sdk.cache.update`, against test/server: an updateOrder queued
 * offline changes the cached getOrder at once (subscribers, cache-first reads, `get`, the
 * persistent tier); a permanent failure of its replay rolls it back; a successful replay leaves
 * the server's answer, not the optimistic copy; an expired entry is rolled back too; a rollback
 * after a newer server answer leaves that answer; a 304 keeps the change (but not one an earlier
 * launch left without its rollback); nothing stored → the updater is never called.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import {
  createSdk, manualConnectivity, memoryStorage, memoryTokenStore, type CacheUpdate, type Sdk, type StorageAdapter, type TokenStore,
} from '../../../generated/v1/index.js';
import type { TestServer } from '../../server/index.js';

type Order = Awaited<ReturnType<Sdk['orders']['getOrder']>>;
type Patch = NonNullable<Parameters<Sdk['orders']['updateOrder']>[0]>;

const test = serverSuite('optimistic updates through sdk.cache.update');

/**
 * An app whose updateOrder is optimistic: its hook closes over `sdk` (annotated `Sdk`, so the
 * hook's own use of `sdk` type-checks) and changes the cached order with the queued patch.
 */
function launch(server: TestServer, shared: { storage?: StorageAdapter; tokenStore?: TokenStore; maxRetentionMs?: number } = {}) {
  let now = Date.now();
  const storage = shared.storage ?? memoryStorage();
  const tokenStore = shared.tokenStore ?? memoryTokenStore(server.tokens.issue('alice@example.com'));
  const network = manualConnectivity(true);
  const errors: unknown[] = [];
  const sdk: Sdk = createSdk({
    baseUrl: server.url, logLevel: 'off', retry: false, auth: { tokenStore }, storage, connectivity: network,
    clock: { now: () => now, random: () => 0.5 },
    cache: {},
    offline: {
      autoProcess: false,
      ...(shared.maxRetentionMs !== undefined && { maxRetentionMs: shared.maxRetentionMs }),
      repeatable: ['orders.updateOrder'],
      onError: (error) => errors.push(error),
      optimistic: {
        'orders.updateOrder': (entry) => {
          const init = entry.init as Patch;
          return sdk.cache.update('orders.getOrder', { params: { path: { orderId: init.params.path.orderId } } }, (order) => ({ ...order, ...init.body }) as Order);
        },
      },
    },
  });
  return { sdk, storage, tokenStore, network, errors, advance: (ms: number) => void (now += ms) };
}

/** Alice's first order, read through the cache (so it is stored), and a subscription to it. */
async function cachedOrder(app: ReturnType<typeof launch>) {
  const { items } = await app.sdk.orders.listOrders();
  const orderId = items[0]!.id;
  const init = { params: { path: { orderId } } };
  const original = await app.sdk.orders.getOrder(init);
  const seen: Array<CacheUpdate<Order>> = [];
  const off = app.sdk.cache.subscribe('orders.getOrder', init, (update) => void seen.push(update));
  await off.ready;
  return { orderId, init, original, seen, off };
}

const gets = (server: TestServer, orderId: string) => server.requests.filter((r) => r.method === 'GET' && r.path === `/orders/${orderId}`).length;
const notes = (seen: ReadonlyArray<CacheUpdate<Order>>) => seen.map((u) => (u.type === 'updated' ? `${u.source}:${u.data.note}` : u.type));

test('queued offline: subscribers, cache-first reads, get and the persistent tier see the change; a 422 replay rolls it back', async ({ server }) => {
  const app = launch(server);
  const { orderId, init, original, seen } = await cachedOrder(app);
  app.network.set(false);
  // Customers may not set 'shipped': the server refuses the replay for good (422).
  await app.sdk.offline.enqueue('orders.updateOrder', { params: { path: { orderId } }, body: { note: 'Leave at the door', status: 'shipped' } });
  assert.equal(notes(seen), ['local:Leave at the door'], 'the subscriber heard the optimistic change');
  const before = gets(server, orderId);
  const read = await app.sdk.orders.getOrder(init);
  assert.is(read.note, 'Leave at the door');
  assert.is(read.status, 'shipped');
  assert.is(gets(server, orderId), before, 'cache-first answered from the changed entry, no request');
  assert.is((await app.sdk.cache.get('orders.getOrder', init))?.note, 'Leave at the door');
  await app.sdk.cache.flush();
  const relaunched = launch(server, { storage: app.storage, tokenStore: app.tokenStore });
  assert.is((await relaunched.sdk.cache.get('orders.getOrder', init))?.note, 'Leave at the door', 'written to the persistent tier too');

  app.network.set(true);
  const failed: string[] = [];
  app.sdk.offline.on('failed', ({ error }) => void failed.push(error.type));
  await app.sdk.offline.process();
  assert.equal(failed, ['VALIDATION']);
  assert.equal(notes(seen), ['local:Leave at the door', `local:${original.note}`], 'the rollback was heard too');
  assert.equal(await app.sdk.orders.getOrder(init), original, 'reads see the original again');
  assert.is(gets(server, orderId), before, 'still from the cache: the entry keeps its freshness');
  await app.sdk.cache.flush();
  assert.equal(await launch(server, { storage: app.storage, tokenStore: app.tokenStore }).sdk.cache.get('orders.getOrder', init), original, 'rolled back in storage as well');
  assert.equal(app.errors, []);
});

test("a successful replay leaves the server's answer on the next read, not the optimistic copy", async ({ server }) => {
  const app = launch(server);
  const { orderId, init, original, seen } = await cachedOrder(app);
  app.network.set(false);
  await app.sdk.offline.enqueue('orders.updateOrder', { params: { path: { orderId } }, body: { note: 'Ring twice' } });
  assert.is((await app.sdk.orders.getOrder(init)).version, original.version, 'the optimistic copy keeps the old version');
  app.network.set(true);
  await app.sdk.offline.process();
  assert.equal(await app.sdk.offline.deadLetters(), []);
  const before = gets(server, orderId);
  const read = await app.sdk.orders.getOrder(init);
  assert.is(gets(server, orderId), before + 1, 'the PATCH invalidated the entry: the read went to the server');
  assert.is(read.note, 'Ring twice');
  assert.ok(read.version > original.version, "the server's answer, with its new version");
  assert.equal(await app.sdk.cache.get('orders.getOrder', init), read);
  assert.equal(notes(seen).slice(0, 2), ['local:Ring twice', 'invalidated']);
});

test('a rollback after a newer server answer leaves that answer; a 304 keeps the change and its rollback', async ({ server }) => {
  const app = launch(server);
  const { orderId, init, original } = await cachedOrder(app);
  const rollback = await app.sdk.cache.update('orders.getOrder', init, (order) => ({ ...order, note: 'optimistic' }));
  // Revalidated while the server still has the original: a 304, so the change stays.
  const revalidated = await app.sdk.orders.getOrder(init, { cache: 'network-first' });
  assert.is(revalidated.note, 'optimistic');
  await rollback();
  assert.equal(await app.sdk.cache.get('orders.getOrder', init), original);

  const again = await app.sdk.cache.update('orders.getOrder', init, (order) => ({ ...order, note: 'optimistic again' }));
  // Someone else changes the order; a network-first read stores the newer answer.
  const other = launch(server);
  const changed = await other.sdk.orders.updateOrder({ params: { path: { orderId } }, body: { note: 'from another device' } });
  const newer = await app.sdk.orders.getOrder(init, { cache: 'network-first' });
  assert.is(newer.note, 'from another device');
  await again(); // not ours anymore
  assert.equal(await app.sdk.cache.get('orders.getOrder', init), changed, 'the newer answer stays');
});

test('a change left by an earlier launch (its rollback gone with it) gives way to the server body at the next 304', async ({ server }) => {
  const first = launch(server);
  const { init, original } = await cachedOrder(first);
  await first.sdk.cache.update('orders.getOrder', init, (order) => ({ ...order, note: 'never confirmed' }));
  await first.sdk.cache.flush();
  const second = launch(server, { storage: first.storage, tokenStore: first.tokenStore });
  assert.is((await second.sdk.orders.getOrder(init)).note, 'never confirmed', 'still fresh: served as stored');
  const revalidated = await second.sdk.orders.getOrder.raw(init, { cache: 'network-first' });
  assert.is(revalidated.cache?.source, 'revalidated', 'a 304');
  assert.equal(revalidated.data, original, "the server's body the change was made on");
  assert.equal(await second.sdk.cache.get('orders.getOrder', init), original);
});

test('an entry that expires offline is rolled back too', async ({ server }) => {
  const app = launch(server, { maxRetentionMs: 5_000 });
  const { orderId, init, original, seen } = await cachedOrder(app);
  app.network.set(false);
  await app.sdk.offline.enqueue('orders.updateOrder', { params: { path: { orderId } }, body: { note: 'too late' } });
  app.advance(10_000); // past retention, still within the order's max-age of 60 s
  const expired: string[] = [];
  app.sdk.offline.on('expired', ({ entry }) => void expired.push(entry.id));
  await app.sdk.offline.process();
  assert.is(expired.length, 1);
  assert.equal(notes(seen), ['local:too late', `local:${original.note}`]);
  assert.equal(await app.sdk.orders.getOrder(init), original);
});

test('nothing stored: the updater is not called and the rollback does nothing; bad data is refused, and not returned by get, under strict validation', async ({ server }) => {
  const app = launch(server);
  const { items } = await app.sdk.orders.listOrders();
  const init = { params: { path: { orderId: items[0]!.id } } };
  let called = false;
  const rollback = await app.sdk.cache.update('orders.getOrder', init, (order) => {
    called = true;
    return order;
  });
  assert.is(called, false);
  await rollback();
  assert.is(await app.sdk.cache.get('orders.getOrder', init), undefined);

  const original = await app.sdk.orders.getOrder(init);
  let refused: unknown;
  await app.sdk.cache.update('orders.getOrder', init, (order) => ({ ...order, total: 'lots' }) as unknown as Order).catch((error: unknown) => void (refused = error));
  assert.instance(refused, TypeError);
  assert.equal(await app.sdk.cache.get('orders.getOrder', init), original, 'nothing was changed');

  // A stored copy that no longer matches the spec (an older app version's, a tampered one) is no Order.
  await app.sdk.cache.flush();
  for (const key of await app.storage.getAllKeys()) {
    const text = (await app.storage.getItem(key)) ?? '';
    if (!text.includes('"body":"{')) continue;
    const envelope = JSON.parse(text) as { body: string };
    await app.storage.setItem(key, JSON.stringify({ ...envelope, body: JSON.stringify({ ...original, total: 'lots' }) }));
  }
  assert.is(await launch(server, { storage: app.storage, tokenStore: app.tokenStore }).sdk.cache.get('orders.getOrder', init), undefined);
});

/** Type-level checks (tsc covers test/); never called. */
function typeChecks(sdk: Sdk): void {
  const init = { params: { path: { orderId: 'x' } } };
  const read: Promise<Order | undefined> = sdk.cache.get('orders.getOrder', init);
  void read;
  // @ts-expect-error the updater must return a whole Order
  void sdk.cache.update('orders.getOrder', init, () => ({ note: 'x' }));
  // @ts-expect-error not an operation of the SDK
  void sdk.cache.get('orders.getOrdr', init);
  // @ts-expect-error the init of getOrder needs its path parameter
  void sdk.cache.update('orders.getOrder', { params: { path: {} } }, (order) => order);
}
void typeChecks;

test.run();
