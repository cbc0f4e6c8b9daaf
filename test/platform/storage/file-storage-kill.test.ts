/**
 * The file adapter survives SIGKILL at any point (issue #11): a real child process writes one
 * key in a tight loop (values from empty to ~160 kB) and is killed at a random moment, many
 * times, with seeded delays; after each kill the directory, opened afresh, holds a whole value
 * of the sequence (or nothing, if no write ever finished), lists no temp file, has swept the
 * dead writer's temp file, and works on. Then two writers at once on one key.
 */
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { suite } from '../../helpers/timed-suite.js';
import { cleanScratch, scratch } from '../../helpers/paths.js';
import { bundleNodeFixture, seededRandom } from '../../helpers/node-fixture.js';
import { fileStorage } from '../../../src/platform/storage/file-storage.js';
import { isSequenceValue, valueFor } from './fixtures/kill-values.js';

const SCRATCH = 'file-storage-kill';
const KILLS = 24;
const test = suite('fileStorage under SIGKILL', {}, { timeoutMs: 60_000 });

let writer: string;
test.before(async () => {
  writer = await bundleNodeFixture(SCRATCH, 'test/platform/storage/fixtures/kill-writer.ts', 'kill-writer.mjs');
});
test.after(() => cleanScratch(SCRATCH));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function startWriter(directory: string, key: string, first: number): { child: ChildProcess; wrote: Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, [writer, directory, key, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const wrote = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('wrote') && resolve());
    child.on('exit', (code, signal) => reject(new Error(`writer exited (${code ?? signal}) before its first write: ${stderr}`)));
  });
  wrote.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, wrote, exited };
}

/** Opens the directory as a restarted app would and checks everything a kill may have left. */
async function inspect(directory: string, key: string, label: string): Promise<string | null> {
  const storage = fileStorage({ directory });
  const value = await storage.getItem(key);
  if (value !== null) assert.ok(isSequenceValue(value), `${label}: a torn value (${value.length} chars, starts ${JSON.stringify(value.slice(0, 20))})`);
  assert.equal(await storage.getAllKeys(), value === null ? [] : [key], `${label}: keys`);
  assert.equal((await readdir(directory)).filter((n) => n.startsWith('t-')), [], `${label}: the dead writer's temp file was swept`);
  await storage.setItem('probe', label);
  assert.is(await storage.getItem('probe'), label, `${label}: the store works on`);
  await storage.removeItem('probe');
  return value;
}

test(`${KILLS} kills at random moments never leave a torn value, a listed temp file or a broken store`, async () => {
  const directory = await scratch(SCRATCH);
  const key = 'GET /orders?page=1';
  let everSeen = false;
  let killsMidWrite = 0;
  for (let seed = 1; seed <= KILLS; seed++) {
    const rng = seededRandom(seed);
    const { child, wrote, exited } = startWriter(directory, key, seed * 1_000_000);
    // Half the seeds kill after the first write (mid-loop), half from spawn (maybe before any write).
    if (seed % 2 === 0) await wrote;
    await sleep(Math.floor(rng() * (seed % 2 === 0 ? 40 : 120)));
    child.kill('SIGKILL');
    await exited;
    if ((await readdir(directory)).some((n) => n.startsWith('t-'))) killsMidWrite++;
    const value = await inspect(directory, key, `seed ${seed}`);
    if (value === null) assert.not.ok(everSeen, `seed ${seed}: a key once written is never lost`);
    else everSeen = true;
  }
  assert.ok(everSeen, 'some writer finished a write');
  // Evidence the kills landed inside writes (temp file present), not only between them.
  assert.ok(killsMidWrite > 0, `no kill of ${KILLS} landed mid-write`);
});

test('two processes writing one key at once, both killed: a whole value of one of them', async () => {
  const directory = await scratch(SCRATCH);
  for (let round = 1; round <= 3; round++) {
    const rng = seededRandom(100 + round);
    const a = startWriter(directory, 'shared', round * 10_000_000);
    const b = startWriter(directory, 'shared', round * 10_000_000 + 5_000_000);
    await Promise.all([a.wrote, b.wrote]);
    await sleep(Math.floor(rng() * 60));
    a.child.kill('SIGKILL');
    await sleep(Math.floor(rng() * 20));
    b.child.kill('SIGKILL');
    await Promise.all([a.exited, b.exited]);
    const value = await inspect(directory, 'shared', `round ${round}`);
    assert.ok(value !== null, `round ${round}: both wrote, so the key is present`);
  }
  // The values themselves are checked above; this pins what "whole" means for a known one.
  assert.ok(isSequenceValue(valueFor(42)) && !isSequenceValue(valueFor(42).slice(0, -1)));
});

test.run();
