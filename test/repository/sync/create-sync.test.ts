/**
 * createSync against test/server's GET /sync through the generated Shop SDK: paging a backlog,
 * a crash between apply and the cursor write, writes landing during a pull, an expired cursor
 * (410 → full sync), offline writes pushed first and the conflict hook, and coalesced runs.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { SEED_ADDRESS } from '../../server/store.js';
import { createSyncForGetSync, memoryStorage, type NetworkError } from '../../../generated/v1/index.js';
import { createSync, type SyncOfflineQueue } from '../../../src/repository/sync/index.js';
import type { OfflineEntry } from '../../../src/repository/offline/types.js';
import { crashingStorage, localTable, serverSnapshot, shopFeed, shopSdk } from './helpers.js';

const test = serverSuite('sync: createSync over GET /sync', { server: { seedOrders: 7 } });

test('a first run pages through the backlog (limit 3 → 3 pages), resets the local copy once and stores the last cursor', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const table = localTable();
  const storage = memoryStorage();
  const sync = createSync({ pull: shopFeed(sdk, 3), apply: table.apply, storage });
  assert.is(await sync.cursor(), undefined);
  const result = await sync.run();
  assert.is(result.pages, 3);
  assert.is(result.upserts, 7);
  assert.is(result.reset, true);
  assert.equal(table.batches.map((b) => b.reset), [true, false, false], 'only the first batch of a full sync resets');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  assert.is(await sync.cursor(), result.cursor);

  const idle = await sync.run();
  assert.is(idle.pages, 1, 'nothing new: one empty page');
  assert.is(idle.upserts + idle.deletes, 0);
  assert.is(idle.reset, false);
});

test('a crash between apply and the cursor write repeats the page, and the state then equals a full resync', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const table = localTable();
  const crash = crashingStorage(memoryStorage());
  const sync = createSync({ pull: shopFeed(sdk, 2), apply: table.apply, storage: crash.storage });
  await sync.run();
  const before = await sync.cursor();

  const [first, second] = ctx.server.store.ordersOf('alice@example.com');
  ctx.server.store.updateOrder(first!.id, { note: 'changed while the app slept' });
  ctx.server.store.deleteOrder(second!.id);
  crash.crashOnNextWrite();
  await sync.run().then(
    () => assert.unreachable('the simulated crash rejects the run'),
    (error: Error) => assert.match(error.message, /simulated crash/),
  );
  assert.is(await sync.cursor(), before, 'the cursor did not move past the applied page');
  assert.is(table.rows.has(second!.id), false, 'apply had run');

  const again = await sync.run();
  assert.is(again.upserts, 1, 'the same page is pulled and applied again');
  assert.is(again.deletes, 1);

  const fresh = localTable();
  await createSync({ pull: shopFeed(shopSdk(ctx.server)), apply: fresh.apply, storage: memoryStorage() }).run();
  assert.equal(table.snapshot(), fresh.snapshot(), 'incremental state equals a full resync');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
});

test('writes landing during a pull appear in the next run; a run asked for meanwhile joins and one more follows', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const table = localTable();
  let landed: string | undefined;
  let second: Promise<unknown> | undefined;
  const sync = createSync({
    pull: shopFeed(sdk, 4),
    storage: memoryStorage(),
    apply(batch) {
      table.apply(batch);
      if (!landed) {
        // Another device writes while this run is between pages, and the app asks for a sync.
        landed = ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: SEED_ADDRESS }).id;
        ctx.server.store.updateOrder(ctx.server.store.ordersOf('alice@example.com').at(-1)!.id, { note: 'late edit' });
        second = sync.run();
      }
    },
  });
  const first = await sync.run();
  assert.ok(second, 'a second run was asked for during the first');
  await second;
  assert.ok(first.pages >= 2);
  assert.ok(table.rows.has(landed!), 'the order created mid-pull arrived');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  const pulls = ctx.server.requests.filter((r) => r.path === '/sync').length;
  assert.ok(pulls >= first.pages + 1, 'the follow-up pulled again');
});

test('410 to an expired cursor: a full sync whose first batch resets, so orders the server lost are dropped, never kept silently', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const table = localTable();
  const sync = createSync({ pull: shopFeed(sdk, 4), apply: table.apply, storage: memoryStorage() });
  ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'CAP-RED', quantity: 2 }], shippingAddress: SEED_ADDRESS });
  await sync.run();
  assert.is(table.rows.size, 8);

  ctx.server.store.reset(); // new epoch: the stored cursor is now unknown to the server
  const result = await sync.run();
  assert.is(result.expired, true);
  assert.is(result.reset, true);
  assert.is(table.batches.filter((b) => b.reset).length, 2, 'the first full sync and the resync');
  assert.equal(table.snapshot(), serverSnapshot(ctx.server));
  assert.is(table.rows.size, 7, 'the order the server forgot is gone locally too');
  const pulls = ctx.server.requests.filter((r) => r.path === '/sync');
  const full = pulls.map((r) => r.url.includes('since=')).lastIndexOf(false);
  assert.ok(pulls[full - 1]!.url.includes('since='), 'the expired cursor was sent once');
  assert.is(pulls.length - full, 2, 'then a full sync without it (7 orders, 2 pages)');
});

test('a 410 to a full sync is an error, not a loop', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  ctx.server.faults.add({ method: 'GET', path: '/sync', times: Infinity, fault: { type: 'status', status: 410 } });
  const sync = createSync({ pull: shopFeed(sdk), apply: () => undefined, storage: memoryStorage() });
  const error = await sync.run().then(() => undefined, (e: NetworkError) => e);
  assert.is(error?.status, 410);
  assert.is(ctx.server.requests.filter((r) => r.path === '/sync').length, 1);
});

test('pending offline writes are pushed before the pull; the conflict hook sees server changes to records still queued', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const table = localTable();
  const [kept, lost] = ctx.server.store.ordersOf('alice@example.com');
  const entry = (id: string, orderId: string): OfflineEntry => ({
    id, operation: 'orders.updateOrder', init: { params: { path: { orderId } }, body: { note: 'mine' } }, idempotencyKey: undefined,
    scope: `/orders/${orderId}`, owner: 'alice', createdAt: 0, attempts: 1,
  });
  const order: string[] = [];
  const queue: SyncOfflineQueue = {
    enabled: true,
    process: async () => void order.push('process'),
    pending: async () => [entry('e1', kept!.id), entry('e2', lost!.id)],
  };
  const seen: Array<{ id: string; pending: number }> = [];
  const sync = createSync({
    pull: async (request) => {
      order.push('pull');
      return shopFeed(sdk)(request);
    },
    apply: table.apply,
    storage: memoryStorage(),
    offline: queue,
    conflict: ({ id, pending }) => {
      seen.push({ id, pending: pending.length });
      return id === kept!.id ? 'local' : 'server';
    },
  });
  const result = await sync.run();
  assert.equal(order.slice(0, 2), ['process', 'pull'], 'the queue is processed first');
  assert.is(result.conflicts, 2);
  assert.equal(seen.map((s) => s.id).sort(), [kept!.id, lost!.id].sort());
  assert.is(table.rows.has(kept!.id), false, "'local' keeps the server's version out");
  assert.is(table.rows.has(lost!.id), true, "'server' applies it");
});


test('the generated createSyncForGetSync: typed records, the Order schema and the SDK wired in', async (ctx) => {
  const sdk = shopSdk(ctx.server);
  const seen: string[] = [];
  const sync = createSyncForGetSync(sdk, {
    storage: memoryStorage(),
    apply(batch) {
      // `batch.upserts` is typed as the spec's Order: these reads compile without casts.
      for (const order of batch.upserts) seen.push(`${order.id}:${order.total.currency}`);
      // @ts-expect-error the records are typed as Order, not `any`: an unknown field does not compile
      void batch.upserts[0]?.notAField;
    },
  });
  const result = await sync.run();
  assert.is(result.upserts, 7);
  assert.is(seen.length, 7);
  assert.ok(seen.every((s) => s.endsWith(':EUR')));
});

test.run();
