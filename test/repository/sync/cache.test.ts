/**
 * A sync keeps the SDK's HTTP cache in step (cacheInvalidation): after a batch, the cached read of
 * each changed or deleted order and the named list reads are invalidated, so a fresh-for-60-s
 * cached getOrder asks the server again instead of serving what the feed said is stale.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { createSdk, memoryStorage, memoryTokenStore, type Sdk } from '../../../generated/v1/index.js';
import { cacheInvalidation, createSync } from '../../../src/repository/sync/index.js';
import { shopFeed } from './helpers.js';

const test = serverSuite('sync: the SDK cache kept in step');

test('changed and deleted orders are invalidated after the batch; untouched ones stay cached', async (ctx) => {
  const sdk = createSdk({ baseUrl: ctx.server.url, auth: { tokenStore: memoryTokenStore(ctx.server.tokens.issue('alice@example.com')) }, logLevel: 'off', cache: { storage: memoryStorage() } });
  const sync = createSync({
    pull: shopFeed(sdk),
    storage: memoryStorage(),
    cache: cacheInvalidation<Omit<Sdk, 'cache' | 'offline'>, 'orders.getOrder', 'orders.listOrders'>({
      cache: sdk.cache,
      record: ['orders.getOrder', (orderId) => ({ params: { path: { orderId } } })],
      lists: [['orders.listOrders', undefined]],
    }),
  });
  await sync.run();
  const [changed, untouched] = ctx.server.store.ordersOf('alice@example.com');
  const read = (orderId: string) => sdk.orders.getOrder.raw({ params: { path: { orderId } } });
  await read(changed!.id);
  await read(untouched!.id);
  assert.is((await read(changed!.id)).cache?.source, 'cache', 'fresh in the cache (max-age=60)');

  ctx.server.store.updateOrder(changed!.id, { note: 'edited on another device' });
  const result = await sync.run();
  assert.is(result.upserts, 1);
  const again = await read(changed!.id);
  assert.is.not(again.cache?.source, 'cache', 'the changed order is asked for again');
  assert.is(again.data.note, 'edited on another device');
  assert.is((await read(untouched!.id)).cache?.source, 'cache', 'an untouched order is still served from the cache');
});

test('createSync without apply and cache is refused at once', () => {
  assert.throws(() => createSync({ pull: async () => ({ upserts: [], deletes: [], nextCursor: 'c', hasMore: false }), storage: memoryStorage() }), TypeError);
});

test.run();
