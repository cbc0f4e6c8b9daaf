/**
 * A sync cursor belongs to one user (issue #13's follow-up): the app's store holds one user's
 * copy, so a run for anyone else is a full sync with `reset: true`, never a resume of another
 * user's cursor. Through the generated Shop SDK (opaque tokens) against test/server: the
 * offline queue's owner (default with `offline`), the token store's (without it), a refresh
 * (same session: resumes), a restart after a refresh, a switch during a run, corrupt and old
 * records, and what is stored (digests only).
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { createSdk, createSyncForGetSync, memoryStorage, memoryTokenStore, storageTokenStore, type StorageAdapter, type TokenStore } from '../../../generated/v1/index.js';
import { createSync, DEFAULT_SYNC_KEY } from '../../../src/repository/sync/index.js';
import type { TestServer } from '../../server/index.js';
import { crashingStorage, localTable, serverSnapshot, shopFeed, shopSdk } from './helpers.js';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

const test = serverSuite('sync: one user\'s cursor', { server: { seedOrders: 7 } });

const sdks: Array<ReturnType<typeof createSdk>> = [];
test.after.each(async () => {
  await Promise.all(sdks.splice(0).map((sdk) => sdk.offline.close()));
});

/** The Shop SDK with an offline queue (the default owner is then the queue's), over `storage`. */
function queuedSdk(server: TestServer, storage: StorageAdapter, tokenStore: TokenStore = memoryTokenStore(server.tokens.issue(ALICE))) {
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, storage, logLevel: 'off', retry: { maxRetries: 0 }, offline: { autoProcess: false } });
  sdks.push(sdk);
  return sdk;
}

const login = (sdk: ReturnType<typeof createSdk>, server: TestServer, email: string) => sdk.auth.login({ body: { email, password: server.seed.password } });

test('alice, then bob signs in: a full sync with reset and only his orders; alice back: a full sync again, then resumes', async (ctx) => {
  const storage = memoryStorage();
  const sdk = queuedSdk(ctx.server, storage);
  const table = localTable();
  const sync = createSyncForGetSync(sdk, { storage, apply: table.apply });

  const first = await sync.run();
  assert.is(first.reset, true);
  assert.is(first.ownerChanged, false, 'a first run is nobody else\'s');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, ALICE));

  await login(sdk, ctx.server, BOB);
  const bobs = await sync.run();
  assert.is(bobs.reset, true, 'not a resume of alice\'s cursor');
  assert.is(bobs.ownerChanged, true);
  assert.is(table.batches.at(-1)!.reset, true, 'the app is told to replace its copy');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, BOB), 'bob\'s orders only, all of them');
  assert.is(Object.keys(table.snapshot()).length, 2);

  await login(sdk, ctx.server, ALICE);
  const back = await sync.run();
  assert.is(back.reset, true, 'alice\'s old cursor would be laid over bob\'s copy');
  assert.is(back.ownerChanged, true);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, ALICE));

  const [order] = ctx.server.store.ordersOf(ALICE);
  ctx.server.store.updateOrder(order!.id, { note: 'edited elsewhere' });
  const resumed = await sync.run();
  assert.is(resumed.reset, false, 'her own cursor resumes');
  assert.is(resumed.ownerChanged, false);
  assert.is(resumed.upserts, 1);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, ALICE));
});

test('without an offline queue the SDK\'s token store decides: bob\'s run after alice\'s is a full sync', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue(ALICE));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 } });
  const storage = memoryStorage();
  const table = localTable();
  const sync = createSyncForGetSync(sdk, { storage, apply: table.apply });
  await sync.run();
  assert.is((await sync.run()).reset, false, 'the same token resumes');

  await tokenStore.set(ctx.server.tokens.issue(BOB));
  assert.is(await sync.cursor(), undefined, 'alice\'s cursor is not bob\'s to resume');
  const bobs = await sync.run();
  assert.is(bobs.reset, true);
  assert.is(bobs.ownerChanged, true);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, BOB));
});

/** Alice syncs, her opaque token is refreshed by a pull, a relaunch holds the refreshed token: both resume. */
async function refreshResumes(ctx: { server: TestServer }, makeSdk: (storage: StorageAdapter, tokenStore: TokenStore) => ReturnType<typeof createSdk>) {
  const storage = memoryStorage();
  const tokenStore = storageTokenStore(storage);
  await tokenStore.set(ctx.server.tokens.issue(ALICE));
  const sdk = makeSdk(storage, tokenStore);
  const table = localTable();
  const sync = createSyncForGetSync(sdk, { storage, apply: table.apply });
  await sync.run();

  const before = (await tokenStore.get())!.accessToken;
  ctx.server.tokens.expire(before);
  const [order] = ctx.server.store.ordersOf(ALICE);
  ctx.server.store.updateOrder(order!.id, { note: 'after the refresh' });
  const refreshed = await sync.run();
  assert.is(ctx.server.tokens.refreshCount, 1, 'the pull refreshed the token');
  assert.is.not((await tokenStore.get())!.accessToken, before);
  assert.is(refreshed.reset, false, 'same session, same copy: no full sync');
  assert.is(refreshed.ownerChanged, false);
  assert.is(refreshed.upserts, 1);

  // A new launch over the same storage, holding the refreshed token.
  await sdk.offline.close();
  const relaunched = makeSdk(storage, storageTokenStore(storage));
  const again = await createSyncForGetSync(relaunched, { storage, apply: table.apply }).run();
  assert.is(again.reset, false, 'the refreshed token is recognised as the same session after a restart');
  assert.is(again.ownerChanged, false);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, ALICE));
  const syncKeys = (await storage.getAllKeys()).filter((k) => k.startsWith('tether.sync'));
  assert.ok(syncKeys.length > 0);
  assert.not.ok((await Promise.all(syncKeys.map((k) => storage.getItem(k)))).some((v) => v !== null && /\b(at|rt)_/.test(v)), 'no token in the sync\'s records (test/server tokens start at_ / rt_)');
}

test('the same user after a refresh (opaque tokens) resumes with no reset, also after a restart: the queue\'s owner', (ctx) =>
  refreshResumes(ctx, (storage, tokenStore) => queuedSdk(ctx.server, storage, tokenStore)));

test('the same user after a refresh (opaque tokens) resumes with no reset, also after a restart: no queue, the token store\'s session', (ctx) =>
  refreshResumes(ctx, (storage, tokenStore) => {
    const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 } });
    sdks.push(sdk);
    return sdk;
  }));

test('a sign-in as someone else during a run restarts it as their full sync; no page of theirs lands on alice\'s copy', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue(ALICE));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 } });
  const table = localTable();
  const storage = memoryStorage();
  let switched = false;
  const sync = createSync({
    pull: shopFeed(sdk, 3),
    storage,
    async apply(batch) {
      table.apply(batch);
      if (!switched) {
        switched = true;
        await tokenStore.set(ctx.server.tokens.issue(BOB));
      }
    },
  });
  const result = await sync.run();
  assert.is(result.ownerChanged, true);
  assert.is(result.reset, true);
  assert.equal(table.batches.map((b) => b.reset), [true, true], 'alice\'s first page, then bob\'s full sync (his 2 orders fit one page)');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, BOB));
  assert.is((await sync.run()).reset, false, 'the stored cursor is bob\'s now');
});

test('a crash between bob\'s reset batch and the cursor write: the next run is his full sync again', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue(ALICE));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 } });
  const crash = crashingStorage(memoryStorage());
  const table = localTable();
  const sync = createSyncForGetSync(sdk, { storage: crash.storage, apply: table.apply });
  await sync.run();
  await tokenStore.set(ctx.server.tokens.issue(BOB));
  crash.crashOnNextWrite(DEFAULT_SYNC_KEY); // the cursor's write (the owner's session record is written before apply)
  await sync.run().then(() => assert.unreachable('the simulated crash rejects the run'), () => undefined);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, BOB), 'apply had replaced the copy');
  const again = await sync.run();
  assert.is(again.reset, true, 'the record still says alice: not resumed');
  assert.is(again.ownerChanged, true);
  assert.equal(table.snapshot(), serverSnapshot(ctx.server, BOB));
});

test('corrupt records mean a full sync; an old { v: 1 } record is nobody\'s in particular when an owner is known', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  for (const corrupt of ['{not json', '"a string"', 'null', '{"v":2,"cursor":7}', '{"v":2,"cursor":"c","owner":5}', '{"v":9,"cursor":"c"}']) {
    const storage = memoryStorage();
    await storage.setItem(DEFAULT_SYNC_KEY, corrupt);
    const table = localTable();
    const result = await createSyncForGetSync(sdk, { storage, apply: table.apply }).run();
    assert.is(result.reset, true, corrupt);
    assert.is(result.ownerChanged, false, `${corrupt}: unreadable is no cursor, not another owner`);
    assert.equal(table.snapshot(), serverSnapshot(ctx.server, ALICE), corrupt);
  }

  // A real cursor stored by a version without owners: with an owner it is not resumed.
  const old = memoryStorage();
  const plain = createSync({ pull: shopFeed(sdk), storage: old, apply: () => undefined });
  const { cursor } = await plain.run();
  await old.setItem(DEFAULT_SYNC_KEY, JSON.stringify({ v: 1, cursor }));
  const withOwner = createSync({ pull: shopFeed(sdk), storage: old, apply: () => undefined, owner: () => 'user-1' });
  const upgraded = await withOwner.run();
  assert.is(upgraded.reset, true);
  assert.is(upgraded.ownerChanged, true);
  assert.is((await withOwner.run()).reset, false, 'stamped with the owner now: resumes');
});

test('an app-given owner wins, is stored as a digest (never the id or a token) and is read at every run', async (ctx) => {
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue(ALICE));
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 } });
  let user: string | undefined = 'user-42';
  const storage = memoryStorage();
  const sync = createSyncForGetSync(sdk, { storage, apply: () => undefined, owner: async () => user });
  await sync.run();
  const stored = (await storage.getItem(DEFAULT_SYNC_KEY))!;
  assert.not.ok(stored.includes('user-42'));
  const record = JSON.parse(stored) as { v: number; owner: string };
  assert.is(record.v, 2);
  assert.match(record.owner, /^app-[0-9a-f]{64}$/);

  // Another token, the same app user: the app's owner decides, so it resumes.
  await tokenStore.set(ctx.server.tokens.issue(ALICE));
  assert.is((await sync.run()).reset, false);
  user = undefined; // signed out is an owner of its own
  assert.is((await sync.run()).ownerChanged, true);
  user = 'user-42';
  assert.is((await sync.run()).ownerChanged, true, 'the record was the signed-out run\'s');

  // The token-derived default stores a digest, not the token.
  const byToken = memoryStorage();
  await createSyncForGetSync(sdk, { storage: byToken, apply: () => undefined }).run();
  const text = (await byToken.getItem(DEFAULT_SYNC_KEY))!;
  assert.match((JSON.parse(text) as { owner: string }).owner, /^tok-[0-9a-f]{64}$/);
  assert.not.ok(text.includes((await tokenStore.get())!.accessToken), 'no token text');
});

test('the app\'s cache.scope (or offline.user) names the SDK\'s user: a new token of the same user resumes, another user is a full sync', async (ctx) => {
  for (const named of ['cache', 'offline'] as const) {
    let user = 'user-1';
    const tokenStore = memoryTokenStore(ctx.server.tokens.issue(ALICE));
    const sdk = createSdk({
      baseUrl: ctx.server.url, auth: { tokenStore }, logLevel: 'off', retry: { maxRetries: 0 },
      ...(named === 'cache' ? { cache: { scope: () => user } } : { offline: { autoProcess: false, user: () => user } }),
    });
    sdks.push(sdk);
    const storage = memoryStorage();
    const sync = createSyncForGetSync(sdk, { storage, apply: () => undefined });
    await sync.run();
    // A new sign-in of the same person (a new opaque session): the app's name says it is them.
    await tokenStore.set(ctx.server.tokens.issue(ALICE));
    assert.is((await sync.run()).reset, false, `${named}: same app user, resumed`);
    user = 'user-2';
    const other = await sync.run();
    assert.is(other.reset, true, named);
    assert.is(other.ownerChanged, true, named);
  }
});

test('a hand-written pull has no owner by default (as before): any stored cursor resumes; a bad `owner` is refused', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const storage = memoryStorage();
  const feed = shopFeed(sdk);
  const pull: typeof feed = (request) => feed(request);
  const sync = createSync({ pull, storage, apply: () => undefined });
  await sync.run();
  const again = await sync.run();
  assert.is(again.reset, false);
  assert.is(again.ownerChanged, false);
  assert.throws(() => createSync({ pull, storage, apply: () => undefined, owner: 'alice' as never }), TypeError);
  const failing = createSync({ pull, storage, apply: () => undefined, owner: () => 42 as never });
  await failing.run().then(() => assert.unreachable('a non-string owner rejects the run'), (error: unknown) => assert.instance(error, TypeError));
});

test.run();
