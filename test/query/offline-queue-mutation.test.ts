/**
 * The first offline design of docs/tanstack-query.md: `mutationOptions({ offline: 'queue' })`
 * hands the mutation to Tether's durable queue when the device is offline. TanStack sees a
 * successful mutation whose data is a QueuedResult; nothing is sent until the network returns,
 * then the queue replays it and the server applies it once. Online, the same options send.
 */
import * as assert from 'uvu/assert';
import { MutationObserver, QueryClient } from '@tanstack/query-core';
import { serverSuite } from '../helpers/server-suite.js';
import { createQueries, createSdk, manualConnectivity, memoryStorage, memoryTokenStore } from '../../generated/v1/index.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const newOrder = { items: [{ sku: 'CAP-RED', quantity: 1 }], shippingAddress: address };

const test = serverSuite('query: mutations through the offline queue');

test('offline: the mutation resolves queued, the queue sends it once when back online', async ({ server }) => {
  const network = manualConnectivity(false);
  const sdk = createSdk({
    baseUrl: server.url,
    logLevel: 'off',
    auth: { tokenStore: memoryTokenStore(server.tokens.issue('alice@example.com')) },
    storage: memoryStorage(),
    connectivity: network,
    offline: { autoProcess: false },
  });
  const client = new QueryClient({ defaultOptions: { mutations: { gcTime: Infinity, networkMode: 'always' } } });
  try {
    const q = createQueries(sdk);
    const queued = await new MutationObserver(client, q.orders.createOrder.mutationOptions({ offline: 'queue' })).mutate({ body: newOrder });
    assert.ok('queued' in queued && queued.queued, JSON.stringify(queued));
    if (!('queued' in queued)) return;
    assert.is(queued.operation, 'orders.createOrder');
    assert.is(server.requests.filter((r) => r.method === 'POST').length, 0, 'nothing sent while offline');
    assert.equal((await sdk.offline.pending()).map((e) => e.id), [queued.id]);

    network.set(true);
    await sdk.offline.process();
    assert.is(server.ledger.count('order.created'), 1, 'applied once');
    assert.equal(await sdk.offline.pending(), []);

    // Online, the same options send at once and resolve with the body.
    const sent = await new MutationObserver(client, q.orders.createOrder.mutationOptions({ offline: 'queue' })).mutate({ body: newOrder });
    assert.ok(!('queued' in sent) && sent.items[0]?.sku === 'CAP-RED');
    assert.is(server.ledger.count('order.created'), 2);
  } finally {
    client.clear();
    await sdk.offline.close();
  }
});

test.run();
