/**
 * The React Native wrappers over in-test stores of the published shapes (AsyncStorage v1/v2:
 * promise methods that apply after a delay; react-native-mmkv v2/v3 `delete` and v4 `remove`:
 * synchronous), through the conformance suite and then prefixes and error wrapping.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { asyncStorageAdapter, type AsyncStorageLike } from '../../../src/platform/storage/async-storage-adapter.js';
import { mmkvStorage, type MmkvLike } from '../../../src/platform/storage/mmkv-storage.js';
import { isStorageError } from '../../../src/platform/storage/storage-error.js';
import { runConformance } from './conformance.js';

/**
 * AsyncStorage's shape over a Map that may hold anything (as a store shared with other code
 * may). Each call applies after its own short, varying delay, so a wrapper that did not keep
 * call order per key would let a later write land first.
 */
function fakeAsyncStorage(entries = new Map<string, unknown>()): AsyncStorageLike & { entries: Map<string, unknown> } {
  let tick = 0;
  const later = <T>(apply: () => T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(apply()), (tick++ * 7) % 4));
  return {
    entries,
    getItem: (key) => later(() => (entries.has(key) ? (entries.get(key) as string) : null)),
    setItem: (key, value) => later(() => void entries.set(key, value)),
    removeItem: (key) => later(() => void entries.delete(key)),
    getAllKeys: () => later(() => [...entries.keys()]),
  };
}

/** react-native-mmkv's shape over a Map: v4 removes with `remove`, v2/v3 with `delete`. */
function fakeMmkv(version: 'v3' | 'v4', entries = new Map<string, string | number>()): MmkvLike & { entries: Map<string, string | number> } {
  const base = {
    entries,
    getString: (key: string) => {
      const value = entries.get(key);
      return typeof value === 'string' ? value : undefined;
    },
    set: (key: string, value: string) => void entries.set(key, value),
    getAllKeys: () => [...entries.keys()],
    contains: (key: string) => entries.has(key),
  };
  return version === 'v4' ? { ...base, remove: (key: string) => entries.delete(key) } : { ...base, delete: (key: string) => void entries.delete(key) };
}

runConformance('asyncStorageAdapter', async () => {
  const store = fakeAsyncStorage();
  return {
    storage: asyncStorageAdapter(store),
    corrupt: async (key) => void store.entries.set(key, { written: 'by other code' }),
    rawHas: async (key) => store.entries.has(key),
    reopen: async () => asyncStorageAdapter(store),
  };
});

for (const version of ['v3', 'v4'] as const) {
  runConformance(`mmkvStorage (${version})`, async () => {
    const mmkv = fakeMmkv(version);
    return {
      storage: mmkvStorage(mmkv),
      corrupt: async (key) => void mmkv.entries.set(key, 42),
      rawHas: async (key) => mmkv.entries.has(key),
      reopen: async () => mmkvStorage(mmkv),
    };
  });
}

const test = suite('react native wrappers');

test('a prefix keeps Tether to its own keys of a store the app shares', async () => {
  const store = fakeAsyncStorage(new Map([['app:theme', 'dark']]));
  const storage = asyncStorageAdapter(store, { prefix: 'tether:' });
  await storage.setItem('k', 'v');
  assert.equal([...store.entries.keys()], ['app:theme', 'tether:k']);
  assert.equal(await storage.getAllKeys(), ['k']);
  assert.is(await storage.getItem('theme'), null);
  const mmkv = fakeMmkv('v4', new Map([['other', 'x']]));
  const onMmkv = mmkvStorage(mmkv, { prefix: 'c/' });
  await onMmkv.setItem('k', 'v');
  assert.equal(await onMmkv.getAllKeys(), ['k']);
  assert.is(mmkv.getString('c/k'), 'v');
});

test('a store that fails rejects with a StorageError naming adapter, operation and key, cause kept', async () => {
  const failure = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  const broken: AsyncStorageLike = {
    getItem: () => Promise.reject(failure),
    setItem: () => Promise.reject(failure),
    removeItem: () => Promise.reject(failure),
    getAllKeys: () => Promise.reject(failure),
  };
  const storage = asyncStorageAdapter(broken);
  const error = await storage.setItem('k', 'v').then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(error), String(error));
  assert.equal([error.adapter, error.operation, error.key, error.code, error.errno], ['asyncStorage', 'setItem', 'k', 'IO', 'SQLITE_FULL']);
  assert.is(error.cause, failure);
  assert.is(error.message, 'asyncStorage storage: setItem("k") failed: database or disk is full');
  const listing = await storage.getAllKeys().then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(listing) && listing.operation === 'getAllKeys');
});

test('MMKV throwing synchronously becomes a rejection, never a throw at the call site', async () => {
  const mmkv = fakeMmkv('v4');
  mmkv.set = () => {
    throw new Error('MMKV is read-only');
  };
  const storage = mmkvStorage(mmkv);
  let pending: Promise<void> | undefined;
  assert.not.throws(() => (pending = storage.setItem('k', 'v')));
  const error = await pending!.then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(error) && error.adapter === 'mmkv' && error.operation === 'setItem' && error.key === 'k', String(error));
});

test('an object that is not an MMKV instance is refused up front', () => {
  assert.throws(() => mmkvStorage({ getString: () => undefined, set: () => undefined, getAllKeys: () => [] }), TypeError);
});

test.run();
