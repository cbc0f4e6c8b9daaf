/**
 * secureStoreTokenStore over a stand-in with expo-secure-store's call shape and rules (keys of
 * `[A-Za-z0-9._-]` only, entries per keychainService): tokens round-trip as JSON, a corrupt
 * entry is signed out, a failing read rejects as StorageError (never "signed out"), the store's
 * options reach every call, calls on the entry keep their order, and stores over one entry
 * share a refresh lock.
 */
import * as assert from 'uvu/assert';
import { isStorageError, secureStoreTokenStore, type SecureStoreLike } from '../../src/index.js';
import { test } from '../helpers/timed-suite.js';

interface Options {
  keychainService?: string;
  requireAuthentication?: boolean;
}

/** expo-secure-store's rules, in memory; `fail` makes the next calls reject as the native module does. */
function fakeSecureStore() {
  const entries = new Map<string, string>();
  const seen: Array<{ op: string; key: string; options: Options | undefined }> = [];
  let fail: Error | undefined;
  const at = (key: string, options: Options | undefined) => {
    if (!/^[\w.-]+$/.test(key)) throw new Error(`Invalid key provided to SecureStore: ${key}`);
    return `${options?.keychainService ?? ''}/${key}`;
  };
  const store: SecureStoreLike<Options> = {
    async getItemAsync(key, options) {
      seen.push({ op: 'get', key, options });
      if (fail) throw fail;
      return entries.get(at(key, options)) ?? null;
    },
    async setItemAsync(key, value, options) {
      seen.push({ op: 'set', key, options });
      if (fail) throw fail;
      entries.set(at(key, options), value);
    },
    async deleteItemAsync(key, options) {
      seen.push({ op: 'delete', key, options });
      if (fail) throw fail;
      entries.delete(at(key, options));
    },
  };
  return { store, entries, seen, failWith: (error: Error | undefined) => (fail = error) };
}

const TOKENS = { accessToken: 'a1', refreshToken: 'r1', expiresAt: 1_900_000_000_000 };

test('tokens round-trip as one JSON entry under the key; set(null) deletes it', async () => {
  const fake = fakeSecureStore();
  const tokens = secureStoreTokenStore(fake.store, { key: 'shop.session' });
  assert.is(await tokens.get(), null);
  await tokens.set(TOKENS);
  assert.equal(JSON.parse(fake.entries.get('/shop.session')!), TOKENS);
  assert.equal(await tokens.get(), TOKENS);
  await tokens.set(null);
  assert.is(fake.entries.size, 0);
  assert.is(await tokens.get(), null);
});

test("the default key is SecureStore-safe ('tether.tokens'); a key SecureStore refuses is a TypeError at once", async () => {
  const fake = fakeSecureStore();
  await secureStoreTokenStore(fake.store).set(TOKENS);
  assert.ok(fake.entries.has('/tether.tokens'));
  for (const key of ['tether:tokens', 'a b', '', 'tökens']) assert.throws(() => secureStoreTokenStore(fake.store, { key }), TypeError, key);
});

test('storeOptions reach every call, and an entry is found only under its keychainService', async () => {
  const fake = fakeSecureStore();
  const options = { keychainService: 'shop', requireAuthentication: false };
  const tokens = secureStoreTokenStore(fake.store, { storeOptions: options });
  await tokens.set(TOKENS);
  await tokens.get();
  await tokens.set(null);
  assert.ok(fake.seen.every((call) => call.options === options), JSON.stringify(fake.seen));
  await tokens.set(TOKENS);
  assert.is(await secureStoreTokenStore(fake.store).get(), null, 'another service sees nothing');
});

test('a corrupt entry reads as signed out; a failing read rejects as StorageError naming secureStore, never null', async () => {
  const fake = fakeSecureStore();
  const tokens = secureStoreTokenStore(fake.store);
  fake.entries.set('/tether.tokens', '{not json');
  assert.is(await tokens.get(), null);
  fake.entries.set('/tether.tokens', JSON.stringify({ accessToken: '' }));
  assert.is(await tokens.get(), null);

  const locked = Object.assign(new Error('User interaction is not allowed.'), { code: 'ERR_KEY_CHAIN' });
  fake.failWith(locked);
  const error = await tokens.get().then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(error), String(error));
  assert.is(error.adapter, 'secureStore');
  assert.is(error.operation, 'getItem');
  assert.is(error.key, 'tether.tokens');
  assert.is(error.errno, 'ERR_KEY_CHAIN');
  assert.is(error.cause, locked);
  const write = await tokens.set(TOKENS).then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(write) && write.operation === 'setItem');
});

test('calls on the entry run in call order: a read after a write sees it', async () => {
  const fake = fakeSecureStore();
  const slow: SecureStoreLike<Options> = {
    ...fake.store,
    setItemAsync: (key, value, options) => new Promise((resolve, reject) => setTimeout(() => fake.store.setItemAsync(key, value, options).then(resolve, reject), 20)),
  };
  const tokens = secureStoreTokenStore(slow);
  const [, read] = await Promise.all([tokens.set(TOKENS), tokens.get()]);
  assert.equal(read, TOKENS);
});

test('stores over the same SecureStore entry share a lock key; another key or service does not', () => {
  const fake = fakeSecureStore();
  const a = secureStoreTokenStore(fake.store, { key: 'k' });
  const b = secureStoreTokenStore(fake.store, { key: 'k' });
  assert.ok(a.lockKey !== undefined && a.lockKey === b.lockKey);
  assert.is.not(secureStoreTokenStore(fake.store, { key: 'other' }).lockKey, a.lockKey);
  assert.is.not(secureStoreTokenStore(fake.store, { key: 'k', storeOptions: { keychainService: 's' } }).lockKey, a.lockKey);
});

test.run();
