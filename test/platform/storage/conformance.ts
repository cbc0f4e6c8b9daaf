/**
 * The StorageAdapter contract as one table of tests, run against every adapter (memory, file,
 * IndexedDB, the React Native wrappers): absent keys, round trips, awkward keys and values,
 * call order on one key under concurrency, damaged entries, reopening. Each adapter's test
 * file supplies a harness; hooks an adapter cannot support are left out and their tests skip.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import type { StorageAdapter } from '../../../src/platform/storage/types.js';

/** One fresh, empty store per test, plus what the suite may do to it from outside. */
export interface Harness {
  readonly storage: StorageAdapter;
  /** Damages the stored entry of `key` (must exist) the way this platform can damage it. */
  corrupt?(key: string): Promise<void>;
  /** Whether the raw store still holds anything for `key` (to prove a damaged entry was removed). */
  rawHas?(key: string): Promise<boolean>;
  /** A new adapter over the same underlying store (what a restart sees). */
  reopen?(): Promise<StorageAdapter>;
  close?(): Promise<void>;
}

/** Options of one conformance run. */
export interface ConformanceOptions {
  /** Size of the huge value, in UTF-16 code units [2 MiB]. */
  readonly hugeLength?: number;
  readonly timeoutMs?: number;
}

/** Keys that break naive adapters: case twins, path syntax, escapes, NUL, long, empty, lone surrogates. */
export const AWKWARD_KEYS: readonly string[] = [
  '',
  'a',
  'A',
  'Ab',
  'aB',
  '.',
  '..',
  '../escape',
  'dir/file',
  'back\\slash',
  'CON',
  'nul',
  'trailing.',
  'trailing ',
  '%41',
  'e-a',
  'h-0',
  't-1-2-3',
  'with\u0000nul',
  'GET https://api.example.com/v1/users?sort=asc&page=2 | scope=user:42',
  'ключ-😀-键-🔑',
  'lone \uD800 high',
  'lone \uDC00 low',
  '\uDC00\uD800',
  'k'.repeat(1000),
  'Ü'.repeat(300),
];

/** Values that break naive adapters. */
export const AWKWARD_VALUES: readonly string[] = ['', ' ', '\n', 'null', '{"a":1}', 'ключ 😀 键', 'lone \uD800', '\u0000\u0001\uFFFF', 'tether-kv 1 utf8 0 0 x\n'];

const sorted = (keys: ReadonlyArray<string>): string[] => [...keys].sort();

/** Registers and runs the conformance suite for one adapter. */
export function runConformance(name: string, create: () => Promise<Harness>, options: ConformanceOptions = {}): void {
  const test = suite(`${name} conformance`, {}, { timeoutMs: options.timeoutMs ?? 30_000 });
  let harness: Harness | undefined;
  const open = async (): Promise<Harness> => (harness = await create());
  test.after.each(async () => {
    await harness?.close?.();
    harness = undefined;
  });

  test('an absent key reads null; removing it is not an error; a fresh store lists nothing', async () => {
    const { storage } = await open();
    assert.is(await storage.getItem('missing'), null);
    await storage.removeItem('missing');
    assert.equal(await storage.getAllKeys(), []);
  });

  test('set, get, overwrite, remove; getAllKeys follows', async () => {
    const { storage } = await open();
    await storage.setItem('a', '1');
    await storage.setItem('b', '2');
    assert.is(await storage.getItem('a'), '1');
    assert.equal(sorted(await storage.getAllKeys()), ['a', 'b']);
    await storage.setItem('a', 'one');
    assert.is(await storage.getItem('a'), 'one');
    await storage.removeItem('a');
    assert.is(await storage.getItem('a'), null);
    assert.equal(sorted(await storage.getAllKeys()), ['b']);
  });

  test('awkward keys are distinct entries and list back exactly', async () => {
    const { storage } = await open();
    await Promise.all(AWKWARD_KEYS.map((key, i) => storage.setItem(key, `value ${i}`)));
    for (const [i, key] of AWKWARD_KEYS.entries()) assert.is(await storage.getItem(key), `value ${i}`, `key #${i}`);
    assert.equal(sorted(await storage.getAllKeys()), sorted(AWKWARD_KEYS));
    await storage.removeItem('A');
    assert.is(await storage.getItem('a'), `value ${AWKWARD_KEYS.indexOf('a')}`, 'removing "A" left "a"');
    assert.is(await storage.getItem('A'), null);
  });

  test('awkward values (empty, unicode, lone surrogates, NUL, header look-alikes) round-trip exactly', async () => {
    const { storage } = await open();
    for (const [i, value] of AWKWARD_VALUES.entries()) {
      await storage.setItem(`v${i}`, value);
      assert.is(await storage.getItem(`v${i}`), value, `value #${i}`);
    }
  });

  test('a huge value round-trips', async () => {
    const { storage } = await open();
    const length = options.hugeLength ?? 2 * 1024 * 1024;
    const huge = 'é😀x'.repeat(Math.ceil(length / 4)).slice(0, length);
    await storage.setItem('huge', huge);
    const back = await storage.getItem('huge');
    assert.ok(back === huge, `huge value came back with length ${back?.length}`);
  });

  test('concurrent calls on one key apply in call order: each read sees the write called before it', async () => {
    const { storage } = await open();
    const values = Array.from({ length: 30 }, (_, i) => `${i}:${'x'.repeat((i * 7919) % 50_000)}`);
    const ops: Array<Promise<unknown>> = [];
    const reads: Array<{ at: number; read: Promise<string | null> }> = [];
    for (const [i, value] of values.entries()) {
      ops.push(storage.setItem('k', value));
      if (i % 5 === 4) reads.push({ at: i, read: storage.getItem('k') });
      if (i === 17) {
        ops.push(storage.removeItem('k'));
        reads.push({ at: -1, read: storage.getItem('k') });
      }
    }
    await Promise.all(ops);
    for (const { at, read } of reads) assert.is(await read, at === -1 ? null : values[at], `read after write #${at}`);
    assert.is(await storage.getItem('k'), values.at(-1), 'the last write called wins');
  });

  test('concurrent writes to many keys all land', async () => {
    const { storage } = await open();
    await Promise.all(Array.from({ length: 100 }, (_, i) => storage.setItem(`key-${i}`, `v${i}`)));
    assert.is((await storage.getAllKeys()).length, 100);
    assert.is(await storage.getItem('key-57'), 'v57');
  });

  test('a value that is not a string is refused with a TypeError', async () => {
    const { storage } = await open();
    const error = await storage.setItem('k', 42 as unknown as string).then(() => undefined, (e: unknown) => e);
    assert.instance(error, TypeError);
    assert.is(await storage.getItem('k'), null);
  });

  test('a damaged entry is a miss, is removed, and the key works again', async () => {
    const h = await open();
    if (!h.corrupt) return;
    await h.storage.setItem('good', 'kept');
    await h.storage.setItem('bad', 'original');
    await h.corrupt('bad');
    assert.is(await h.storage.getItem('bad'), null);
    if (h.rawHas) assert.is(await h.rawHas('bad'), false, 'the damaged entry was removed');
    assert.not.ok((await h.storage.getAllKeys()).includes('bad'), 'a removed entry is not listed');
    assert.is(await h.storage.getItem('good'), 'kept', 'other entries are untouched');
    await h.storage.setItem('bad', 'fresh');
    assert.is(await h.storage.getItem('bad'), 'fresh');
  });

  test('what one adapter wrote, a reopened one reads', async () => {
    const h = await open();
    if (!h.reopen) return;
    await h.storage.setItem('persisted', 'yes');
    await h.storage.setItem('gone', 'soon');
    await h.storage.removeItem('gone');
    const again = await h.reopen();
    assert.is(await again.getItem('persisted'), 'yes');
    assert.is(await again.getItem('gone'), null);
    assert.equal(await again.getAllKeys(), ['persisted']);
  });

  test.run();
}
