/**
 * The auth layer as an opt-in of the tree-shakable form (src/auth-wiring.ts): `createClient`
 * without `withAuth` has no auth layer and refuses auth options rather than ignoring them;
 * `createClient(withAuth(…))` behaves like `createSdk` with the same options.
 */
import * as assert from 'uvu/assert';
import { createClient, createSdk, getMe, login, memoryTokenStore, withAuth } from '../../generated/v1/index.js';
import { serverSuite } from '../helpers/server-suite.js';
import { rejection } from '../helpers/rejection.js';
import { PASSWORD } from './helpers.js';

const e2e = serverSuite('e2e: createClient and withAuth');

e2e('auth or credentials without withAuth is a TypeError at createClient, never a client that sends nothing', ({ server }) => {
  assert.throws(() => createClient({ baseUrl: server.url, auth: { tokenStore: memoryTokenStore() } }), (e: unknown) => e instanceof TypeError);
  assert.throws(() => createClient({ baseUrl: server.url, credentials: {} }), (e: unknown) => e instanceof TypeError);
  // createSdk keeps its options exactly as documented: auth needs no wrapper there.
  createSdk({ baseUrl: server.url, auth: { tokenStore: memoryTokenStore() } });
});

e2e('a client without the auth layer sends no credentials: a secured call is UNAUTHORIZED, as with createSdk without auth', async ({ server }) => {
  const lean = await rejection(getMe(createClient({ baseUrl: server.url, logLevel: 'off' })));
  const full = await rejection(createSdk({ baseUrl: server.url, logLevel: 'off' }).users.getMe());
  assert.is(lean.type, 'UNAUTHORIZED');
  assert.is(full.type, 'UNAUTHORIZED');
  assert.is(server.requests.at(-1)?.headers.authorization, undefined);
});

e2e('withAuth checks the auth options like createSdk does, and its client signs in and sends the token', async ({ server }) => {
  assert.throws(() => createClient(withAuth({ baseUrl: server.url, auth: { tokenStore: {} as never } })), (e: unknown) => e instanceof TypeError);
  const tokenStore = memoryTokenStore();
  const client = createClient(withAuth({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' }));
  await login(client, { body: { email: 'alice@example.com', password: PASSWORD } });
  assert.ok((await tokenStore.get())?.accessToken, 'login stored the tokens');
  assert.is((await getMe(client)).email, 'alice@example.com');
  assert.match(String(server.requests.at(-1)?.headers.authorization), /^Bearer \S+$/);
});

e2e.run();
