/**
 * The queue store's index (queue-store.ts), alone over a memory storage: it agrees with what the
 * storage holds after this instance's writes, including writes that land while the listing is
 * being read; `forget()` and a failed write make the next read list the storage again.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import type { StorageAdapter } from '../../../src/platform/storage/types.js';
import { createQueueStore } from '../../../src/repository/offline/queue-store.js';
import type { OfflineEntry } from '../../../src/repository/offline/types.js';

const test = suite('offline queue store: the index');

let clock = 1_000_000;
const entry = (id: string): OfflineEntry => ({ id, operation: 'orders.createOrder', init: {}, idempotencyKey: `key-${id}`, scope: '/orders', owner: 'o', createdAt: clock, attempts: 0 });

/** A storage whose getAllKeys calls are counted and whose next setItem can be made to fail. */
function storage(): { adapter: StorageAdapter; listings: number; failNextSet: boolean } {
  const inner = memoryStorage();
  const s = {
    listings: 0,
    failNextSet: false,
    adapter: {
      getItem: (key: string) => inner.getItem(key),
      setItem: (key: string, value: string) => {
        if (s.failNextSet) {
          s.failNextSet = false;
          return Promise.reject(new Error('disk full'));
        }
        return inner.setItem(key, value);
      },
      removeItem: (key: string) => inner.removeItem(key),
      getAllKeys: () => {
        s.listings++;
        return inner.getAllKeys();
      },
    } satisfies StorageAdapter,
  };
  return s;
}

const ids = (list: ReadonlyArray<{ entry: OfflineEntry }>) => list.map((s) => s.entry.id);

test('writes made while the listing is read are in the index, in FIFO order', async () => {
  const s = storage();
  const store = createQueueStore(s.adapter, 'ns', () => clock++, (error) => { throw error; });
  const [a] = [await store.append(entry('a')), await store.append(entry('b')), await store.append(entry('c'))];
  const building = store.indexed();
  const during = [store.append(entry('d')), store.remove(a!.key), store.append(entry('e'))];
  await Promise.all([building, ...during]);
  const indexed = await store.indexed();
  assert.equal(ids(indexed), ['b', 'c', 'd', 'e']);
  assert.equal(ids(indexed), ids(await store.list()), 'the index agrees with the storage');
});

test('one listing serves every read until forget(); updates and removals are applied', async () => {
  const s = storage();
  const store = createQueueStore(s.adapter, 'ns', () => clock++, (error) => { throw error; });
  const a = await store.append(entry('a'));
  const b = await store.append(entry('b'));
  s.listings = 0;
  await store.indexed();
  await store.update(a.key, { ...a.entry, attempts: 3 });
  await store.remove(b.key);
  const indexed = await store.indexed();
  assert.is(s.listings, 1);
  assert.equal(indexed.map((x) => [x.entry.id, x.entry.attempts]), [['a', 3]]);
  await store.update(b.key, b.entry); // a key the index no longer holds is not revived in it
  assert.equal(ids(await store.indexed()), ['a']);
  store.forget();
  await store.indexed();
  assert.is(s.listings, 2, 'forget() lists again');
});

test('a failed write drops the index, so the next read lists the storage', async () => {
  const s = storage();
  const store = createQueueStore(s.adapter, 'ns', () => clock++, (error) => { throw error; });
  await store.append(entry('a'));
  await store.indexed();
  s.listings = 0;
  s.failNextSet = true;
  await store.append(entry('b')).then(() => assert.unreachable('the write failed'), () => undefined);
  assert.equal(ids(await store.indexed()), ['a']);
  assert.is(s.listings, 1);
});

test.run();
