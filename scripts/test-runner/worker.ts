/**
 * One test worker: `node --import tsx worker.ts <file>…` imports each test file in turn and runs
 * the suites it queued, file by file, instead of uvu's bin (which imports everything first, so
 * one file that throws on import stops the whole run). It checks the books timed-suite keeps
 * (registered vs started) and reports every step to the runner over IPC, so the runner can name
 * the file and test in progress if this process dies or blocks.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SuiteBatch, TimedSuiteRegistry } from '../../test/helpers/timed-suite.js';
import { ENV, type FileCounts, type Problem, type WorkerMessage } from './protocol.js';

/** uvu's queued suite runner: [errors text or true, passed, skipped, total]. */
type QueuedRun = () => Promise<[string | true, number, number, number]>;
interface UvuGlobals {
  UVU_DEFER?: number;
  UVU_INDEX?: number;
  UVU_QUEUE?: unknown[][];
}

const root = process.cwd();
const uvuGlobals = globalThis as UvuGlobals;
// Must be set before uvu loads: uvu then only queues suites and never runs them by itself.
uvuGlobals.UVU_DEFER = 1;
const { timedSuiteRegistry } = await import('../../test/helpers/timed-suite.js');
const registry: TimedSuiteRegistry = timedSuiteRegistry();
const forbidOnly = process.env[ENV.forbidOnly] === '1';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((done) => {
    if (!process.send) return done();
    process.send(message, undefined, {}, () => done());
  });
}

const describe = (error: unknown): string => (error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));

/** The failures of the file being run, gathered from timed-suite's observer. */
let current: { file: string; problems: Problem[] } | undefined;
registry.observer = {
  started(event) {
    void send({ type: 'timed-start', kind: event.kind, label: event.label, limitMs: event.limitMs });
  },
  ended(event, error) {
    void send({ type: 'timed-end', kind: event.kind, label: event.label });
    if (error === undefined || !current) return;
    const firstLine = describe(error).split('\n')[0] ?? '';
    current.problems.push({ kind: 'failed', file: current.file, label: event.label, detail: firstLine });
    // uvu prints failed tests itself but swallows a failed `before`/`after` hook: print hooks here.
    if (event.kind === 'hook') process.stdout.write(`\n  ✘ ${event.label} failed:\n    ${describe(error).split('\n').join('\n    ')}\n`);
  },
};

const claimed = new Set<SuiteBatch>();

/** Registered vs started, for the suites the file just ran (uvu reports neither gap). */
function audit(file: string): Problem[] {
  const problems: Problem[] = [];
  let registered = 0;
  for (const batch of registry.batches) {
    if (claimed.has(batch) || batch.registered + batch.only + batch.skipped === 0) continue;
    claimed.add(batch);
    const name = batch.suite ? `suite "${batch.suite}"` : 'the default suite';
    const expected = batch.only > 0 ? batch.only : batch.registered;
    registered += batch.registered + batch.only;
    if (!batch.runCalled && expected > 0) {
      problems.push({ kind: 'not-run', file, detail: `${name} registered ${expected} test(s) but never called .run(): none of them ran` });
    } else if (batch.started < expected) {
      problems.push({ kind: 'not-run', file, detail: `${name} registered ${expected} test(s) but only ${batch.started} started (a before hook failed?)` });
    }
    if (batch.only > 0 && forbidOnly) {
      problems.push({ kind: 'only', file, detail: `${name} uses .only: its ${batch.registered} other test(s) did not run` });
    }
  }
  if (registered === 0) problems.push({ kind: 'no-tests', file, detail: 'the file registers no tests' });
  return problems;
}

async function runFile(file: string): Promise<{ counts: FileCounts; problems: Problem[] }> {
  const counts: FileCounts = { passed: 0, failed: 0, skipped: 0 };
  current = { file, problems: [] };
  process.stdout.write(`\n${file}\n`);
  const queue: unknown[] = [file];
  uvuGlobals.UVU_QUEUE = [queue];
  uvuGlobals.UVU_INDEX = 0;
  try {
    await import(pathToFileURL(resolve(root, file)).href);
  } catch (error) {
    process.stdout.write(`  ✘ failed to load:\n    ${describe(error).split('\n').join('\n    ')}\n`);
    return { counts, problems: [{ kind: 'load-error', file, detail: describe(error).split('\n')[0] ?? '' }] };
  }
  for (const run of queue.slice(1) as QueuedRun[]) {
    try {
      const [errors, passed, skipped, total] = await run();
      counts.passed += passed;
      counts.skipped += skipped;
      if (typeof errors === 'string') {
        counts.failed += total - passed;
        process.stdout.write(`\n${errors}\n`);
      }
    } catch {
      // uvu runs `after` hooks in a finally block: a throw there escapes its runner. The
      // observer has already recorded and printed it as a failed hook.
    }
  }
  const problems = [...current.problems, ...audit(file)];
  current = undefined;
  return { counts, problems };
}

for (const file of process.argv.slice(2)) {
  await send({ type: 'file-start', file });
  const { counts, problems } = await runFile(file);
  await send({ type: 'file-end', file, counts, problems });
}
await send({ type: 'done' });
// Exit now: a handle a test leaked must not keep the run waiting.
process.exit(0);
