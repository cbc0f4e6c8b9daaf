/**
 * RFC 9745 `Deprecation` / RFC 8594 `Sunset` answers reach the app once per operation per SDK
 * instance: through `onDeprecation`, or by default as one warning on the SDK's logger naming the
 * operation. The reference server sends them on v1 batchGetUsers and v2 getUser.
 */
import * as assert from 'uvu/assert';
import * as v1 from '../../generated/v1/index.js';
import * as v2 from '../../generated/v2/index.js';
import { serverSuite } from '../helpers/server-suite.js';

const test = serverSuite('deprecation headers');

function capture(): { logger: v1.Logger; warnings: string[] } {
  const warnings: string[] = [];
  const none = () => undefined;
  return { warnings, logger: { debug: none, info: none, warn: (message) => warnings.push(message), error: none } };
}

test('default: one warning naming the operation, its sunset and the link, however often it is called', async ({ server }) => {
  const { logger, warnings } = capture();
  const tokenStore = v1.memoryTokenStore();
  const sdk = v1.createSdk({ baseUrl: server.url, auth: { tokenStore }, logger, logLevel: 'warn' });
  await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  const ids = [server.seed.alice.id];
  await sdk.users.batchGetUsers({ body: { ids } });
  await sdk.users.batchGetUsers({ body: { ids } });
  await sdk.users.getMe(); // not deprecated: no warning
  const about = warnings.filter((w) => w.includes('deprecated'));
  assert.is(about.length, 1, warnings.join('\n'));
  // The logger prefixes its lines and redacts URLs in them (fragments dropped).
  assert.match(about[0]!, /^(\[tether\] )?sdk\.users\.batchGetUsers \(POST \/users\/batch-get\) is deprecated by the server since 2025-06-01T00:00:00\.000Z; it stops working at 2026-06-01T00:00:00\.000Z \(Sunset\); see https:\/\/developer\.shop\.example\.com\/changelog(#v2-batch-get-users)?$/);
});

test('onDeprecation receives a typed notice once per operation per SDK instance', async ({ server }) => {
  const notices: v2.DeprecationNotice[] = [];
  const make = () => v2.createSdk({ baseUrl: `${server.url}/v2`, auth: { tokenStore: v2.memoryTokenStore() }, logLevel: 'off', onDeprecation: (n) => notices.push(n) });
  for (const sdk of [make(), make()]) {
    await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
    const userId = server.seed.alice.id;
    await sdk.users.getUser({ params: { path: { userId } } });
    await sdk.users.getUser({ params: { path: { userId } } });
  }
  assert.is(notices.length, 2, 'once per instance');
  const [notice] = notices;
  assert.is(notice?.operation, 'users.getUser');
  assert.is(notice?.method, 'GET');
  assert.is(notice?.path, '/users/{userId}');
  assert.equal(notice?.deprecatedAt, new Date(Date.UTC(2025, 8, 1)));
  assert.equal(notice?.sunset, new Date(Date.UTC(2026, 8, 1)));
  assert.is(notice?.link, 'https://developer.shop.example.com/changelog#v2-get-user');
});

test('an onDeprecation that throws does not fail the call; it is logged', async ({ server }) => {
  const { logger, warnings } = capture();
  const sdk = v2.createSdk({
    baseUrl: `${server.url}/v2`, auth: { tokenStore: v2.memoryTokenStore() }, logger, logLevel: 'warn',
    onDeprecation: () => {
      throw new Error('boom');
    },
  });
  await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  const user = await sdk.users.getUser({ params: { path: { userId: server.seed.alice.id } } });
  assert.is(user.email, 'alice@example.com');
  assert.ok(warnings.some((w) => w.includes('onDeprecation threw for users.getUser: boom')), warnings.join('\n'));
});

test('a non-function onDeprecation is refused at createSdk', () => {
  assert.throws(() => v2.createSdk({ baseUrl: 'https://api.example.com', onDeprecation: 'warn' as unknown as v2.DeprecationHandler }), (e: unknown) => e instanceof TypeError);
});

test.run();
