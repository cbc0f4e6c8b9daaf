import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { memoryStorage } from '../../src/platform/storage/memory-storage.js';

test('memoryStorage speaks the AsyncStorage shape', async () => {
  const storage = memoryStorage();
  assert.is(await storage.getItem('a'), null);
  await storage.setItem('a', '1');
  await storage.setItem('b', '2');
  assert.is(await storage.getItem('a'), '1');
  assert.equal([...(await storage.getAllKeys())].sort(), ['a', 'b']);
  await storage.removeItem('a');
  await storage.removeItem('missing');
  assert.equal(await storage.getAllKeys(), ['b']);
});

test('instances do not share state', async () => {
  const one = memoryStorage();
  await one.setItem('k', 'v');
  assert.is(await memoryStorage().getItem('k'), null);
});

test('non-string values are refused', async () => {
  await memoryStorage()
    .setItem('k', 5 as unknown as string)
    .then(() => assert.unreachable(), (e) => assert.instance(e, TypeError));
});

test.run();
