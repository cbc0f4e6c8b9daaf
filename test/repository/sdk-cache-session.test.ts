/**
 * The cache across the life of an opaque-token session, through the generated Shop API SDK
 * against test/server (which issues opaque tokens): a refresh, whether answering a 401 or made
 * because the token expires, keeps the user's entries, and so does a restart after one; a
 * logout and a login as someone else still wipe them. And a stored answer that no longer
 * matches the spec (an older app version's, a tampered store) is a miss, never a failed call:
 * the network answers and the bad copy is gone; offline, the call fails as the network did.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';
import {
  createSdk, isCacheMiss, memoryStorage, storageTokenStore,
  type NetworkError, type SdkOptions, type StorageAdapter, type TokenStore,
} from '../../generated/v1/index.js';

const test = serverSuite('sdk cache: opaque-token sessions and stored answers that no longer validate');

const ALICE = { email: 'alice@example.com', password: '' };
const cacheKeys = async (storage: StorageAdapter) => (await storage.getAllKeys()).filter((k) => k.startsWith('tether.cache.v1:'));

interface App {
  sdk: ReturnType<typeof createSdk>;
  advance(ms: number): void;
}

/** One launch of the app: an SDK over `storage` (cache and tokens both persist there), its clock moved only by the test. */
function launch(baseUrl: string, storage: StorageAdapter, tokenStore: TokenStore, extra: Partial<SdkOptions> = {}): App {
  let now = Date.now();
  const sdk = createSdk({ baseUrl, auth: { tokenStore }, logLevel: 'off', retry: false, clock: { now: () => now }, cache: { storage }, ...extra });
  return { sdk, advance: (ms) => void (now += ms) };
}

/** A signed-in app (through the spec's login) with one order read into the cache. */
async function signedIn(ctx: { server: { url: string; seed: { password: string } } }) {
  const storage = memoryStorage();
  const tokenStore = storageTokenStore(storage);
  const app = launch(ctx.server.url, storage, tokenStore);
  await app.sdk.auth.login({ body: { ...ALICE, password: ctx.server.seed.password } });
  const { items } = await app.sdk.orders.listOrders();
  const orderId = items[0]!.id;
  await app.sdk.orders.getOrder({ params: { path: { orderId } } });
  await app.sdk.cache.flush();
  const keys = await cacheKeys(storage);
  assert.ok(keys.length >= 2, 'the list and the order are stored');
  return { ...app, storage, tokenStore, orderId, keys };
}

const cachedOrder = (sdk: App['sdk'], orderId: string) => sdk.orders.getOrder.raw({ params: { path: { orderId } } }, { cache: 'cache-only' });

test('a refresh answering a 401 keeps the user\'s entries (opaque tokens): same scope, nothing wiped', async (ctx) => {
  const app = await signedIn(ctx);
  const before = await app.tokenStore.get();
  ctx.server.tokens.expireAll();
  // Goes to the network: 401, one refresh, the replay answers.
  await app.sdk.orders.listOrders(undefined, { cache: 'network-only' });
  assert.is(ctx.server.tokens.refreshCount, 1);
  assert.is.not((await app.tokenStore.get())?.accessToken, before?.accessToken, 'a new access token');

  await app.sdk.cache.flush();
  const left = await cacheKeys(app.storage);
  assert.equal(app.keys.filter((k) => !left.includes(k)), [], 'every entry is still stored');
  const served = await cachedOrder(app.sdk, app.orderId);
  assert.is(served.cache?.source, 'cache', 'and served to the same user under the new token');
  assert.is(served.data.id, app.orderId);
});

test('a refresh made because the token expires keeps the entries; after it, logout still wipes them', async (ctx) => {
  const app = await signedIn(ctx);
  const { expiresAt } = (await app.tokenStore.get())!;
  app.advance(expiresAt! - Date.now() + 1_000); // the app's clock: past expiry, so the next call refreshes first
  await app.sdk.users.getMe(undefined, { cache: false });
  assert.is(ctx.server.tokens.refreshCount, 1);
  assert.is((await cachedOrder(app.sdk, app.orderId)).data.id, app.orderId, 'stale, still within maxStaleMs, still the user\'s');

  await app.sdk.auth.logout();
  await app.sdk.cache.flush();
  assert.equal(await cacheKeys(app.storage), [], 'logout wiped the refreshed session\'s entries');
  const miss = await cachedOrder(app.sdk, app.orderId).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss), 'memory too');
});

test('a login as another user after a refresh wipes the first user\'s entries; bob never sees them', async (ctx) => {
  const app = await signedIn(ctx);
  ctx.server.tokens.expireAll();
  await app.sdk.orders.listOrders(undefined, { cache: 'network-only' });
  assert.is(ctx.server.tokens.refreshCount, 1);

  await app.sdk.auth.login({ body: { email: 'bob@example.com', password: ctx.server.seed.password } });
  await app.sdk.cache.flush();
  const left = await cacheKeys(app.storage);
  assert.equal(left.filter((k) => app.keys.includes(k)), [], 'alice\'s entries are gone');
  const miss = await app.sdk.orders.listOrders(undefined, { cache: 'cache-only' }).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss), 'bob is not served alice\'s list');
});

test('a restart after a refresh keeps the entries; a restart signed in as someone else wipes them', async (ctx) => {
  const app = await signedIn(ctx);
  ctx.server.tokens.expireAll();
  await app.sdk.orders.listOrders(undefined, { cache: 'network-only' });
  await app.sdk.cache.flush();

  // The next launch: same storage, the refreshed tokens read back from it (new objects).
  const relaunched = launch(ctx.server.url, app.storage, storageTokenStore(app.storage));
  const served = await cachedOrder(relaunched.sdk, app.orderId);
  assert.is(served.cache?.source, 'cache');
  assert.is(served.data.id, app.orderId);
  await relaunched.sdk.cache.flush();
  const left = await cacheKeys(app.storage);
  assert.equal(app.keys.filter((k) => !left.includes(k)), [], 'nothing was wiped');

  // Another launch whose token store holds bob's tokens (written while the app was closed).
  await storageTokenStore(app.storage).set(ctx.server.tokens.issue('bob@example.com'));
  const asBob = launch(ctx.server.url, app.storage, storageTokenStore(app.storage));
  const miss = await cachedOrder(asBob.sdk, app.orderId).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss));
  await asBob.sdk.cache.flush();
  assert.equal((await cacheKeys(app.storage)).filter((k) => app.keys.includes(k)), [], 'alice\'s entries are gone');
});

test('an owner record in the first format (the bare scope) is read: an upgrade keeps the signed-in user\'s entries and still wipes them for another user', async (ctx) => {
  const app = await signedIn(ctx);
  const record = JSON.parse((await app.storage.getItem('tether.cache.owner'))!) as { scope: string; tokens: string[] };
  assert.is(record.tokens.length, 1, 'a digest of the session\'s token');
  assert.not.ok(JSON.stringify(record).includes((await app.tokenStore.get())!.accessToken), 'never the token itself');
  await app.storage.setItem('tether.cache.owner', record.scope); // what the previous release wrote
  const relaunched = launch(ctx.server.url, app.storage, app.tokenStore);
  assert.is((await cachedOrder(relaunched.sdk, app.orderId)).data.id, app.orderId);
  await relaunched.sdk.cache.flush();
  assert.equal((await cacheKeys(app.storage)).length, app.keys.length, 'nothing wiped');

  // The previous release's record again, and the next launch finds bob signed in: alice's go.
  await app.storage.setItem('tether.cache.owner', record.scope);
  const asBob = launch(ctx.server.url, app.storage, storageTokenStore(memoryStorage()));
  await asBob.sdk.auth.login({ body: { email: 'bob@example.com', password: ctx.server.seed.password } });
  await asBob.sdk.cache.flush();
  assert.equal((await cacheKeys(app.storage)).filter((k) => app.keys.includes(k)), [], 'the old record still names whose entries to wipe');
});

/** Rewrites the stored envelope holding order `orderId` with a body that breaks the Order schema. */
async function tamper(storage: StorageAdapter, orderId: string): Promise<string> {
  for (const key of await cacheKeys(storage)) {
    const envelope = JSON.parse((await storage.getItem(key))!) as { key: string; body?: string };
    if (typeof envelope.body !== 'string' || !envelope.key.endsWith(`/orders/${orderId}`)) continue;
    const broken = JSON.stringify({ id: orderId, status: 42 });
    await storage.setItem(key, JSON.stringify({ ...envelope, body: broken }));
    return key;
  }
  throw new Error('no stored entry for the order');
}

test('a stored answer that fails the response schema is a miss: the network answers, the bad copy is replaced', async (ctx) => {
  const app = await signedIn(ctx);
  const key = await tamper(app.storage, app.orderId);
  // A new launch: memory is empty, the tampered copy is read from storage (fresh: max-age 60).
  const relaunched = launch(ctx.server.url, app.storage, app.tokenStore);
  const requests = ctx.server.requests.length;
  const result = await relaunched.sdk.orders.getOrder.raw({ params: { path: { orderId: app.orderId } } });
  assert.is(result.cache?.source, 'network');
  assert.is(result.data.id, app.orderId);
  assert.type(result.data.status, 'string');
  assert.is(ctx.server.requests.slice(requests).filter((r) => r.path === `/orders/${app.orderId}`).length, 1, 'one request');
  await relaunched.sdk.cache.flush();
  const stored = JSON.parse((await app.storage.getItem(key))!) as { body: string };
  assert.not.match(stored.body, '"status":42', 'the bad copy is gone; the network answer took its place');
  const again = await cachedOrder(relaunched.sdk, app.orderId);
  assert.is(again.cache?.source, 'cache', 'and is served from the cache from now on');
});

test('offline, a stored answer that fails the schema is not served: the call fails as the network did (CONNECTION), and the copy is dropped', async (ctx) => {
  const app = await signedIn(ctx);
  const key = await tamper(app.storage, app.orderId);
  const relaunched = launch(ctx.server.url, app.storage, app.tokenStore);
  ctx.server.faults.add({ method: 'GET', path: '/orders/{orderId}', fault: { type: 'reset-before' } });
  const error = (await relaunched.sdk.orders.getOrder({ params: { path: { orderId: app.orderId } } }, { cache: 'network-first' }).catch((e: unknown) => e)) as NetworkError;
  assert.is(error.type, 'CONNECTION');
  await relaunched.sdk.cache.flush();
  assert.is(await app.storage.getItem(key), null, 'the bad entry is removed from storage');
  const miss = await cachedOrder(relaunched.sdk, app.orderId).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss), 'and from memory');
});

test('a network answer that fails the schema rejects (UNKNOWN) every time; its stored copy is never served in its place', async (ctx) => {
  const app = await signedIn(ctx);
  const broken = { id: app.orderId, status: 42 };
  ctx.server.faults.add({ method: 'GET', path: '/orders/{orderId}', times: 2, fault: { type: 'status', status: 200, body: broken, headers: { 'cache-control': 'max-age=60' } } });
  for (let i = 0; i < 2; i++) {
    const error = (await app.sdk.orders.getOrder({ params: { path: { orderId: app.orderId } } }, { cache: 'network-first' }).catch((e: unknown) => e)) as NetworkError;
    assert.is(error.type, 'UNKNOWN', 'the server broke the contract');
  }
  const requests = ctx.server.requests.length;
  const good = await app.sdk.orders.getOrder.raw({ params: { path: { orderId: app.orderId } } });
  assert.is(good.cache?.source, 'network', 'the stored bad answer was dropped, not served');
  assert.type(good.data.status, 'string');
  assert.is(ctx.server.requests.length - requests, 1);
});

test('validate \'warn\' serves a stored answer that does not match (the call passes it through, as it would a download)', async (ctx) => {
  const app = await signedIn(ctx);
  await tamper(app.storage, app.orderId);
  const relaunched = launch(ctx.server.url, app.storage, app.tokenStore, { validate: 'warn' });
  const result = await relaunched.sdk.orders.getOrder.raw({ params: { path: { orderId: app.orderId } } });
  assert.is(result.cache?.source, 'cache');
  assert.is((result.data as { status: unknown }).status, 42);
});

test.run();
