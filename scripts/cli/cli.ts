/**
 * The `tether` command: parse, run, and turn every failure into one `error:` line and exit
 * code 1 (a usage line follows usage errors; `--debug` adds the stack trace).
 */
import { parseInvocation, usageOf } from './args.js';
import { runCheck } from './check-command.js';
import { errorLine, UsageError } from './errors.js';
import { runGenerate, specAndOut } from './generate-command.js';
import { runDiff } from '../diff/main.js';
import type { Io } from './io.js';
import { HELP, packageVersion } from './usage.js';

/** Runs one command line; resolves with the exit code. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes('--debug');
  try {
    const invocation = parseInvocation(argv);
    if (invocation.kind === 'help') {
      io.stdout(HELP.trimEnd());
      return 0;
    }
    if (invocation.kind === 'version') {
      io.stdout(packageVersion());
      return 0;
    }
    // The diff keeps its own exit codes (1 breaking, 2 bad input) so CI can tell them apart.
    if (invocation.kind === 'diff') return await runDiff(invocation.argv, io);
    const usage = invocation.kind === 'generate' ? 'generate' : 'check';
    const target = specAndOut(invocation, usageOf(usage));
    if (invocation.kind === 'generate') {
      await runGenerate(target, io);
      return 0;
    }
    const problems = await runCheck(target, io);
    for (const problem of problems) io.stderr(errorLine(problem, undefined));
    return problems.length === 0 ? 0 : 1;
  } catch (error) {
    io.stderr(errorLine(error, io.context));
    if (error instanceof UsageError) io.stderr(error.usage);
    if (debug && error instanceof Error && error.stack) io.stderr(error.stack);
    return 1;
  }
}
