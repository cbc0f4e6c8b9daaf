/**
 * `npm run demo`: starts the reference Shop API (test/server) on loopback and walks the
 * generated v1 SDK through what it does on a bad network: sign-in, retries, token refresh, the
 * cache, 422 mapping, the offline queue, incremental sync and live events. Faults are injected
 * into the server as a real outage would show them; every claim printed with a tick is checked,
 * so the demo doubles as a smoke test (exit 1 naming the claim that failed).
 */
import { createSdk, createSyncForGetSync, isNetworkError, manualConnectivity, memoryStorage, memoryTokenStore, type Logger, type QueuedResult } from '../../generated/v1/index.js';
import { startServer } from '../../test/server/index.js';
import { bold, check, DemoCheckFailed, dim, fact, green, red, step, yellow } from './print.js';

const STEPS = 9;
const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const order = (sku: string, quantity = 1) => ({ items: [{ sku, quantity }], shippingAddress: address });

// Warnings the SDK logs are part of the story (a retry budget, a session ending); shown dimmed.
const logger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (message) => fact(yellow(`SDK warns: ${message}`)),
  error: (message) => fact(red(`SDK error: ${message}`)),
};

async function main(): Promise<void> {
  const started = Date.now();
  console.log(bold('Tether demo: the generated Shop API SDK against its reference server, with faults'));

  step(1, STEPS, 'Start the reference server');
  const server = await startServer({ seedOrders: 3 });
  try {
    fact(`Shop API on ${server.url} (in-memory store, fault injection, a ledger of applied side effects)`);
    const network = manualConnectivity(true);
    const sdk = createSdk({
      baseUrl: server.url,
      auth: { tokenStore: memoryTokenStore() },
      cache: {},
      offline: { storage: memoryStorage() },
      connectivity: network,
      retry: { baseDelayMs: 50, maxDelayMs: 200 },
      logger,
    });

    step(2, STEPS, 'Sign in');
    const tokens = await sdk.auth.login({ body: { email: server.seed.alice.email, password: server.seed.password } });
    const profile = await sdk.users.getMe();
    fact(`signed in as ${profile.email}; the SDK stored the tokens (expiring in ${tokens.expiresIn} s) and attaches them from now on`);
    check(profile.id === server.seed.alice.id, 'GET /me carries the bearer token');

    step(3, STEPS, 'Retries with backoff');
    server.faults.add({ method: 'GET', path: '/orders', times: 2, fault: { type: 'status', status: 503 } });
    const before = server.requests.length;
    const page = await sdk.orders.listOrders({ params: { query: { limit: 10 } } });
    const attempts = server.requests.slice(before).filter((r) => r.path === '/orders');
    fact(`the server answered 503, 503, then 200; attempts seen: ${attempts.map((r) => r.headers['x-tether-attempt'] ?? '1').join(', ')}`);
    check(attempts.length === 3 && page.items.length === 3, 'two 503s retried; the call resolved with the 3 seeded orders');

    step(4, STEPS, 'Token refresh');
    server.tokens.expireAll();
    fact('the server now rejects every access token it issued (as after 15 minutes)');
    const again = await sdk.users.getMe();
    check(again.id === profile.id && server.tokens.refreshCount === 1, 'one 401 → one refresh (rotating refresh token) → the call replayed and resolved');

    step(5, STEPS, 'Caching (RFC 9111, ETags)');
    const first = page.items[0]!;
    const one = await sdk.orders.getOrder.raw({ params: { path: { orderId: first.id } } });
    const two = await sdk.orders.getOrder.raw({ params: { path: { orderId: first.id } } });
    fact(`first read: ${one.cache?.source}; second read: ${two.cache?.source} (age ${two.cache?.ageMs} ms)`);
    check(one.cache?.source === 'network' && two.cache?.source === 'cache', 'the second read never reached the server (max-age=60, private to this user)');

    step(6, STEPS, 'Validation errors mapped to fields');
    const refused = await sdk.orders.createOrder.safe({ body: order('NOT-A-SKU') });
    const error = refused.error;
    const fields = isNetworkError(error) ? Object.keys(error.fieldErrors ?? {}) : [];
    fact(`the server's 422 problem+json became NetworkError ${isNetworkError(error) ? error.type : String(error)} with fieldErrors for ${fields.join(', ')}`);
    check(isNetworkError(error) && error.type === 'VALIDATION' && fields.some((f) => f.includes('sku')), 'a form can show the error next to the SKU field');

    step(7, STEPS, 'Offline queue');
    network.set(false);
    fact('the device goes offline; the app keeps working');
    const queued: QueuedResult[] = [];
    for (const sku of ['MUG-LOGO', 'CAP-RED', 'SOCKS-3PK']) {
      const result = await sdk.orders.createOrder({ body: order(sku) }, { offline: 'queue' });
      if ('queued' in result) queued.push(result);
    }
    const pending = await sdk.offline.pending();
    fact(`3 createOrder calls resolved as queued (${queued.map((q) => q.id.slice(0, 8)).join(', ')}); stored with their Idempotency-Keys, no token`);
    check(queued.length === 3 && pending.length === 3 && server.ledger.count('order.created') === 0, 'nothing sent while offline; every intent persisted first');
    // The first replay is applied but its answer is lost (a connection reset after commit).
    server.faults.add({ method: 'POST', path: '/orders', times: 1, fault: { type: 'reset-after' } });
    fact('the network returns, and the first replay is applied by the server but its answer is lost');
    const drained = new Promise<void>((resolve) => {
      const off = sdk.offline.on('drained', () => {
        off();
        resolve();
      });
    });
    network.set(true);
    await drained;
    const keys = server.ledger.entries('order.created').map((e) => e.key);
    const inOrder = keys.join() === pending.map((e) => e.idempotencyKey).join();
    check(inOrder && (await sdk.offline.pending()).length === 0, 'the queue drained in order: 3 orders created, each exactly once (the lost answer was replayed with its key)');

    step(8, STEPS, 'Incremental sync');
    const local = new Map<string, unknown>();
    const sync = createSyncForGetSync(sdk, {
      storage: memoryStorage(),
      apply: (batch) => {
        if (batch.reset) local.clear();
        for (const record of batch.upserts) local.set(record.id, record);
        for (const id of batch.deletes) local.delete(id);
      },
    });
    const full = await sync.run();
    fact(`first run: a full sync of ${full.upserts} orders in ${full.pages} page(s); the cursor is stored only after apply`);
    server.store.createOrder(server.seed.alice.id, order('TSHIRT-BLK-M') as Parameters<typeof server.store.createOrder>[1]);
    const delta = await sync.run();
    check(full.reset && delta.upserts === 1 && !delta.reset && local.size === full.upserts + 1, 'second run pulled only the one order created elsewhere');

    step(9, STEPS, 'Live events (server-sent events over fetch, with the bearer token)');
    const from = String(server.store.headSeq);
    const made = await sdk.orders.createOrder({ body: order('SNEAKER-RUN-42') });
    const stream = sdk.events.streamEvents(undefined, { lastEventId: from });
    let seen: string | undefined;
    for await (const event of stream) {
      seen = `${event.event} ${event.data.orderId}`;
      break;
    }
    fact(`received "${seen}" (resumed from Last-Event-ID ${from})`);
    check(seen === `order.created ${made.id}`, 'the stream delivered the change, typed as OrderEvent');

    await sdk.offline.close();
    console.log(`\n${green(bold('Done'))} ${dim(`in ${((Date.now() - started) / 1000).toFixed(1)} s. Read docs/getting-started-*.md next.`)}`);
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof DemoCheckFailed) console.error(`\n${red(bold('Demo check failed:'))} ${error.message}`);
  else console.error(`\n${red(bold('Demo failed:'))} ${isNetworkError(error) ? `${error.type}: ${error.message}` : error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
