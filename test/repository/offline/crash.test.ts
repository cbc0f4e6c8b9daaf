/**
 * The offline queue survives SIGKILL (issue #12): a real child process queues 200 createOrder
 * mutations through the file adapter while its queue replays them against the reference
 * server, and is killed at a seeded moment anywhere in that run (during an enqueue, between a
 * send and its ack, during a storage write). A fresh SDK over the same directory re-queues what
 * the child never confirmed (with the same keys, as an app would) and drains; the ledger then
 * holds each of the 200 keys exactly once, nothing is pending or dead, and no file on disk
 * holds the access token. OFFLINE_CRASH_SEEDS widens the run.
 */
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serverSuite } from '../../helpers/server-suite.js';
import { within } from '../../helpers/timed-suite.js';
import { cleanScratch, scratch } from '../../helpers/paths.js';
import { bundleNodeFixture, seededRandom } from '../../helpers/node-fixture.js';
import type { Tokens } from '../../../generated/v1/index.js';
import type { TestServer } from '../../server/index.js';
import { crashBody, crashKey, crashScope, MUTATIONS } from './fixtures/crash-mutations.js';
import { crashSdk } from './fixtures/crash-sdk.js';

const SCRATCH = 'offline-crash';
const SEEDS = Number(process.env['OFFLINE_CRASH_SEEDS'] ?? 50);
// Per test (one seed): generous, since a loaded 2-core machine runs a seed in seconds, not ms.
const test = serverSuite('offline queue under SIGKILL', { timeoutMs: 90_000 });

let child: string;
test.before(async () => {
  child = await bundleNodeFixture(SCRATCH, 'test/repository/offline/fixtures/crash-child.ts', 'crash-child.mjs');
});
test.after(() => cleanScratch(SCRATCH));

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What one child run left behind. */
interface ChildRun {
  /** Mutations whose enqueue resolved in the child. */
  readonly confirmed: Set<number>;
  readonly done: boolean;
  /** From spawn to the last enqueue's confirmation (NaN if it never came). */
  readonly enqueuedMs: number;
  readonly ms: number;
}

/** Runs the child for `seed`; kills it after `killAfterMs` unless it finished first (undefined: never). */
async function runChild(server: TestServer, directory: string, tokens: Tokens, seed: number, killAfterMs: number | undefined): Promise<ChildRun> {
  const started = performance.now();
  const proc = spawn(process.execPath, [child, server.url, directory, tokens.accessToken, tokens.refreshToken ?? '', String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const confirmed = new Set<number>();
  let done = false;
  let enqueuedMs = Number.NaN;
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    const lines = stdout.split('\n');
    stdout = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'done') done = true;
      else if (line.startsWith('q ')) {
        confirmed.add(Number(line.slice(2)));
        if (confirmed.size === MUTATIONS) enqueuedMs = performance.now() - started;
      }
    }
  });
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  if (killAfterMs !== undefined) {
    await Promise.race([sleep(killAfterMs), exited]);
    proc.kill('SIGKILL');
  }
  const code = await within(exited, `the child of seed ${seed} exiting`, 60_000);
  if (code !== null && code !== 0) assert.unreachable(`seed ${seed}: the child failed (exit ${code}): ${stderr}`);
  return { confirmed, done, enqueuedMs, ms: performance.now() - started };
}

/** Where the kill landed, read from what it left: for the evidence that kills cover every phase. */
interface Landing {
  readonly duringEnqueue: boolean;
  /** Entries still on disk whose mutation the server had already applied: the ack was lost. */
  readonly lostAcks: number;
  /** A temp file of the atomic write: the kill hit a storage write. */
  readonly midWrite: boolean;
}

/** Restarts over `directory`, re-queues what the child never confirmed, drains, and checks the ledger. */
async function recover(server: TestServer, directory: string, tokens: Tokens, seed: number, run: ChildRun): Promise<Landing> {
  const midWrite = (await readdir(directory)).some((name) => name.startsWith('t-'));
  const appliedBefore = new Set(server.ledger.entries('order.created').map((e) => e.key));
  const sdk = crashSdk(server.url, directory, tokens);
  try {
    const lostAcks = (await sdk.offline.pending()).filter((e) => e.idempotencyKey !== undefined && appliedBefore.has(e.idempotencyKey)).length;
    for (let i = 0; i < MUTATIONS; i++) {
      if (!run.confirmed.has(i)) await sdk.offline.enqueue('orders.createOrder', { body: crashBody(i) }, { idempotencyKey: crashKey(seed, i), scope: crashScope(i) });
    }
    for (let pass = 0; (await sdk.offline.pending()).length > 0; pass++) {
      assert.ok(pass < 500, `seed ${seed}: the restarted queue does not drain`);
      await within(sdk.offline.process(), `seed ${seed}: process() after the restart`, 20_000);
      await sleep(2);
    }
    assert.equal(await sdk.offline.deadLetters(), [], `seed ${seed}: no dead letters`);
    const counts = new Map<string, number>();
    for (const { key } of server.ledger.entries('order.created')) counts.set(String(key), (counts.get(String(key)) ?? 0) + 1);
    const wrong = Array.from({ length: MUTATIONS }, (_, i) => crashKey(seed, i)).filter((key) => counts.get(key) !== 1);
    assert.equal(wrong.map((key) => `${key}×${counts.get(key) ?? 0}`), [], `seed ${seed}: each of the ${MUTATIONS} keys applied exactly once`);
    assert.is(counts.size, MUTATIONS, `seed ${seed}: nothing else applied`);
    await assertNoToken(directory, tokens, seed);
    return { duringEnqueue: run.confirmed.size < MUTATIONS, lostAcks, midWrite };
  } finally {
    await sdk.offline.close();
  }
}

/** No file the queue wrote holds a credential. */
async function assertNoToken(directory: string, tokens: Tokens, seed: number): Promise<void> {
  for (const name of await readdir(directory)) {
    const text = await readFile(join(directory, name), 'utf8').catch(() => '');
    assert.not.ok(text.includes(tokens.accessToken), `seed ${seed}: ${name} holds the access token`);
    if (tokens.refreshToken) assert.not.ok(text.includes(tokens.refreshToken), `seed ${seed}: ${name} holds the refresh token`);
  }
}

/** What the calibration run measured and every seed shares. */
interface Shared {
  tokens: Tokens;
  /** A whole unkilled run, spawn to drained (ms). */
  span: number;
  /** Spawn to the last enqueue's confirmation (ms). */
  enqueueSpan: number;
  readonly landings: Landing[];
}
const shared: Shared = { tokens: { accessToken: '' }, span: 0, enqueueSpan: 0, landings: [] };

test('an unkilled child drains its 200 mutations (and times the run the kills are spread over)', async ({ server }) => {
  const issued = server.tokens.issue('alice@example.com');
  shared.tokens = { accessToken: issued.accessToken, refreshToken: issued.refreshToken };
  const calibration = await runChild(server, await scratch(SCRATCH), shared.tokens, 0, undefined);
  assert.ok(calibration.done, 'the unkilled child drains its queue');
  assert.is(server.ledger.count('order.created'), MUTATIONS, 'the unkilled child applied every mutation once');
  shared.span = calibration.ms;
  shared.enqueueSpan = calibration.enqueuedMs;
});

// One test per seed, so a failure names its seed and a slow machine never trips one limit for all.
for (let seed = 1; seed <= SEEDS; seed++) {
  test(`seed ${seed}: killed ${seed % 2 === 1 ? 'while enqueueing' : 'anywhere'}, restarted: each key applied once`, async ({ server }) => {
    assert.ok(shared.span > 0, 'the calibration run passed');
    const rng = seededRandom(seed);
    const directory = await scratch(SCRATCH);
    // Odd seeds kill while the child is still enqueueing (replays already run beside it),
    // even seeds anywhere in the whole run.
    const run = await runChild(server, directory, shared.tokens, seed, Math.floor(rng() * (seed % 2 === 1 ? shared.enqueueSpan : shared.span)));
    shared.landings.push(await recover(server, directory, shared.tokens, seed, run));
  });
}

test('the kills landed in every phase: during enqueue and between a send and its ack', () => {
  const { landings, span, enqueueSpan } = shared;
  assert.is(landings.length, SEEDS, 'every seed ran');
  const enqueueKills = landings.filter((l) => l.duringEnqueue).length;
  const lostAcks = landings.filter((l) => l.lostAcks > 0).length;
  const midWrite = landings.filter((l) => l.midWrite).length;
  console.log(`  offline crash: ${SEEDS} kills over ${span.toFixed(0)} ms runs (enqueueing: ${enqueueSpan.toFixed(0)} ms): ${enqueueKills} during enqueue, ${lostAcks} between send and ack, ${midWrite} mid-write`);
  assert.ok(enqueueKills > 0, 'some kill landed while the child was still enqueueing');
  assert.ok(lostAcks > 0, 'some kill landed between a send and its ack');
});

test.run();
