/**
 * Owners of opaque-token sessions and the processor's lease holds, through the Shop API SDK
 * against test/server (whose tokens are opaque): without `offline.user` the queue warns once that
 * a later sign-in will be another owner; an entry expiring for another owner says so; `adopt`
 * re-owns an earlier session's entries only when asked and only to a signed-in owner; a drain
 * lists the storage once per lease hold, serves process() calls made during it in that hold,
 * and skips an entry another instance removed meanwhile.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { memoryStorage, type StorageAdapter } from '../../../generated/v1/index.js';
import { launch, orderBody, typeError, closeLaunched } from './queue-helpers.js';

const test = serverSuite('offline queue: opaque-session owners, adopt, lease holds');
test.after.each(closeLaunched);

const login = (app: ReturnType<typeof launch>, email: string, password: string) => app.sdk.auth.login({ body: { email, password } });

/** A logger keeping its warnings. */
function warnings(): { readonly lines: string[]; readonly logger: { debug(): void; info(): void; warn(message: string): void; error(): void } } {
  const lines: string[] = [];
  return { lines, logger: { debug() {}, info() {}, warn: (message: string) => void lines.push(message), error() {} } };
}

/** A memory storage counting listings and lease releases. */
function counted(): { readonly storage: StorageAdapter; readonly counts: { listings: number; releases: number } } {
  const inner = memoryStorage();
  const counts = { listings: 0, releases: 0 };
  const storage: StorageAdapter = {
    getItem: (key) => inner.getItem(key),
    setItem: (key, value) => inner.setItem(key, value),
    removeItem: (key) => {
      if (key.endsWith('.lease')) counts.releases++;
      return inner.removeItem(key);
    },
    getAllKeys: () => {
      counts.listings++;
      return inner.getAllKeys();
    },
  };
  return { storage, counts };
}

test('an opaque-token session without offline.user warns once per SDK, naming the option', async (ctx) => {
  const log = warnings();
  const app = launch(ctx.server, { extra: { logLevel: 'warn', logger: log.logger } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  const about = log.lines.filter((line) => line.includes('offline.user'));
  assert.is(about.length, 1, 'once, not per entry');
  assert.match(about[0]!, /another owner/);
  assert.match(about[0]!, /expire/);

  const named = warnings();
  const withUser = launch(ctx.server, { offline: { user: 'alice' }, extra: { logLevel: 'warn', logger: named.logger } });
  await withUser.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  assert.equal(named.lines.filter((line) => line.includes('offline.user')), [], 'no warning when the app names the user');
});

test('an entry expiring for an earlier session says it belonged to another owner', async (ctx) => {
  const app = launch(ctx.server, { offline: { maxRetentionMs: 60_000 } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await login(app, 'alice@example.com', ctx.server.seed.password); // a new opaque session: a new owner
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  const [earlier, later] = await app.sdk.offline.pending();
  assert.ok(earlier && later);
  assert.is.not(earlier.owner, later.owner);
  const expired: Array<{ id: string; otherOwner: boolean }> = [];
  app.sdk.offline.on('expired', ({ entry, otherOwner }) => void expired.push({ id: entry.id, otherOwner }));
  app.advance(61_000);
  await app.sdk.offline.process();
  assert.equal(expired, [{ id: earlier.id, otherOwner: true }, { id: later.id, otherOwner: false }]);
  assert.is((await app.sdk.offline.deadLetters()).length, 2);
});

test("adopt re-owns an earlier session's entries, which then replay under the current session", async (ctx) => {
  const app = launch(ctx.server);
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  await login(app, 'alice@example.com', ctx.server.seed.password);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 0, 'waits: another owner');
  const before = await app.sdk.offline.pending();
  assert.is(await app.sdk.offline.adopt('someone-else'), 0, 'only the named owner');
  assert.is(await app.sdk.offline.adopt(before[0]!.owner), 2);
  const after = await app.sdk.offline.pending();
  assert.equal(after.map((e) => e.id), before.map((e) => e.id), 'order kept');
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 2);
  assert.equal(await app.sdk.offline.pending(), []);
});

test('adopt refuses when nobody is signed in, and needs an owner', async (ctx) => {
  const storage = memoryStorage();
  const first = launch(ctx.server, { storage });
  await first.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  const [entry] = await first.sdk.offline.pending();
  await first.sdk.offline.close();
  const signedOut = launch(ctx.server, { storage, user: null });
  await typeError(signedOut.sdk.offline.adopt(entry!.owner));
  await typeError(signedOut.sdk.offline.adopt(''));
  assert.is((await signedOut.sdk.offline.pending())[0]!.owner, entry!.owner, 'untouched');
});

test('one drain lists the storage once and serves process() calls made during it in the same lease hold', async (ctx) => {
  const { storage, counts } = counted();
  const app = launch(ctx.server, { storage });
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() }));
  const sent: string[] = [];
  const joined: Array<Promise<void>> = [];
  app.sdk.offline.on('sent', ({ entry }) => {
    sent.push(entry.id);
    // As autoProcess does after an enqueue: more work arrives while the drain runs.
    if (sent.length <= 3) joined.push(app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') }).then((id) => void ids.push(id)));
    joined.push(app.sdk.offline.process());
  });
  counts.listings = 0;
  counts.releases = 0;
  await app.sdk.offline.process();
  await Promise.all(joined);
  assert.is(sent.length, 8);
  assert.equal(sent, ids, 'FIFO, including what was enqueued during the drain');
  assert.is(counts.releases, 1, 'one lease hold');
  assert.is(counts.listings, 1, 'one listing for the whole drain');
  assert.is(ctx.server.ledger.count('order.created'), 8);
});

test('an entry another instance removed during a drain is not sent', async (ctx) => {
  const storage = memoryStorage();
  const app = launch(ctx.server, { storage });
  for (let i = 0; i < 3; i++) await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  const keys = (await storage.getAllKeys()).filter((k) => k.includes('.q.')).sort();
  const sent: string[] = [];
  app.sdk.offline.on('sent', ({ entry }) => {
    sent.push(entry.id);
    // Another instance's discard, between this drain's listing and the entry's turn.
    if (sent.length === 1) void storage.removeItem(keys[2]!);
  });
  await app.sdk.offline.process();
  assert.is(sent.length, 2);
  assert.is(ctx.server.ledger.count('order.created'), 2);
  assert.equal(await app.sdk.offline.pending(), []);
});

test.run();
