/**
 * Tokens a refresh returns are checked before they are stored: a value a header cannot carry,
 * an empty token or one already expired is a bad answer (UNKNOWN, not retried, nothing stored,
 * session kept), never a TypeError passing for CONNECTION.
 */
import * as assert from 'uvu/assert';
import type { Tokens } from '../../generated/v1/index.js';
import { serverSuite } from '../helpers/server-suite.js';
import { rejection } from '../helpers/rejection.js';
import { ALICE, authSdk, hits } from './helpers.js';

const test = serverSuite('auth: unusable tokens from a refresh');

const BAD: Array<[string, (now: number) => Tokens]> = [
  ['CR/LF in the access token', () => ({ accessToken: 'ok\r\nX-Evil: 1', refreshToken: 'r1' })],
  ['a space in the access token', () => ({ accessToken: 'two words', refreshToken: 'r1' })],
  ['non-ASCII in the refresh token', () => ({ accessToken: 'fine', refreshToken: 'r€' })],
  ['already expired', (now) => ({ accessToken: 'fine', refreshToken: 'r1', expiresAt: now - 1000 })],
];

for (const [name, make] of BAD) {
  test(`a refresh answering ${name}: UNKNOWN, nothing stored, nothing sent with it`, async ({ server }) => {
    let refreshes = 0;
    const { sdk, tokenStore } = authSdk(server, {
      authExtra: {
        refresh: async () => {
          refreshes += 1;
          return make(Date.now());
        },
      },
    });
    await sdk.auth.login({ body: ALICE });
    const signedIn = await tokenStore.get();
    // Due now: the next call refreshes first.
    await tokenStore.set({ ...signedIn!, expiresAt: Date.now() - 1 });
    const stored = await tokenStore.get();
    const before = hits(server, 'GET', '/users/me').length;

    const error = await rejection(sdk.users.getMe());
    assert.is(error.type, 'UNKNOWN', error.message);
    assert.match(error.message, /unusable/);
    assert.is(refreshes, 1, 'not retried');
    assert.equal(await tokenStore.get(), stored, 'nothing stored');
    assert.is(hits(server, 'GET', '/users/me').length, before, 'the call never went out with a bad token');
  });
}

test('a stored token with a line break is VALIDATION (client), not CONNECTION, and not sent', async ({ server }) => {
  const { sdk, tokenStore } = authSdk(server);
  await tokenStore.set({ accessToken: 'abc\ndef' });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(hits(server, 'GET', '/users/me').length, 0);
});

test.run();
