/**
 * How the `tether` command reports failure: one line on stderr, `error: <where>: <what>`, exit
 * code 1, no stack trace unless `--debug`. A person reads the line; CI greps it.
 */
import { oneLine } from '../codegen/header.js';
import { GeneratorError, SpecError } from '../codegen/spec-error.js';

/** A command line that cannot be run as given (unknown flag, missing argument). */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The usage line of the command that was attempted. */
    readonly usage: string,
  ) {
    super(message);
  }
}

/** A failure the command already located (a stale file, a missing folder): printed as is. */
export class CommandError extends Error {
  override readonly name = 'CommandError';

  constructor(
    /** The file or folder the failure is about. */
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory, expected a file',
  ENOTDIR: 'a parent is not a directory',
  EEXIST: 'already exists',
  ENOSPC: 'no space left on device',
};

function errnoOf(error: unknown): { code: string; path: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path } = error as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof path === 'string' ? { code, path } : undefined;
}

/**
 * Renders an error as the one line the CLI prints. `context` names the file being worked on, so
 * even an unexpected failure says where it happened.
 */
export function errorLine(error: unknown, context: string | undefined): string {
  if (error instanceof SpecError || error instanceof CommandError || error instanceof UsageError) return `error: ${oneLine(error.message)}`;
  // Not the spec's fault: still one line naming the file and the stage, the stack only with --debug.
  if (error instanceof GeneratorError) return `error: ${oneLine(error.message)} (run with --debug for the stack trace)`;
  const errno = errnoOf(error);
  if (errno) return `error: ${oneLine(errno.path)}: ${ERRNO_TEXT[errno.code] ?? errno.code}`;
  const message = error instanceof Error ? error.message : String(error);
  const where = context === undefined ? '' : `${context}: `;
  return `error: ${oneLine(`${where}${message}`)} (run with --debug for the stack trace)`;
}
