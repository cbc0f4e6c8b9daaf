/**
 * `npm run diff -- <old> <new> [--format text|json|markdown]` (also `tether diff`): the
 * breaking-change report. Exit code 1 when a change breaks SDK users (a CI gate), 0 otherwise,
 * 2 when the input cannot be compared (one `error:` line, as the CLI prints, no stack).
 */
import { errorLine, UsageError } from '../cli/errors.js';
import type { Io } from '../cli/io.js';
import { diffSpecs } from './diff.js';
import { DIFF_FORMATS, formatReport, type DiffFormat } from './format.js';
import { loadSide } from './load.js';

export const DIFF_USAGE = 'usage: tether diff <old> <new> [--format text|json|markdown]  (<old>/<new>: a version under openapi/, e.g. v1, or a spec file)';

/** Exit codes, so CI can tell "breaking" from "could not compare". */
export const DIFF_EXIT = { clean: 0, breaking: 1, badInput: 2 } as const;

function parseArgs(argv: readonly string[]): { old: string; new: string; format: DiffFormat } {
  const positional: string[] = [];
  let format: DiffFormat = 'text';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--debug') continue;
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
      if (!DIFF_FORMATS.includes(value as DiffFormat)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')} (got ${value ?? 'nothing'})`, DIFF_USAGE);
      format = value as DiffFormat;
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}`, DIFF_USAGE);
    } else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError(`diff needs exactly two specs (got ${positional.length})`, DIFF_USAGE);
  return { old: positional[0]!, new: positional[1]!, format };
}

/** Runs the diff command; resolves with its exit code. */
export async function runDiff(argv: readonly string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    const before = await loadSide(args.old, io.cwd);
    const after = await loadSide(args.new, io.cwd);
    const report = diffSpecs(before, after);
    io.stdout(formatReport(report, args.format));
    return report.breaking > 0 ? DIFF_EXIT.breaking : DIFF_EXIT.clean;
  } catch (error) {
    io.stderr(errorLine(error, undefined));
    if (error instanceof UsageError) io.stderr(error.usage);
    if (argv.includes('--debug') && error instanceof Error && error.stack) io.stderr(error.stack);
    return DIFF_EXIT.badInput;
  }
}
