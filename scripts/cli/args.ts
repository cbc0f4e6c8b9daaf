/** Parses `tether <command> [flags]`; anything it does not know is a UsageError with the usage line. */
import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';
import { CHECK_USAGE, GENERATE_USAGE, MAIN_USAGE } from './usage.js';

export type CommandName = 'generate' | 'check';

/** One parsed command line. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'version' }
  /** `tether diff …`: its own arguments (two positionals, --format), parsed by scripts/diff. */
  | { kind: 'diff'; argv: readonly string[] }
  | {
      kind: CommandName;
      debug: boolean;
      spec: string | undefined;
      out: string | undefined;
      runtime: string | undefined;
      valibot: string | undefined;
    };

const USAGE: Record<CommandName, string> = { generate: GENERATE_USAGE, check: CHECK_USAGE };
const isCommand = (word: string | undefined): word is CommandName => word === 'generate' || word === 'check';

/** Turns argv (without node and the script) into an invocation. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageError('no command given', MAIN_USAGE);
  if (first === '--help' || first === '-h' || first === 'help') return { kind: 'help' };
  if (first === '--version' || first === '-v') return { kind: 'version' };
  if (first === 'diff') return { kind: 'diff', argv: rest };
  if (!isCommand(first)) throw new UsageError(`unknown command "${first}"`, MAIN_USAGE);
  const usage = USAGE[first];
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        spec: { type: 'string' },
        out: { type: 'string' },
        runtime: { type: 'string' },
        valibot: { type: 'string' },
        debug: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    // node:util names the offending flag in its message; the code tells us it is a usage problem.
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message.split('\n')[0] ?? 'bad arguments', usage);
    throw error;
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string): string | undefined => {
    const value = values[name];
    if (value === '') throw new UsageError(`--${name} needs a value`, usage);
    return typeof value === 'string' ? value : undefined;
  };
  return {
    kind: first,
    debug: values.debug === true,
    spec: text('spec'),
    out: text('out'),
    runtime: text('runtime'),
    valibot: text('valibot'),
  };
}

/** The usage line of a command. */
export const usageOf = (command: CommandName): string => USAGE[command];
