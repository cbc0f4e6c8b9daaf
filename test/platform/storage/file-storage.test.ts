/**
 * The file adapter: the conformance suite over real files, then what only files have: damaged
 * files of every kind, stray temp files, I/O errors that are not "absent", two adapters on one
 * directory, and the names it picks for keys.
 */
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from '../../helpers/timed-suite.js';
import { cleanScratch, scratch } from '../../helpers/paths.js';
import { fileStorage } from '../../../src/platform/storage/file-storage.js';
import { encodeEntry } from '../../../src/platform/storage/file-envelope.js';
import { MAX_ESCAPED_NAME, fileNameFor, parseFileName } from '../../../src/platform/storage/file-names.js';
import { isStorageError, StorageError } from '../../../src/platform/storage/storage-error.js';
import { runConformance } from './conformance.js';

const SCRATCH = 'file-storage';
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

runConformance('fileStorage', async () => {
  const directory = await scratch(SCRATCH);
  // Some of the damage a disk, a crash of a non-atomic writer, or a person can do to one file.
  const damages = [
    (bytes: Buffer) => bytes.subarray(0, bytes.length - 1),
    () => Buffer.alloc(0),
    (bytes: Buffer) => Buffer.from(bytes).fill(0x41, bytes.length - 1),
  ];
  let damage = 0;
  return {
    storage: fileStorage({ directory }),
    async corrupt(key) {
      const path = join(directory, fileNameFor(key));
      await writeFile(path, damages[damage++ % damages.length]!(await readFile(path)));
    },
    rawHas: (key) => exists(join(directory, fileNameFor(key))),
    reopen: async () => fileStorage({ directory }),
  };
});

const test = suite('fileStorage on disk');
test.after(() => cleanScratch(SCRATCH));

test('every kind of damaged file is a miss and is removed, never a throw', async () => {
  const directory = await scratch(SCRATCH);
  const storage = fileStorage({ directory });
  const good = Buffer.from(encodeEntry('k', 'value'));
  const header = good.subarray(0, good.indexOf(0x0a) + 1).toString('latin1');
  const damaged: Array<[string, Buffer]> = [
    ['empty', Buffer.alloc(0)],
    ['truncated in the header', good.subarray(0, 10)],
    ['truncated in the value', good.subarray(0, good.length - 2)],
    ['padded', Buffer.concat([good, Buffer.from('x')])],
    ['a flipped bit', Buffer.from(good).fill(good[good.length - 1]! ^ 1, good.length - 1)],
    ['an older format version', Buffer.from(good.toString('latin1').replace('tether-kv 1 ', 'tether-kv 0 '), 'latin1')],
    ['a newer format version', Buffer.from(good.toString('latin1').replace('tether-kv 1 ', 'tether-kv 2 '), 'latin1')],
    ['plain JSON from an older release', Buffer.from('{"k":"value"}')],
    ['binary noise', Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x80])],
    ['an entry of another key', Buffer.from(encodeEntry('other', 'value'))],
    ['a header with absurd lengths', Buffer.from(header.replace(/ 1 5 /, ' 1 99999999999999999999 '), 'latin1')],
  ];
  for (const [what, bytes] of damaged) {
    const path = join(directory, fileNameFor('k'));
    await writeFile(path, bytes);
    assert.is(await storage.getItem('k'), null, what);
    assert.not.ok(await exists(path), `${what}: removed`);
  }
  await storage.setItem('k', 'value');
  assert.equal(await readFile(join(directory, fileNameFor('k'))), good, 'the intact form is what was damaged above');
});

test('stray temp files of a dead writer are removed on open and never listed; a live writer\'s are left', async () => {
  const directory = await scratch(SCRATCH);
  const dead = spawnSync(process.execPath, ['-e', '0']).pid; // exited: its pid is free
  await writeFile(join(directory, `t-${dead}-1-aaaaaaaaaaaa`), 'half a wri');
  await writeFile(join(directory, `t-${process.pid}-99-bbbbbbbbbbbb`), 'a write of this process in flight');
  await writeFile(join(directory, 'README'), 'not ours');
  const storage = fileStorage({ directory });
  assert.equal(await storage.getAllKeys(), []);
  const left = (await readdir(directory)).sort();
  assert.equal(left, ['README', `t-${process.pid}-99-bbbbbbbbbbbb`]);
  // Once older than staleTempMs even a live pid's temp file is garbage.
  const aged = fileStorage({ directory: join(directory, '.'), staleTempMs: 0 });
  await new Promise((r) => setTimeout(r, 5));
  // The module shares queues per directory, not the open sweep: a new adapter sweeps again.
  assert.equal(await aged.getAllKeys(), []);
  assert.equal(await readdir(directory), ['README']);
});

test('an I/O error that is not "absent" rejects with a StorageError naming the operation and key', async () => {
  const directory = await scratch(SCRATCH);
  await writeFile(join(directory, 'a-file'), '');
  const blocked = fileStorage({ directory: join(directory, 'a-file', 'store') });
  for (const [operation, call] of [
    ['setItem', () => blocked.setItem('user:1', 'v')],
    ['getItem', () => blocked.getItem('user:1')],
    ['removeItem', () => blocked.removeItem('user:1')],
  ] as const) {
    const error = await call().then(() => undefined, (e: unknown) => e);
    assert.ok(isStorageError(error), `${operation}: ${String(error)}`);
    assert.instance(error, StorageError);
    assert.is(error.operation, operation);
    assert.is(error.key, 'user:1');
    assert.is(error.code, 'IO');
    assert.is(error.errno, 'ENOTDIR');
    assert.match(error.message, new RegExp(`^file storage: ${operation}\\("user:1"\\) failed: `));
  }
  const listing = await blocked.getAllKeys().then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(listing) && listing.operation === 'getAllKeys' && listing.key === undefined);

  // A read that fails for another reason than absence (here: a directory where the file should be).
  const store = fileStorage({ directory });
  await mkdir(join(directory, fileNameFor('odd')));
  const read = await store.getItem('odd').then(() => undefined, (e: unknown) => e);
  assert.ok(isStorageError(read) && read.errno === 'EISDIR' && read.operation === 'getItem', String(read));
  assert.ok(await exists(join(directory, fileNameFor('odd'))), 'a read error removes nothing');
});

test('two adapters on one directory share one order per key and see each other\'s writes', async () => {
  const directory = await scratch(SCRATCH);
  const one = fileStorage({ directory, durable: false });
  const two = fileStorage({ directory, durable: false });
  const writes = Array.from({ length: 20 }, (_, i) => (i % 2 ? one : two).setItem('k', `v${i}-${'y'.repeat(i * 3000)}`));
  const read = two.getItem('k');
  await Promise.all(writes);
  assert.is(await read, `v19-${'y'.repeat(19 * 3000)}`);
  assert.is(await one.getItem('k'), await read);
});

test('file names: one per key, no two differing only in case, short, portable; parsed back', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'binary', maxLength: 120 }), (a, b) => {
      const [na, nb] = [fileNameFor(a), fileNameFor(b)];
      if (a !== b) assert.ok(na.toLowerCase() !== nb.toLowerCase(), `${JSON.stringify(a)} and ${JSON.stringify(b)} share ${na}`);
      for (const name of [na, nb]) {
        assert.ok(Buffer.byteLength(name) <= Math.max(MAX_ESCAPED_NAME, 66), name);
        assert.match(name, /^(e-(?:[a-z0-9_-]|%[0-9A-F]{2})*|h-[0-9a-f]{64})$/);
      }
      const parsed = parseFileName(na);
      if (parsed.kind === 'key') assert.is(parsed.key, a);
    }),
    { numRuns: 2000 },
  );
  assert.is(fileNameFor('users/42'), 'e-users%2F42');
  assert.ok(fileNameFor('x'.repeat(200)).startsWith('h-'), 'long keys are hashed');
  assert.equal(parseFileName('e-%61'), { kind: 'other' }, 'a non-canonical spelling is not a key');
  assert.equal(parseFileName('t-1-2-abc'), { kind: 'other' });
});

test.run();
