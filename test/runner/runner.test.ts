/**
 * scripts/test.ts on fixtures that misbehave on purpose (test/fixtures/runner/): a hung test, a
 * file that throws on import, a test that exits the process, one that blocks the event loop,
 * tests that never run and a left-over `.only` each make the run fail, named, and the files
 * after them still run. Real child processes, no mocks.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import type { ProblemKind, RunOutcome } from '../../scripts/test-runner/protocol.js';
import { root, scratchPath } from '../helpers/paths.js';
import { suite } from '../helpers/timed-suite.js';

const runner = suite('runner', {}, { timeoutMs: 90_000 });
const fixture = (name: string) => `test/fixtures/runner/${name}.fixture.ts`;

interface Run {
  code: number;
  stdout: string;
  outcome: RunOutcome;
}

let runs = 0;
/** Runs scripts/test.ts on the given fixtures in its own process and reads its JSON report. */
function runTests(names: string[], extra: string[] = []): Promise<Run> {
  const report = scratchPath(`runner-report-${runs++}.json`);
  const args = ['--import', 'tsx', join(root, 'scripts', 'test.ts'), '--report', report, ...extra, ...names.flatMap((name) => ['--file', fixture(name)])];
  // A short grace: the blocked fixture's 100 ms limit plus 1 s before the runner kills its worker.
  const env = { ...process.env, TETHER_TEST_WATCHDOG_GRACE_MS: '1000' };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
      readFile(report, 'utf8')
        .then((text) => resolve({ code, stdout, outcome: JSON.parse(text) as RunOutcome }))
        .catch(reject);
    });
  });
}

const problem = (run: Run, kind: ProblemKind, file: string) => run.outcome.problems.find((p) => p.kind === kind && p.file === fixture(file));
const problemsOf = (run: Run) => run.outcome.problems.map((p) => `${p.kind} ${p.file} ${p.label ?? ''}`).join('\n');

runner.after(async () => {
  await Promise.all(Array.from({ length: runs }, (_, i) => rm(scratchPath(`runner-report-${i}.json`), { force: true })));
});

runner('every kind of breakage fails the run, named, and the files after it still run', async () => {
  const run = await runTests(['hang', 'load-error', 'early-exit', 'blocked', 'not-run', 'only', 'passing'], ['--forbid-only']);
  assert.is(run.code, 1, run.stdout);

  const hung = problem(run, 'failed', 'hang');
  assert.is(hung?.label, 'test "hangs › waits forever"', problemsOf(run));
  assert.ok(problem(run, 'load-error', 'load-error'), problemsOf(run));
  assert.is(problem(run, 'early-exit', 'early-exit')?.label, 'test "exits › calls process.exit"', problemsOf(run));
  assert.is(problem(run, 'hung', 'blocked')?.label, 'test "blocked › spins forever"', problemsOf(run));
  const notRun = run.outcome.problems.filter((p) => p.kind === 'not-run' && p.file === fixture('not-run'));
  assert.is(notRun.length, 2, problemsOf(run)); // the suite without .run() and the one whose before hook threw
  assert.ok(run.outcome.problems.some((p) => p.kind === 'failed' && p.label === 'before hook of "broken before"'), problemsOf(run));
  assert.ok(problem(run, 'only', 'only'), problemsOf(run));

  // Nothing after the breakage was lost: the hang's neighbours, the .only test and both passing tests ran.
  assert.is(run.outcome.counts.passed, 5, run.stdout);
  assert.is(run.outcome.counts.failed, 1, run.stdout);
  assert.ok(run.stdout.includes('passing  • •'), run.stdout);
  // The summary names what failed.
  assert.ok(run.stdout.includes('test "hangs › waits forever"'), run.stdout);
  assert.ok(run.stdout.includes(fixture('load-error')), run.stdout);
});

runner('alone, each of a hang, an import error and an early exit makes the run exit non-zero', async () => {
  for (const [name, kind] of [['hang', 'failed'], ['load-error', 'load-error'], ['early-exit', 'early-exit']] as const) {
    const run = await runTests([name]);
    assert.is(run.code, 1, `${name}: ${run.stdout}`);
    assert.ok(problem(run, kind, name), `${name}: ${problemsOf(run)}`);
    assert.ok(run.stdout.includes(fixture(name)), run.stdout);
  }
});

runner('a clean run exits 0 and reports no problems; .only outside a full run is allowed', async () => {
  const run = await runTests(['passing', 'only']);
  assert.is(run.code, 0, run.stdout);
  assert.equal(run.outcome.problems, []);
  assert.is(run.outcome.counts.passed, 3);
});

runner.run();
