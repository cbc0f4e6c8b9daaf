import * as assert from 'uvu/assert';
import { test } from '../../helpers/timed-suite.js';
import { StorageError, isStorageError } from '../../../src/platform/storage/storage-error.js';

const init = { code: 'IO', adapter: 'file', operation: 'setItem', key: 'k', detail: 'EACCES: permission denied', errno: 'EACCES' } as const;

test('StorageError: a stable name, code and message naming adapter, operation and key; cause kept', () => {
  const cause = new Error('raw');
  const error = new StorageError({ ...init, cause });
  assert.is(error.name, 'StorageError');
  assert.is(error.message, 'file storage: setItem("k") failed: EACCES: permission denied');
  assert.is(error.cause, cause);
  assert.ok(error instanceof Error);
  assert.is(new StorageError({ ...init, key: 'x'.repeat(500) }).message.length < 300, true, 'a huge key is cut in the message');
  assert.is(new StorageError({ ...init, key: undefined, operation: 'getAllKeys' }).message, 'file storage: getAllKeys failed: EACCES: permission denied');
});

test('the brand works across copies of the package (the Node entry bundles its own) and is not enumerable', () => {
  // What a second copy's instance looks like to this copy: another class with the same brand.
  class OtherCopy extends Error {
    get '~tether.StorageError'(): true {
      return true;
    }
  }
  assert.ok(isStorageError(new OtherCopy()));
  assert.ok(new OtherCopy() instanceof StorageError);
  assert.not.ok(isStorageError(new Error('x')));
  assert.not.ok(isStorageError({ code: 'IO' }));
  assert.not.ok(new Error('x') instanceof StorageError);
  assert.not.ok(Object.keys(new StorageError(init)).includes('~tether.StorageError'));
});

test.run();
