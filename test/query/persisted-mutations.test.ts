/**
 * Offline mutations as TanStack Query paused mutations that resume after a reload with no
 * per-key code: a mutation made while offline pauses, is dehydrated to JSON (what a persister
 * writes), a new QueryClient and a new SDK (the reloaded app) hydrate it, one
 * `registerTetherMutations` call gives every operation its function, and
 * `resumePausedMutations()` sends it: the server's ledger shows it applied once.
 */
import * as assert from 'uvu/assert';
import { MutationObserver, QueryClient, dehydrate, hydrate, onlineManager, type DehydratedState } from '@tanstack/query-core';
import { serverSuite } from '../helpers/server-suite.js';
import { signedInSdk } from '../e2e/helpers.js';
import { createQueries, createSdk, registerTetherMutations, type Sdk, type TokenStore } from '../../generated/v1/index.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
const newOrder = { items: [{ sku: 'SOCKS-3PK', quantity: 1 }], shippingAddress: address };
const options = { defaultOptions: { mutations: { gcTime: Infinity } } };

const test = serverSuite('query: paused mutations resume after a reload');
// onlineManager is query-core's process-wide singleton: every test leaves it online.
test.after.each(() => onlineManager.setOnline(true));

/** The app before the reload: goes offline, mutates, and persists the paused mutations as JSON. */
async function mutateOffline(url: string, tokenStore: TokenStore, variables: ReadonlyArray<Parameters<Sdk['orders']['createOrder']>[0]>): Promise<string> {
  const sdk = createSdk({ baseUrl: url, auth: { tokenStore }, logLevel: 'off' });
  const client = new QueryClient(options);
  const q = createQueries(sdk);
  onlineManager.setOnline(false);
  for (const v of variables) void new MutationObserver(client, q.orders.createOrder.mutationOptions()).mutate(v).catch(() => undefined);
  // Paused before sending: the mutation function does not run while offline.
  await Promise.resolve();
  assert.ok(client.getMutationCache().getAll().every((m) => m.state.isPaused), 'paused');
  const persisted = JSON.stringify(dehydrate(client));
  client.clear(); // the old app is gone
  return persisted;
}

test('hydrate → registerTetherMutations once → resumePausedMutations: each order applied once', async ({ server }) => {
  const { tokenStore } = await signedInSdk(server);
  const persisted = await mutateOffline(server.url, tokenStore, [{ body: newOrder }, { body: { ...newOrder, note: 'second' } }]);
  assert.is(server.requests.filter((r) => r.method === 'POST' && r.path === '/orders').length, 0, 'nothing was sent offline');
  const state = JSON.parse(persisted) as DehydratedState;
  assert.equal(state.mutations.map((m) => m.mutationKey), [['tether', 'orders.createOrder'], ['tether', 'orders.createOrder']]);

  // The reloaded app: a new SDK over the same token store, a new client. The persister restores
  // first, then the app registers the defaults (either order works).
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' });
  const client = new QueryClient(options);
  hydrate(client, state);
  const keys = registerTetherMutations(client, sdk);
  assert.ok(keys.some((k) => k[1] === 'orders.createOrder') && !keys.some((k) => k[1] === 'orders.getOrder'), 'mutations only');
  onlineManager.setOnline(true);
  await client.resumePausedMutations();

  const mutations = client.getMutationCache().getAll();
  assert.equal(mutations.map((m) => m.state.status), ['success', 'success'], mutations.map((m) => String(m.state.error)).join());
  assert.is(server.ledger.count('order.created'), 2, 'both applied, once each');
  const notes = server.store.ordersOf('alice@example.com').map((o) => o.note);
  assert.ok(notes.includes('second'));
  client.clear();
});

test('defaults registered before hydrating work too, and a resend after a lost answer keeps its key', async ({ server }) => {
  const { tokenStore } = await signedInSdk(server);
  const persisted = await mutateOffline(server.url, tokenStore, [{ body: newOrder }]);
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off', retry: false });
  const client = new QueryClient({ defaultOptions: { mutations: { gcTime: Infinity, retry: 1, retryDelay: 0 } } });
  registerTetherMutations(client, sdk);
  hydrate(client, JSON.parse(persisted) as DehydratedState);
  // The first send is applied but its answer is lost; TanStack retries with the same variables.
  server.faults.add({ method: 'POST', path: '/orders', fault: { type: 'reset-after' } });
  onlineManager.setOnline(true);
  await client.resumePausedMutations();
  const posts = server.requests.filter((r) => r.method === 'POST' && r.path === '/orders');
  assert.is(posts.length, 2);
  assert.is(posts[0]?.headers['idempotency-key'], posts[1]?.headers['idempotency-key']);
  assert.is(server.ledger.count('order.created'), 1, 'applied once');
  assert.is(client.getMutationCache().getAll()[0]?.state.status, 'success');
  client.clear();
});

test.run();
