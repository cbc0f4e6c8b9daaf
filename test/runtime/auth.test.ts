import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createTokenManager } from '../../src/auth/token-manager.js';
import { auth, requiresAuth } from '../../src/auth/middleware.js';
import { memoryTokenStore, storageTokenStore, type TokenStore } from '../../src/auth/token-store.js';
import type { Attempt, FetchLike } from '../../src/network/types.js';
import type { OperationMeta } from '../../src/contract/operation.js';
import { memoryStorage } from '../../src/platform/storage/memory-storage.js';
import { context } from './helpers/context.js';

const secured: OperationMeta['security'] = [['bearerAuth']];
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A manager without refresh: this file tests attaching the token only. */
function managerFor(tokenStore: TokenStore) {
  return createTokenManager({ tokenStore, refresh: () => undefined, refreshSkewMs: 60_000, onSessionExpired: undefined, lock: (task) => task(), now: Date.now, log: quiet });
}

async function sendThroughAuth(url: string, security: OperationMeta['security'], init: RequestInit = {}, tokens = memoryTokenStore({ accessToken: 'tok-1' })) {
  let seen: Attempt | undefined;
  const next: FetchLike = async (request) => {
    seen = request;
    return new Response(null, { status: 204 });
  };
  const fetch = auth({ tokens: managerFor(tokens), baseUrl: 'https://api.example.com/v1' })(next);
  await fetch(createAttempt(url, init), context({ meta: { security } }));
  return seen?.headers.get('authorization') ?? null;
}

test('same origin + secured operation gets the bearer token', async () => {
  assert.is(await sendThroughAuth('https://api.example.com/v1/orders', secured), 'Bearer tok-1');
  // Origin, not path prefix: another path on the same origin is the same server.
  assert.is(await sendThroughAuth('https://api.example.com/other', secured), 'Bearer tok-1');
});

test('never to another origin', async () => {
  for (const url of ['https://evil.example.com/v1/orders', 'https://api.example.com:8443/v1', 'http://api.example.com/v1', 'https://api.example.com.evil.io/v1']) {
    assert.is(await sendThroughAuth(url, secured), null, url);
  }
});

test('only when the operation requires a scheme', async () => {
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', []), null);
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', [[], ['bearerAuth']]), null);
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', [['apiKey'], ['bearerAuth']]), 'Bearer tok-1');
  assert.ok(requiresAuth([['a', 'b']]));
  assert.not.ok(requiresAuth([[]]));
});

test('no token, no header; an explicit Authorization header is left alone', async () => {
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', secured, {}, memoryTokenStore()), null);
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', secured, { headers: { Authorization: 'Basic abc' } }), 'Basic abc');
});

test('the token is read per request, so a new sign-in applies at once', async () => {
  const store = memoryTokenStore({ accessToken: 'old' });
  await store.set({ accessToken: 'new' });
  assert.is(await sendThroughAuth('https://api.example.com/v1/x', secured, {}, store), 'Bearer new');
});

test('memoryTokenStore validates what it is given', async () => {
  const store = memoryTokenStore();
  assert.is(await store.get(), null);
  await store.set({ accessToken: 'a', refreshToken: 'r', expiresAt: 5 });
  assert.equal(await store.get(), { accessToken: 'a', refreshToken: 'r', expiresAt: 5 });
  await store.set(null);
  assert.is(await store.get(), null);
  await store.set({ accessToken: '' }).then(() => assert.unreachable(), (e) => assert.instance(e, TypeError));
});

test('storageTokenStore persists as JSON and treats a corrupt entry as signed out', async () => {
  const storage = memoryStorage();
  const store = storageTokenStore(storage);
  await store.set({ accessToken: 'a', expiresAt: 10 });
  assert.equal(JSON.parse((await storage.getItem('tether.tokens')) ?? ''), { accessToken: 'a', expiresAt: 10 });
  // A second store over the same storage (an app restart) sees the same tokens.
  assert.equal(await storageTokenStore(storage).get(), { accessToken: 'a', refreshToken: undefined, expiresAt: 10 });

  await storage.setItem('tether.tokens', '{not json');
  assert.is(await store.get(), null);
  await storage.setItem('tether.tokens', '{"accessToken":42}');
  assert.is(await store.get(), null);

  await store.set({ accessToken: 'b' });
  await store.set(null);
  assert.equal(await storage.getAllKeys(), []);

  const custom = storageTokenStore(storage, 'k');
  await custom.set({ accessToken: 'c' });
  assert.equal(await storage.getAllKeys(), ['k']);
});

test('storage errors propagate instead of being mistaken for "signed out"', async () => {
  const broken = { ...memoryStorage(), getItem: async () => Promise.reject(new Error('disk')) };
  await storageTokenStore(broken).get().then(() => assert.unreachable(), (e) => assert.match(String(e), 'disk'));
});

test.run();
