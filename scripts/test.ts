/**
 * `npm test`: type-checks everything (src, generated, scripts, tests, and the type tests in
 * test/types/ that prove wrong calls do not compile), then runs every uvu suite.
 * `npm test -- <pattern>` runs only the suites whose path matches (no type-check).
 * `npm run test:quick` (`--quick`) runs the runtime's unit and end-to-end suites (no type-check).
 * `--file <path>` (repeatable) runs exactly those files; `--report <file>` writes the outcome as JSON;
 * `.only` fails a full run, or any run with `--forbid-only`.
 *
 * It fails loudly, naming the file and test, on anything that would make a run look greener than
 * it is: a failed or hung test, a file that does not load, a worker that exits early, tests
 * registered but never run, `.only` in a full run (see scripts/test-runner/).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allTestFiles, matching, quickFiles } from './test-runner/discover.js';
import { ENV, type Problem } from './test-runner/protocol.js';
import { supervise } from './test-runner/supervise.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

interface Args {
  pattern: string | undefined;
  quick: boolean;
  files: string[];
  report: string | undefined;
  forbidOnly: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { pattern: undefined, quick: false, files: [], report: undefined, forbidOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--quick') args.quick = true;
    else if (arg === '--forbid-only') args.forbidOnly = true;
    else if (arg === '--file' && argv[i + 1]) args.files.push(argv[++i]!);
    else if (arg === '--report' && argv[i + 1]) args.report = argv[++i]!;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}; usage: tsx scripts/test.ts [pattern] [--quick] [--file <path>]… [--report <file>] [--forbid-only]`);
    else args.pattern = arg;
  }
  return args;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

function typeCheck(): boolean {
  process.stdout.write('\n▶ type-check (tsc --noEmit, strict)\n');
  const started = performance.now();
  const result = spawnSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  process.stdout.write(`  (${seconds(started)})\n`);
  return result.status === 0;
}

function describe(problem: Problem): string {
  return `  ✘ [${problem.kind}] ${problem.file}${problem.label ? ` › ${problem.label}` : ''}\n      ${problem.detail}`;
}

/** Removes this run's scratch folder, then .tmp/ itself if nothing else (another run, the bench) uses it. */
function cleanScratch(scratch: string): void {
  rmSync(scratch, { recursive: true, force: true });
  try {
    rmdirSync(join(root, '.tmp'));
  } catch {
    // Not empty (a concurrent run, the bench) or already gone: both fine.
  }
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const full = !args.pattern && !args.quick && args.files.length === 0;
  const everything = allTestFiles(root);
  const files = args.files.length > 0 ? args.files : args.quick ? quickFiles(everything) : args.pattern ? matching(everything, args.pattern) : everything;

  let ok = true;
  if (full) ok = typeCheck() && ok;
  if (files.length === 0) {
    process.stdout.write(`\nno test file matches ${JSON.stringify(args.pattern ?? '')}\n`);
    return 1;
  }

  // A folder of this run's own, so a concurrent `npm test` never loses its scratch files to ours.
  const scratch = join(root, '.tmp', `run-${process.pid}`);
  mkdirSync(scratch, { recursive: true });
  const env = { ...process.env, [ENV.scratch]: scratch, [ENV.forbidOnly]: full || args.forbidOnly ? '1' : '0' };
  process.stdout.write(`\n▶ tests (uvu, ${files.length} files)\n`);
  const started = performance.now();
  let outcome;
  try {
    outcome = await supervise(files, { root, env });
  } finally {
    cleanScratch(scratch);
  }
  const { counts, problems } = outcome;
  if (args.report) writeFileSync(resolve(args.report), `${JSON.stringify(outcome, null, 2)}\n`);

  // The suite's budget is 10 minutes on 2 cores: the slowest files say where it goes.
  const slowest = [...outcome.durations].sort((a, b) => b.ms - a.ms).slice(0, 10);
  if (files.length > 10) process.stdout.write(`\nslowest files:\n${slowest.map((d) => `  ${(d.ms / 1000).toFixed(1).padStart(6)} s  ${d.file}`).join('\n')}\n`);
  process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped, ${files.length} files (${seconds(started)})\n`);
  if (problems.length > 0) {
    process.stdout.write(`\n${problems.length} problem(s):\n${problems.map(describe).join('\n')}\n`);
    ok = false;
  }
  if (counts.failed > 0 || counts.passed === 0) ok = false;
  return ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
