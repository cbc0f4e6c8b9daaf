/**
 * The offline queue's edges, through the generated Shop API SDK against test/server: a second
 * processor over the same store sends nothing while the first holds the lease; large bodies wait
 * while the connection is expensive (`deferOnExpensive`); an optimistic update is rolled back
 * when its entry fails for good; and the SDK's own connection failures reach a failure-aware
 * connectivity, so `{ offline: 'queue' }` queues without trying once it believes it is offline.
 */
import * as assert from 'uvu/assert';
import { serverSuite, whenRequested } from '../../helpers/server-suite.js';
import { createSdk, failureAwareConnectivity, manualConnectivity, manualForeground, memoryStorage, memoryTokenStore, type OfflineEntry, type QueuedResult } from '../../../generated/v1/index.js';
import { launch, orderBody, typeError, closeLaunched } from './queue-helpers.js';

const test = serverSuite('offline queue: lease, expensive connections, optimistic rollback, failure-driven offline');
test.after.each(closeLaunched);

test('a second processor over the same store sends nothing while the first holds the lease', async (ctx) => {
  const storage = memoryStorage();
  const tokenStore = memoryTokenStore(ctx.server.tokens.issue('alice@example.com'));
  const first = launch(ctx.server, { storage, tokenStore });
  const second = launch(ctx.server, { storage, tokenStore });
  await first.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  // The first replay hangs on the server until the suite closes it.
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'hang' } });
  const processing = first.sdk.offline.process();
  await whenRequested(ctx.server, (r) => r.method === 'POST' && r.path === '/orders');
  await second.sdk.offline.process();
  assert.is(ctx.server.requests.filter((r) => r.method === 'POST').length, 1, 'the second processor sent nothing');
  assert.is((await second.sdk.offline.pending()).length, 1, 'the entry is still stored (no answer yet)');
  await first.sdk.offline.close();
  void processing.catch(() => undefined);
});

test('deferOnExpensive holds large bodies while the connection is expensive; small ones go', async (ctx) => {
  let expensive = true;
  const network = Object.assign(manualConnectivity(true), { isConnectionExpensive: () => expensive });
  const app = launch(ctx.server, { offline: { deferOnExpensive: 400 }, extra: { connectivity: network } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: { ...orderBody('CAP-RED'), note: 'x'.repeat(450) } }, { scope: 'big' });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('MUG-LOGO') }, { scope: 'small' });
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1, 'only the small one');
  assert.equal((await app.sdk.offline.pending()).map((e) => e.scope), ['big']);
  expensive = false;
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 2);
});

test('an optimistic update is rolled back when its entry fails for good, and kept when it is sent', async (ctx) => {
  const applied: string[] = [];
  const rolledBack: string[] = [];
  const app = launch(ctx.server, {
    offline: {
      optimistic: {
        'orders.createOrder': (entry: OfflineEntry) => {
          applied.push(entry.id);
          return () => void rolledBack.push(entry.id);
        },
      },
    },
  });
  const bad = await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('NO-SUCH-SKU') });
  const good = await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  assert.equal(applied, [bad, good], 'applied at enqueue');
  await app.sdk.offline.process();
  assert.equal(rolledBack, [bad], 'only the refused one is rolled back');
});

test("the SDK's connection failures mark a failure-aware connectivity offline; queued calls then wait without a try", async (ctx) => {
  const base = manualConnectivity(true);
  // Its probe wait never ends on its own: only the test's sends decide.
  const aware = failureAwareConnectivity(base, { threshold: 2, clock: { sleep: () => new Promise<void>(() => undefined) } });
  const app = launch(ctx.server, { extra: { connectivity: aware } });
  ctx.server.faults.add({ method: 'GET', path: '/orders', times: 2, fault: { type: 'reset-before' } });
  for (let i = 0; i < 2; i++) await app.sdk.orders.listOrders().catch(() => undefined);
  assert.is(aware.isOnline(), false, 'two connection failures in a row');
  const before = ctx.server.requests.length;
  const result = (await app.sdk.orders.createOrder({ body: orderBody() }, { offline: 'queue' })) as QueuedResult;
  assert.is(result.queued, true);
  assert.is(ctx.server.requests.length, before, 'not even tried');
  base.set(false);
  base.set(true); // the platform reports a change: believed online again
  assert.is(aware.isOnline(), true);
  await app.sdk.offline.process();
  assert.is(ctx.server.ledger.count('order.created'), 1);
  aware.close();
});

test('an entry discarded while its send is in flight is not written back when the send fails', async (ctx) => {
  const app = launch(ctx.server, { extra: { timeoutMs: 300 } });
  const id = await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'hang' } });
  const processing = app.sdk.offline.process();
  await whenRequested(ctx.server, (r) => r.method === 'POST' && r.path === '/orders');
  await app.sdk.offline.discard(id);
  await processing; // the send times out (retryable) after the discard
  assert.equal(await app.sdk.offline.pending(), [], 'not resurrected');
  assert.equal(await app.sdk.offline.deadLetters(), []);
});

test('with autoProcess, coming back online and coming to the foreground each start a replay', async (ctx) => {
  const front = manualForeground(true);
  // A backoff far longer than the test: only the foreground can send the second entry.
  const app = launch(ctx.server, { online: false, offline: { autoProcess: true, backoff: { baseMs: 3_600_000, maxMs: 3_600_000 } }, extra: { foreground: front } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('MUG-LOGO') });
  const sent = () => new Promise((resolve) => app.sdk.offline.on('sent', resolve));
  let next = sent();
  app.network.set(true);
  await next;
  assert.is(ctx.server.ledger.count('order.created'), 1, 'sent on reconnect');

  ctx.server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'status', status: 503 } });
  await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody('CAP-RED') });
  await app.sdk.offline.process(); // after the enqueue's own pass: the entry is now backing off
  assert.is((await app.sdk.offline.pending())[0]!.attempts, 1);
  app.advance(2 * 3_600_000);
  front.set(false);
  next = sent();
  front.set(true);
  await next;
  assert.is(ctx.server.ledger.count('order.created'), 2, 'sent on foreground');
  await app.sdk.offline.close();
});

test("{ offline: 'queue' } is refused on reads, on .raw() (no Response to give) and without the offline option", async (ctx) => {
  const app = launch(ctx.server);
  assert.match((await typeError(app.sdk.orders.createOrder.raw({ body: orderBody() }, { offline: 'queue' }))).message, 'orders.createOrder');
  assert.match((await typeError(app.sdk.orders.listOrders(undefined, { offline: 'queue' } as never))).message, 'orders.listOrders');
  const plain = createSdk({ baseUrl: ctx.server.url, logLevel: 'off' });
  assert.match((await typeError(plain.orders.createOrder({ body: orderBody() }, { offline: 'queue' }))).message, 'no offline queue');
  assert.is(plain.offline.enabled, false);
  assert.is(ctx.server.requests.length, 0, 'nothing was sent');
});

test('a Retry-After of years holds an entry at most an hour; a stored wait beyond that (a clock that was far ahead) is due now', async (ctx) => {
  const overflow: string[] = [];
  const onWarning = (warning: Error) => void (warning.name === 'TimeoutOverflowWarning' && overflow.push(warning.message));
  process.on('warning', onWarning);
  try {
    const app = launch(ctx.server);
    await app.sdk.offline.enqueue('orders.createOrder', { body: orderBody() });
    ctx.server.faults.add({ method: 'POST', path: '/orders', times: 1, fault: { type: 'rate-limit', status: 503, retryAfter: '99999999' } });
    const before = Date.now();
    await app.sdk.offline.process();
    const [entry] = await app.sdk.offline.pending();
    assert.ok(entry!.notBefore !== undefined && entry!.notBefore - before <= 60 * 60_000 + 1_000, `held ${entry!.notBefore! - before} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // a timer beyond 2^31 ms would fire now, in a loop
    assert.equal(overflow, [], 'no timer beyond what setTimeout can hold');

    // The same entry written with a wait three years out: due now, so it is sent.
    await app.storage.setItem(...(await storedEntry(app.storage, (e) => ({ ...e, notBefore: Date.now() + 3 * 365 * 86_400_000 }))));
    await app.sdk.offline.process();
    assert.is(ctx.server.ledger.count('order.created'), 1);
  } finally {
    process.off('warning', onWarning);
  }
});

/** The one stored entry's key and its stored text (`{ v, entry }`) after `change`. */
async function storedEntry(storage: { getAllKeys(): Promise<readonly string[]>; getItem(key: string): Promise<string | null> }, change: (entry: OfflineEntry) => OfflineEntry): Promise<[string, string]> {
  const key = (await storage.getAllKeys()).find((k) => /\.q\./.test(k))!;
  const stored = JSON.parse((await storage.getItem(key))!) as { v: number; entry: OfflineEntry };
  return [key, JSON.stringify({ ...stored, entry: change(stored.entry) })];
}

test.run();
