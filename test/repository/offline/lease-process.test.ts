/**
 * The processor lock across real processes over one file store (the Node and crash-test setup):
 * a child holds the lease; the parent's lock, over its own adapter on the same directory, does
 * not run; a graceful release frees it at once; a SIGKILLed holder's record blocks until its
 * TTL has passed (seen through a clock moved past it), then the parent takes over.
 */
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { suite } from '../../helpers/timed-suite.js';
import { cleanScratch, scratch } from '../../helpers/paths.js';
import { bundleNodeFixture } from '../../helpers/node-fixture.js';
import { fileStorage } from '../../../src/platform/storage/file-storage.js';
import { createProcessorLock } from '../../../src/repository/offline/lease.js';
import { systemClock } from '../../../src/platform/clock.js';

const SCRATCH = 'lease-process';
const NAME = 'tether.offline.shop';
const TTL = 60_000;
const test = suite('processor lock across processes', {}, { timeoutMs: 60_000 });

let holderScript: string;
test.before(async () => {
  holderScript = await bundleNodeFixture(SCRATCH, 'test/repository/offline/fixtures/lease-holder.ts', 'lease-holder.mjs');
});
test.after(() => cleanScratch(SCRATCH));

/** Starts a holder and resolves once its task runs; `said(word)` waits for a later line. */
function startHolder(directory: string, holder: string): { child: ChildProcess; running: Promise<void>; said(word: string): Promise<void>; exited: Promise<void> } {
  const child = spawn(process.execPath, [holderScript, directory, NAME, holder, String(TTL)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    waiters.splice(0).forEach((wake) => wake());
  });
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const said = (word: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (out.split('\n').includes(word)) resolve();
        else if (child.exitCode !== null || child.signalCode !== null) reject(new Error(`holder ended before "${word}": ${out} ${err}`));
        else waiters.push(check);
      };
      child.once('exit', check);
      check();
    });
  return { child, running: said('running'), said, exited };
}

test('while a child process holds the lease the parent does not run; after its release it does', async () => {
  const directory = join(await scratch(SCRATCH), 'store');
  const holder = startHolder(directory, 'child');
  await holder.running;
  const parent = createProcessorLock({ name: NAME, storage: fileStorage({ directory }), holder: 'parent', locks: null });
  let ran = false;
  assert.equal(await parent.tryRun(async () => void (ran = true)), { ran: false });
  assert.is(ran, false);
  holder.child.stdin!.write('finish\n');
  await holder.said('released');
  await holder.exited;
  assert.equal(await parent.tryRun(async () => 'parent ran'), { ran: true, value: 'parent ran' });
  assert.is(await fileStorage({ directory }).getItem(`${NAME}.lease`), null);
});

test('a SIGKILLed holder leaves its record: it blocks until the TTL has passed, then the parent takes over', async () => {
  const directory = join(await scratch(SCRATCH), 'store');
  const holder = startHolder(directory, 'doomed');
  await holder.running;
  holder.child.kill('SIGKILL');
  await holder.exited;
  const storage = fileStorage({ directory });
  const record = JSON.parse((await storage.getItem(`${NAME}.lease`))!) as { holder: string; until: number };
  assert.is(record.holder, 'doomed', 'the dead holder could not release');
  const now = createProcessorLock({ name: NAME, storage, holder: 'parent', locks: null });
  assert.equal(await now.tryRun(async () => 1), { ran: false });
  // The same parent, later: a clock past the record's expiry (the real wait would be the TTL).
  const later = createProcessorLock({ name: NAME, storage, holder: 'parent', locks: null, clock: { ...systemClock, now: () => record.until } });
  assert.equal(await later.tryRun(async () => 'took over'), { ran: true, value: 'took over' });
  assert.is(await storage.getItem(`${NAME}.lease`), null);
});

test('a restarted process with the same stable holder id takes its own lease back at once', async () => {
  const directory = join(await scratch(SCRATCH), 'store');
  const holder = startHolder(directory, 'worker-1');
  await holder.running;
  holder.child.kill('SIGKILL');
  await holder.exited;
  const restarted = createProcessorLock({ name: NAME, storage: fileStorage({ directory }), holder: 'worker-1', locks: null });
  assert.equal(await restarted.tryRun(async () => 'resumed'), { ran: true, value: 'resumed' });
});

test.run();
