/**
 * The offline queue in the tree-shakable form: `createClient(withOffline(options, ...operations))`
 * replays after a restart the operations it was handed without the app calling them first, and
 * takes `{ offline: 'queue' }` on a standalone function; `offline` without withOffline is refused.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import {
  createClient, createOrder, deleteOrder, manualConnectivity, memoryStorage, memoryTokenStore, offlineQueue, withAuth, withOffline,
  type QueuedResult, type Sdk, type SdkOptions,
} from '../../../generated/v1/index.js';

type Services = Omit<Sdk, 'cache' | 'offline'>;
import { orderBody } from './queue-helpers.js';

const test = serverSuite('offline queue: createClient with withOffline');

test('a restarted client replays the operations handed to withOffline; { offline: "queue" } works on a standalone function', async (ctx) => {
  const storage = memoryStorage();
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  const network = manualConnectivity(false);
  const options = (): SdkOptions => withAuth({ baseUrl: ctx.server.url, logLevel: 'off', retry: false, auth: { tokenStore }, storage, connectivity: network, offline: { autoProcess: false } });
  const first = createClient(withOffline(options(), createOrder));
  const queued = (await createOrder(first, { body: orderBody() }, { offline: 'queue' })) as QueuedResult;
  assert.is(queued.queued, true);
  assert.is(ctx.server.requests.length, 0);

  network.set(true);
  // A new launch: nothing calls createOrder, the queue knows it from withOffline.
  const second = createClient(withOffline(options(), createOrder, deleteOrder));
  const queue = offlineQueue<Services>(second);
  assert.is(queue.enabled, true);
  assert.equal((await queue.pending()).map((e) => e.id), [queued.id]);
  await queue.process();
  assert.is(ctx.server.ledger.count('order.created'), 1);
  assert.is(offlineQueue(createClient({ baseUrl: ctx.server.url })).enabled, false, 'inert without withOffline');
});

test('offline without withOffline is a TypeError naming withOffline', async (ctx) => {
  assert.throws(() => createClient({ baseUrl: ctx.server.url, offline: {} }), /withOffline/);
});

test.run();
