/**
 * Batching and the cache together, against test/server: the cache answers first and only its
 * misses reach the batcher; an item's cache entry takes the batch answer's freshness, never its
 * validators or deprecation headers; createClient batches with withBatch(options, …operations).
 * Batch request bodies are read by a `fetch` that records them and passes them to the real one.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';
import { PASSWORD } from '../e2e/helpers.js';
import {
  batchGetUsers, createClient, createSdk, getUser, isBatchItemMissing, isNetworkError, memoryTokenStore, withAuth, withBatch, withCache,
  type DeprecationNotice, type SdkOptions,
} from '../../generated/v1/index.js';
import type { TestServer } from '../../test/server/index.js';

const EXTRA = 100;
const test = serverSuite('batch + cache: the cache checks first, only misses are batched', { server: { extraUsers: EXTRA } });

const userId = (i: number) => `e0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const CAROL = 'ca401000-0000-4000-8000-000000000003';
const get = (id: string) => ({ params: { path: { userId: id } } });

/** Logs of what went out: every batch body's ids and every single GET path. */
function recorder() {
  const batches: string[][] = [];
  const singles: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/users/batch-get') batches.push(((await request.clone().json()) as { ids: string[] }).ids);
    else if (request.method === 'GET' && url.pathname.startsWith('/users/')) singles.push(url.pathname);
    return globalThis.fetch(request);
  };
  return { batches, singles, fetch };
}

/** An SDK signed in as bob (an admin: sees every user) with cache and batch on. */
async function sdkFor(server: TestServer, extra: Partial<SdkOptions> = {}) {
  const log = recorder();
  const warnings: string[] = [];
  const notices: DeprecationNotice[] = [];
  const sdk = createSdk({
    baseUrl: server.url,
    auth: { tokenStore: memoryTokenStore() },
    cache: { ttlMs: 60_000 },
    batch: true,
    fetch: log.fetch,
    logger: { debug() {}, info() {}, warn: (message: string) => void warnings.push(message), error() {} },
    logLevel: 'warn',
    onDeprecation: (notice) => void notices.push(notice),
    ...extra,
  });
  await sdk.auth.login({ body: { email: 'bob@example.com', password: PASSWORD } });
  return { sdk, log, warnings, notices };
}

test('a second getUser for a cached user is served from the cache with no request', async ({ server }) => {
  const { sdk, log } = await sdkFor(server);
  const first = await Promise.all([ALICE, CAROL].map((id) => sdk.users.getUser(get(id))));
  assert.equal(log.batches, [[ALICE, CAROL]]);
  assert.equal(log.singles, []);
  server.requests.length = 0;
  const again = await sdk.users.getUser(get(ALICE));
  assert.equal(again, first[0]);
  assert.is(server.requests.length, 0, 'no request at all');
  const raw = await sdk.users.getUser.raw(get(CAROL));
  assert.is(raw.cache?.source, 'cache');
  assert.is(server.requests.length, 0);
});

test('100 getUser calls, 40 of the users cached: only the 60 misses go out, in batch calls', async ({ server }) => {
  const { sdk, log } = await sdkFor(server, { batch: { 'users.getUser': { maxBatchSize: 25 } } });
  const ids = Array.from({ length: EXTRA }, (_, i) => userId(i));
  const cached = ids.filter((_, i) => i % 5 < 2); // 40, spread over the list
  await Promise.all(cached.map((id) => sdk.users.getUser(get(id))));
  assert.is(log.batches.length, 2, 'the 40 warm-up reads: ceil(40 / 25) batch calls');
  log.batches.length = 0;

  const users = await Promise.all(ids.map((id) => sdk.users.getUser(get(id))));
  users.forEach((user, i) => assert.is(user.id, ids[i], `caller ${i} got its own user`));
  const sent = log.batches.flat();
  assert.is(sent.length, 60);
  assert.equal(new Set(sent), new Set(ids.filter((id) => !cached.includes(id))));
  assert.is(log.batches.length, Math.ceil(60 / 25));
  assert.equal(log.singles, []);
});

test("an item's entry takes the batch answer's Cache-Control, never its ETag or deprecation headers", async ({ server }) => {
  const { sdk, log, warnings, notices } = await sdkFor(server, { cache: {} });
  const alice = (await sdk.users.getUser(get(ALICE))) as unknown as Record<string, unknown>;
  const answer = (cc: string) => ({ type: 'status' as const, status: 200, body: { users: [alice], missing: [] }, headers: { 'cache-control': cc, etag: '"batch-1"', deprecation: '@1700000000' }, times: 1 });

  // No ttlMs and a batch answer that says max-age=60: the item is fresh for 60 s.
  server.faults.add({ method: 'POST', path: '/users/batch-get', fault: answer('private, max-age=60') });
  log.batches.length = 0;
  await sdk.users.getUser(get(ALICE), { cache: 'network-only' });
  assert.is(log.batches.length, 1, 'network-only on a batched read still batches (the cache above applied it)');
  const raw = await sdk.users.getUser.raw(get(ALICE));
  assert.is(raw.cache?.source, 'cache');
  assert.is(raw.response.headers.get('cache-control'), 'private, max-age=60');
  assert.is(raw.response.headers.get('etag'), null, "the batch's validator never describes an item");
  assert.is(raw.response.headers.get('deprecation'), null);

  // no-store on the batch answer: the item is never stored; the next read goes out again.
  server.faults.add({ method: 'POST', path: '/users/batch-get', fault: answer('no-store') });
  await sdk.users.getUser(get(ALICE), { cache: 'network-only' });
  log.batches.length = 0;
  await sdk.users.getUser(get(ALICE));
  assert.is(log.batches.length, 1, 'nothing was stored, so the read went out');

  // The batch operation's deprecation is the SDK's business: a warning about batching, never
  // an onDeprecation notice (for batchGetUsers or getUser) the app did not cause.
  assert.equal(notices, []);
  assert.ok(warnings.some((w) => /batching \(options\.batch\) calls a deprecated operation.*batchGetUsers/.test(w)), warnings.join('\n'));
});

test('without the cache, an item answer without freshness is read again next time (batched)', async ({ server }) => {
  const { sdk, log } = await sdkFor(server, { cache: undefined });
  await sdk.users.getUser(get(ALICE));
  await sdk.users.getUser(get(ALICE));
  assert.is(log.batches.length, 2);
});

test("under the cache a caller's abort ends only its own read; an unknown id is NOT_FOUND and never stored", async ({ server }) => {
  const { sdk, log } = await sdkFor(server);
  const controller = new AbortController();
  const gone = sdk.users.getUser(get(ALICE), { signal: controller.signal });
  const kept = sdk.users.getUser(get(CAROL));
  const unknown = sdk.users.getUser(get(userId(EXTRA + 5)));
  controller.abort();
  const error = await gone.catch((e: unknown) => e);
  assert.ok(isNetworkError(error) && error.type === 'CANCELLED', String(error));
  assert.is((await kept).id, CAROL);
  const missing = await unknown.catch((e: unknown) => e);
  assert.ok(isNetworkError(missing) && missing.type === 'NOT_FOUND' && isBatchItemMissing(missing.cause), String(missing));
  assert.equal(log.batches, [[CAROL, userId(EXTRA + 5)]], 'the aborted id left the batch before it went');
  await sdk.users.getUser(get(userId(EXTRA + 5))).catch(() => undefined);
  assert.is(log.batches.length, 2, 'the missing item was not stored');
});

test('a failed batch call lets network-first fall back to each caller\'s stored item', async ({ server }) => {
  const { sdk, log } = await sdkFor(server, { cache: { strategy: 'network-first' }, retry: { maxRetries: 0 } });
  await Promise.all([ALICE, CAROL].map((id) => sdk.users.getUser(get(id))));
  server.faults.add({ method: 'POST', path: '/users/batch-get', fault: { type: 'status', status: 503 }, times: 1 });
  // Plain calls (`.raw()` is never batched): both resolve although their one batch call got a 503.
  const [a, c] = await Promise.all([ALICE, CAROL].map((id) => sdk.users.getUser(get(id))));
  assert.is(log.batches.length, 2, 'the second round went out as one batch call');
  assert.equal(log.singles, []);
  assert.is(a!.id, ALICE);
  assert.is(c!.id, CAROL);
  assert.is(server.faults.list()[0]!.hits, 1, 'the batch call did get the 503');
});

test('a typo in the batch option is a TypeError naming it and listing the batchable operations', async ({ server }) => {
  assert.throws(
    () => createSdk({ baseUrl: server.url, batch: { 'users.getUsr': true } }),
    (e: unknown) => e instanceof TypeError && /options\.batch\["users\.getUsr"\]/.test(e.message) && /'users\.getUser'/.test(e.message),
  );
  assert.throws(() => createSdk({ baseUrl: server.url, batch: { 'users.getMe': { maxBatchSize: 5 } } }), (e: unknown) => e instanceof TypeError && /getMe/.test(e.message));
});

test('createClient: batch needs withBatch; withBatch(options, getUser, batchGetUsers) batches, under the cache', async ({ server }) => {
  const tokenStore = memoryTokenStore(server.tokens.issue('bob@example.com'));
  const base = { baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' as const };
  assert.throws(() => createClient(withAuth({ ...base, batch: true })), (e: unknown) => e instanceof TypeError && /withBatch/.test(e.message));
  assert.throws(() => createClient(withBatch(withAuth(base), getUser)), (e: unknown) => e instanceof TypeError && /batchGetUsers/.test(e.message));
  assert.throws(() => createClient(withBatch(withAuth({ ...base, batch: { 'users.getUsr': true } }), getUser, batchGetUsers)), (e: unknown) => e instanceof TypeError && /users\.getUsr/.test(e.message));

  const log = recorder();
  const client = createClient(withCache(withBatch(withAuth({ ...base, fetch: log.fetch, cache: { ttlMs: 60_000 } }), getUser, batchGetUsers)));
  const ids = [ALICE, CAROL, userId(7)];
  const users = await Promise.all(ids.map((id) => getUser(client, get(id))));
  assert.equal(users.map((u) => u.id), ids);
  assert.equal(log.batches, [ids]);
  const missing = await getUser(client, get(userId(EXTRA + 1))).catch((e: unknown) => e);
  assert.ok(isNetworkError(missing) && missing.type === 'NOT_FOUND');
  log.batches.length = 0;
  await Promise.all(ids.map((id) => getUser(client, get(id))));
  assert.equal(log.batches, [], 'all three from the cache');
  assert.equal(log.singles, []);
});

test.run();
