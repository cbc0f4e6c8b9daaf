/**
 * The tree-shakable form end to end against the reference backend: `createClient` plus the
 * standalone operation functions behave like the `sdk.<tag>.<op>` methods (auth roles, the
 * spec's refresh, errors, `.safe()`/`.raw()`, pagers).
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { createClient, createOrder, getMe, getOrder, listOrders, login, logout, memoryTokenStore, withAuth, type Client, type TokenStore } from '../../generated/v1/index.js';
import { rejection } from '../helpers/rejection.js';
import { PASSWORD, type TestServer } from './helpers.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

const e2e = serverSuite<{ client: Client; tokenStore: TokenStore }>('e2e: standalone operation functions');

e2e.before.each(async (ctx) => {
  ctx.tokenStore = memoryTokenStore();
  ctx.client = createClient(withAuth({ baseUrl: ctx.server.url, auth: { tokenStore: ctx.tokenStore }, logLevel: 'off' }));
  await login(ctx.client, { body: { email: 'alice@example.com', password: PASSWORD } });
});

e2e('login stores the tokens; secured calls carry them', async ({ server, client, tokenStore }) => {
  assert.ok((await tokenStore.get())?.accessToken, 'login stored the session');
  const me = await getMe(client);
  assert.is(me.email, 'alice@example.com');
  assert.match(String(server.requests.at(-1)?.headers.authorization), /^Bearer \S+$/);
});

e2e('an expired access token is refreshed through the spec’s refresh operation, then replayed', async ({ server, client }) => {
  server.tokens.expireAll();
  const me = await getMe(client);
  assert.is(me.email, 'alice@example.com');
  assert.is(server.tokens.refreshCount, 1);
});

e2e('create and get with typed bodies; errors reject with NetworkError; safe and raw', async ({ server, client }) => {
  const created = await createOrder(client, { body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: address } });
  assert.is(server.ledger.count('order.created'), 1);
  const raw = await getOrder.raw(client, { params: { path: { orderId: created.id } } });
  assert.is(raw.data.id, created.id);
  assert.is(raw.response.status, 200);
  const missing = await getOrder.safe(client, { params: { path: { orderId: MISSING } } });
  assert.is(missing.error?.type, 'NOT_FOUND');
  const error = await rejection(getOrder(client, { params: { path: { orderId: MISSING } } }));
  assert.is(error.type, 'NOT_FOUND');
});

e2e('pages and items of a paginated list', async ({ client }) => {
  const pages: number[] = [];
  for await (const page of listOrders.pages(client, { params: { query: { limit: 1 } } }, { maxPages: 2 })) pages.push(page.items.length);
  assert.equal(pages, [1, 1]);
  let count = 0;
  for await (const order of listOrders.all(client, { params: { query: { limit: 2 } } })) count += order.id ? 1 : 0;
  assert.ok(count >= 2);
});

e2e('logout clears the stored session; a look-alike client is refused', async ({ client, tokenStore }) => {
  await logout(client);
  assert.is(await tokenStore.get(), null);
  const error: unknown = await getMe({ api: client.api }).then(() => undefined, (e: unknown) => e);
  assert.instance(error, TypeError, 'only a client from createClient works');
});

e2e.run();
