/**
 * Runs test files in a worker process (worker.ts) and watches it. When the worker dies before
 * finishing (a test called process.exit, the event loop drained, a crash) or stops answering
 * (a test blocked the event loop, so even its own time limit cannot fire), the file and the
 * test in progress are recorded as a problem and a fresh worker goes on with the next file:
 * one broken file never hides the suites after it.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ENV, type FileCounts, type Problem, type RunOutcome, type WorkerMessage } from './protocol.js';

const workerPath = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** How long a worker may stay silent outside any timed test or hook (importing a file, uvu's bookkeeping). */
const IDLE_LIMIT_MS = 120_000;
/** Past a test's own limit, how long the runner waits for the test's timer before it calls the worker blocked. */
const DEFAULT_GRACE_MS = 15_000;

/** Options of one supervised run. */
export interface SuperviseOptions {
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
}

interface WorkerRun {
  /** Files that finished (file-end received). */
  readonly finished: string[];
  /** The file that started but did not finish, if the worker died or was killed. */
  readonly interrupted: Problem | undefined;
}

/** Runs one worker over `files` until it is done, dies or blocks. */
function runWorker(files: readonly string[], options: SuperviseOptions, outcome: { counts: FileCounts; problems: Problem[]; durations: { file: string; ms: number }[] }): Promise<WorkerRun> {
  const graceMs = Number(options.env[ENV.watchdogGraceMs] ?? DEFAULT_GRACE_MS);
  const child = spawn(process.execPath, ['--import', 'tsx', workerPath, ...files], {
    cwd: options.root,
    env: options.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const finished: string[] = [];
  let file: string | undefined;
  let fileStarted = 0;
  let running: { label: string; limitMs: number } | undefined;
  let done = false;
  let killedFor: string | undefined;
  let watchdog: NodeJS.Timeout | undefined;

  const arm = () => {
    clearTimeout(watchdog);
    const limit = running ? running.limitMs + graceMs : IDLE_LIMIT_MS;
    watchdog = setTimeout(() => {
      killedFor = running
        ? `${running.label} ran past its ${running.limitMs} ms limit and its own timer never fired (the event loop is blocked): worker killed`
        : `the worker was silent for ${IDLE_LIMIT_MS} ms outside any test (loading the file?): worker killed`;
      child.kill('SIGKILL');
    }, limit);
  };
  arm();

  child.on('message', (message: WorkerMessage) => {
    switch (message.type) {
      case 'file-start':
        file = message.file;
        fileStarted = performance.now();
        break;
      case 'timed-start':
        running = { label: message.label, limitMs: message.limitMs };
        break;
      case 'timed-end':
        running = undefined;
        break;
      case 'file-end':
        finished.push(message.file);
        outcome.durations.push({ file: message.file, ms: Math.round(performance.now() - fileStarted) });
        outcome.counts.passed += message.counts.passed;
        outcome.counts.failed += message.counts.failed;
        outcome.counts.skipped += message.counts.skipped;
        outcome.problems.push(...message.problems);
        file = undefined;
        break;
      case 'done':
        done = true;
        break;
    }
    arm();
  });

  return new Promise((resolveRun) => {
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      let interrupted: Problem | undefined;
      if (!done) {
        const where = file ?? files[finished.length] ?? files[0] ?? '(no file)';
        const label = running?.label;
        const detail = killedFor ?? `the worker exited early (${signal ? `signal ${signal}` : `code ${code}`})${label ? ` while running ${label}` : ''}: the rest of this file did not run`;
        interrupted = { kind: killedFor ? 'hung' : 'early-exit', file: where, ...(label ? { label } : {}), detail };
      }
      resolveRun({ finished, interrupted });
    });
  });
}

/** Runs every file, respawning a worker after one dies, and gathers what went wrong. */
export async function supervise(files: readonly string[], options: SuperviseOptions): Promise<RunOutcome> {
  const outcome = { counts: { passed: 0, failed: 0, skipped: 0 }, problems: [] as Problem[], durations: [] as { file: string; ms: number }[] };
  let remaining = [...files];
  while (remaining.length > 0) {
    const { finished, interrupted } = await runWorker(remaining, options, outcome);
    if (!interrupted) break;
    outcome.problems.push(interrupted);
    process.stdout.write(`\n  ✘ ${interrupted.file}: ${interrupted.detail}\n`);
    // Go on after the interrupted file; the files it finished are done.
    const next = remaining.indexOf(interrupted.file, finished.length) + 1;
    remaining = next > 0 ? remaining.slice(next) : remaining.slice(finished.length + 1);
  }
  return { files: [...files], counts: outcome.counts, problems: outcome.problems, durations: outcome.durations };
}
