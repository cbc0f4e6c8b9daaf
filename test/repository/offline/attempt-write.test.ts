/**
 * Which replays write their attempt count before the send (processor.ts): a DELETE does, since
 * after a crash its 404 means "an earlier send deleted it" only if the attempt was recorded;
 * other operations skip that durable write (their count is written with a failure). Seen from
 * the storage while the send is in flight, the way a process killed at that moment would leave it.
 */
import * as assert from 'uvu/assert';
import { serverSuite, whenRequested } from '../../helpers/server-suite.js';
import { memoryStorage } from '../../../generated/v1/index.js';
import { launch, orderBody, closeLaunched } from './queue-helpers.js';

const test = serverSuite('offline queue: the attempt count written before a send');
test.after.each(closeLaunched);

/** The attempt counts stored under the queue's keys. */
async function storedAttempts(storage: ReturnType<typeof memoryStorage>): Promise<number[]> {
  const keys = (await storage.getAllKeys()).filter((k) => k.includes('.q.')).sort();
  return Promise.all(keys.map(async (k) => (JSON.parse((await storage.getItem(k))!) as { entry: { attempts: number } }).entry.attempts));
}

test('a DELETE in flight is stored as attempted; a createOrder in flight is not rewritten', async (ctx) => {
  const storage = memoryStorage();
  const app = launch(ctx.server, { storage });
  const { items } = await app.sdk.orders.listOrders();
  const orderId = items[0]!.id;
  await app.sdk.offline.enqueue('orders.deleteOrder', { params: { path: { orderId } } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  // Both hang (no handler runs) until the suite closes the server: the storage is read meanwhile.
  ctx.server.faults.add({ method: 'DELETE', path: `/orders/${orderId}`, fault: { type: 'hang' } });
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'hang' } });
  const processing = app.sdk.offline.process();
  await whenRequested(ctx.server, (r) => r.method === 'DELETE' && r.path === `/orders/${orderId}`);
  await whenRequested(ctx.server, (r) => r.method === 'POST' && r.path === '/orders');
  assert.equal(await storedAttempts(storage), [1, 0]);
  await app.sdk.offline.close();
  void processing.catch(() => undefined);
});

test.run();
