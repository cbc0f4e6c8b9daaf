/**
 * The cache wired into the generated Shop API SDK, against test/server over loopback: ETag
 * revalidation through sdk calls (typed data from a 304), provenance on `.raw()`, logout and
 * user switches, dedupe of 100 sdk calls, network-first's fallback on CONNECTION, mutations
 * invalidating, per-operation and per-call policies, and withCache for createClient.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';
import {
  createClient, createSdk, getOrder, isCacheMiss, memoryStorage, memoryTokenStore, withAuth, withCache,
  type NetworkError, type SdkOptions, type StorageAdapter, type TokenStore,
} from '../../generated/v1/index.js';

const test = serverSuite('sdk cache: Shop API end to end');

interface Setup {
  sdk: ReturnType<typeof createSdk>;
  tokenStore: TokenStore;
  storage: StorageAdapter;
  advance(ms: number): void;
}

/** An SDK with a cache over memory storage and a clock only the test moves, signed in as `user`. */
function cachedSdk(ctx: { server: { url: string; tokens: { issue(u: string): { accessToken: string; refreshToken: string; expiresAt?: number } } } }, user: string | undefined, extra: Partial<SdkOptions> = {}): Setup {
  let now = Date.now();
  const storage = memoryStorage();
  const tokenStore = memoryTokenStore(user === undefined ? null : ctx.server.tokens.issue(user));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', clock: { now: () => now }, cache: { storage }, ...extra });
  return { sdk, tokenStore, storage, advance: (ms) => void (now += ms) };
}

const hits = (requests: ReadonlyArray<{ method: string; path: string }>, path: string) => requests.filter((r) => r.method === 'GET' && r.path === path).length;
const cacheKeys = async (storage: StorageAdapter) => (await storage.getAllKeys()).filter((k) => k.startsWith('tether.cache.v1:'));

test('ETag through the SDK: fresh answers from the cache, then If-None-Match and a 304 serve the stored body as typed data', async (ctx) => {
  const { sdk, advance } = cachedSdk(ctx, 'alice@example.com');
  const { items } = await sdk.orders.listOrders();
  const orderId = items[0]!.id;
  const first = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(first.cache?.source, 'network');
  const etag = first.response.headers.get('etag');
  assert.ok(etag);
  const second = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(second.cache?.source, 'cache', 'fresh for max-age=60: no request');
  assert.is(second.cache?.stale, false);
  assert.equal(second.data, first.data);
  const safe = await sdk.orders.getOrder.safe({ params: { path: { orderId } } });
  assert.is(safe.error === undefined ? safe.cache?.source : 'error', 'cache', '.safe() says where its data came from too');
  assert.is(hits(ctx.server.requests, `/orders/${orderId}`), 1);

  advance(61_000);
  const third = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  const seen = ctx.server.requests.filter((r) => r.path === `/orders/${orderId}`);
  assert.is(seen.length, 2);
  assert.is(seen[1]!.headers['if-none-match'], etag);
  assert.is(third.cache?.source, 'revalidated');
  assert.is(third.response.status, 200, 'the app sees the stored 200, never the 304');
  assert.equal(third.data, first.data);
  assert.is(third.data.id, orderId, 'typed data, parsed from the stored body');
  // Each caller parses its own copy: changing one answer does not change what the cache serves.
  (third.data as { status: string }).status = 'tampered';
  const fourth = await sdk.orders.getOrder({ params: { path: { orderId } } });
  assert.is.not(fourth.status, 'tampered');
});

test('user A → logout → user B: A\'s entries are wiped from memory and storage, and B never sees them', async (ctx) => {
  const { sdk, tokenStore, storage } = cachedSdk(ctx, 'alice@example.com');
  const aliceList = await sdk.orders.listOrders();
  await sdk.cache.flush();
  assert.ok((await cacheKeys(storage)).length > 0, 'alice\'s list is stored');

  await sdk.auth.logout();
  await sdk.cache.flush();
  assert.equal(await cacheKeys(storage), [], 'logout removed alice\'s entries from storage');
  const missAfterLogout = await sdk.orders.listOrders(undefined, { cache: 'cache-only' }).catch((e: unknown) => e);
  assert.ok(isCacheMiss(missAfterLogout), 'nothing left in memory either');

  await tokenStore.set(ctx.server.tokens.issue('bob@example.com'));
  const bobMiss = await sdk.orders.listOrders(undefined, { cache: 'cache-only' }).catch((e: unknown) => e);
  assert.ok(isCacheMiss(bobMiss), 'bob is not served alice\'s list');
  const bobList = await sdk.orders.listOrders();
  assert.is(bobList.items.length, 2);
  assert.not.equal(bobList.items.map((o) => o.id), aliceList.items.map((o) => o.id));
});

test('a user switch without logout (tokenStore.set with someone else) wipes the first user and never mixes their entries', async (ctx) => {
  const { sdk, tokenStore, storage } = cachedSdk(ctx, 'alice@example.com');
  const { items } = await sdk.orders.listOrders();
  await sdk.orders.getOrder({ params: { path: { orderId: items[0]!.id } } });
  await sdk.cache.flush();
  const aliceKeys = await cacheKeys(storage);
  assert.ok(aliceKeys.length >= 2);

  // The app writes the store itself (not through the SDK): the next call notices the new subject.
  await tokenStore.set(ctx.server.tokens.issue('bob@example.com'));
  const miss = await sdk.orders.getOrder({ params: { path: { orderId: items[0]!.id } } }, { cache: 'cache-only' }).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss), 'bob gets no answer from alice\'s entry');
  await sdk.cache.flush();
  const left = await cacheKeys(storage);
  assert.equal(left.filter((k) => aliceKeys.includes(k)), [], 'alice\'s entries are gone from storage');
});

test('a user switch while the app was closed: the next launch as another user wipes the previous user\'s persisted entries', async (ctx) => {
  const alice = cachedSdk(ctx, 'alice@example.com');
  await alice.sdk.orders.listOrders();
  await alice.sdk.cache.flush();
  const aliceKeys = await cacheKeys(alice.storage);
  assert.ok(aliceKeys.length > 0);

  // A new SDK over the same storage (a restart), signed in as bob from the start.
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('bob@example.com'));
  const bob = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', cache: { storage: alice.storage } });
  const bobList = await bob.orders.listOrders.raw();
  assert.is(bobList.cache?.source, 'network');
  await bob.cache.flush();
  const left = await cacheKeys(alice.storage);
  assert.equal(left.filter((k) => aliceKeys.includes(k)), [], 'alice\'s entries are gone');
  const values = await Promise.all(left.map((k) => alice.storage.getItem(k)));
  assert.ok(values.some((v) => v?.includes(bobList.data.items[0]!.id)), 'bob\'s list is stored');
});

test('100 concurrent identical sdk calls send one request and all resolve with the same typed data', async (ctx) => {
  const { sdk } = cachedSdk(ctx, 'alice@example.com');
  const { items } = await sdk.orders.listOrders(undefined, { cache: false });
  const orderId = items[0]!.id;
  ctx.server.faults.add({ method: 'GET', path: '/orders/{orderId}', fault: { type: 'latency', ms: 100 } });
  const calls = Array.from({ length: 100 }, () => sdk.orders.getOrder({ params: { path: { orderId } } }, { cache: 'network-first' }));
  const results = await Promise.all(calls);
  assert.is(hits(ctx.server.requests, `/orders/${orderId}`), 1);
  assert.ok(results.every((r) => r.id === orderId));
  assert.ok(new Set(results).size === 100, 'every caller has its own object');
});

test('network-first falls back to the stored copy on CONNECTION and says so; a 4xx is never a reason to fall back', async (ctx) => {
  const { sdk } = cachedSdk(ctx, 'alice@example.com', { retry: false, cache: { strategy: 'network-first' } });
  const { items } = await sdk.orders.listOrders();
  const orderId = items[0]!.id;
  assert.is((await sdk.orders.getOrder.raw({ params: { path: { orderId } } })).cache?.source, 'network');
  const online = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(online.cache?.source, 'revalidated', 'network-first asks even when fresh (a 304 here)');

  ctx.server.faults.add({ method: 'GET', path: '/orders/{orderId}', fault: { type: 'reset-before' } });
  const offline = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(offline.cache?.source, 'cache');
  assert.is(offline.cache?.stale, true);
  assert.is(offline.cache?.fallbackReason, 'CONNECTION');
  assert.equal(offline.data, online.data);

  ctx.server.faults.add({ method: 'GET', path: '/orders/{orderId}', fault: { type: 'status', status: 404, body: { type: 'about:blank', title: 'Not Found', status: 404 } } });
  const error = (await sdk.orders.getOrder({ params: { path: { orderId } } }).catch((e: unknown) => e)) as NetworkError;
  assert.is(error.type, 'NOT_FOUND');
  assert.is(error.status, 404);
});

test('a successful mutation invalidates the entry: the next read goes to the network and sees the change', async (ctx) => {
  const { sdk } = cachedSdk(ctx, 'alice@example.com');
  const { items } = await sdk.orders.listOrders();
  const orderId = items[0]!.id;
  const before = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  const updated = await sdk.orders.updateOrder({ params: { path: { orderId }, header: { 'If-Match': before.response.headers.get('etag')! } }, body: { note: 'leave at the door' } });
  const after = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(after.cache?.source, 'network');
  assert.is(after.data.note, 'leave at the door');
  assert.is(after.data.version, updated.version);
});

test('per-operation and per-call policies: operations config, cache: false bypasses, a strategy per call', async (ctx) => {
  const { sdk } = cachedSdk(ctx, 'alice@example.com', { cache: { operations: { 'orders.listOrders': false } } });
  await sdk.orders.listOrders();
  const second = await sdk.orders.listOrders.raw();
  assert.is(second.cache, undefined, 'listOrders is kept out of the cache');
  assert.is(hits(ctx.server.requests, '/orders'), 2);

  const orderId = second.data.items[0]!.id;
  await sdk.orders.getOrder({ params: { path: { orderId } } });
  const bypass = await sdk.orders.getOrder.raw({ params: { path: { orderId } } }, { cache: false });
  assert.is(bypass.cache, undefined);
  const onlyCache = await sdk.orders.getOrder.raw({ params: { path: { orderId } } }, { cache: 'cache-only' });
  assert.is(onlyCache.cache?.source, 'cache');
  assert.is(hits(ctx.server.requests, `/orders/${orderId}`), 2);
});

test('options are checked once, naming the option; a mutation cannot be given a read strategy', (ctx) => {
  const base = { baseUrl: ctx.server.url, logLevel: 'off' as const };
  const refuses = (cache: unknown, pattern: RegExp) => assert.throws(() => createSdk({ ...base, cache } as SdkOptions), (e: unknown) => e instanceof TypeError && pattern.test(e.message));
  refuses('yes', /options\.cache must be an object/);
  refuses({ strategy: 'cache-sometimes' }, /options\.cache\.strategy must be one of/);
  refuses({ ttlMs: -1 }, /options\.cache\.ttlMs/);
  refuses({ maxEntries: 1.5 }, /options\.cache\.maxEntries/);
  refuses({ storage: {} }, /options\.cache\.storage must be a storage adapter/);
  refuses({ scope: '' }, /options\.cache\.scope/);
  refuses({ operations: { getOrder: 'cache-first' } }, /options\.cache\.operations\["getOrder"\]/);
  refuses({ operations: { 'orders.createOrder': 'cache-first' } }, /orders\.createOrder.*mutation/);
  assert.throws(() => createSdk({ ...base, cache: {}, storage: {} } as unknown as SdkOptions), (e: unknown) => e instanceof TypeError && /options\.storage must be a storage adapter/.test(e.message));
});

test('createClient: `cache` needs withCache (TypeError otherwise); with it, standalone calls share the cache', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  assert.throws(() => createClient(withAuth({ baseUrl: ctx.server.url, auth: { tokenStore }, cache: {} })), (e: unknown) => e instanceof TypeError && /withCache/.test(e.message));
  const client = createClient(withCache(withAuth({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off' as const, cache: {} })));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off' });
  const { items } = await sdk.orders.listOrders();
  const orderId = items[0]!.id;
  const first = await getOrder.raw(client, { params: { path: { orderId } } });
  const second = await getOrder.raw(client, { params: { path: { orderId } } });
  assert.is(first.cache?.source, 'network');
  assert.is(second.cache?.source, 'cache');
  assert.is(second.data.id, orderId);
});

test('without the cache option nothing changes: no provenance, every call is a request, sdk.cache is inert', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off' });
  const { items } = await sdk.orders.listOrders();
  const orderId = items[0]!.id;
  await sdk.orders.getOrder({ params: { path: { orderId } } });
  const again = await sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  assert.is(again.cache, undefined);
  assert.is(hits(ctx.server.requests, `/orders/${orderId}`), 2);
  assert.is(sdk.cache.enabled, false);
  await sdk.cache.clear();
  const off = sdk.cache.subscribe('orders.getOrder', { params: { path: { orderId } } }, () => assert.unreachable('never notified'));
  off();
});

// Checked by tsc (never run): operation ids, init and data of sdk.cache are typed per operation.
export function typeChecks(sdk: ReturnType<typeof createSdk>): void {
  const off = sdk.cache.subscribe('orders.getOrder', { params: { path: { orderId: 'x' } } }, (update) => {
    if (update.type === 'updated') {
      const status: string = update.data.status;
      void status;
    }
  });
  off();
  // @ts-expect-error not an operation of the SDK
  sdk.cache.subscribe('orders.getOrdr', { params: { path: { orderId: 'x' } } }, () => undefined);
  // @ts-expect-error the init of getOrder needs its path parameter
  void sdk.cache.invalidate('orders.getOrder', { params: { path: {} } });
  // @ts-expect-error not a strategy
  void sdk.orders.getOrder({ params: { path: { orderId: 'x' } } }, { cache: 'sometimes' });
}

test.run();
