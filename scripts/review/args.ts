/** `npm run review` flags: parsed and checked once; a wrong one is a UsageError (exit 2). */
import { parseArgs } from 'node:util';

export type ReviewFormat = 'text' | 'json' | 'markdown';
export type RiskLevel = 'LOW' | 'MEDIUM' | 'HIGH';

/** A bad command line; the message says what to change. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface ReviewArgs {
  /** Spec files to review; empty = every openapi/<version>/ spec. */
  readonly specs: ReadonlyArray<string>;
  /** A JSON file or inline JSON with the app's createSdk options. */
  readonly options: string | undefined;
  readonly format: ReviewFormat;
  /** `mobile` (default), `web` or `server`, when not given in the options JSON. */
  readonly platform: string | undefined;
  /** Exit 1 when any service's production risk is at or above this level. */
  readonly failOn: RiskLevel | undefined;
}

export const USAGE = `usage: npm run review -- [--spec <file>]... [--options <json file | inline JSON>] [--format text|json|markdown] [--platform mobile|web|server] [--fail-on LOW|MEDIUM|HIGH]`;

const FORMATS: ReadonlyArray<ReviewFormat> = ['text', 'json', 'markdown'];
const LEVELS: ReadonlyArray<RiskLevel> = ['LOW', 'MEDIUM', 'HIGH'];

/** Parses argv (without node and the script). */
export function parseReviewArgs(argv: ReadonlyArray<string>): ReviewArgs {
  let values: Record<string, string | string[] | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        spec: { type: 'string', multiple: true },
        options: { type: 'string' },
        format: { type: 'string' },
        platform: { type: 'string' },
        'fail-on': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const format = (values.format as string | undefined) ?? 'text';
  if (!(FORMATS as ReadonlyArray<string>).includes(format)) throw new UsageError(`--format must be text, json or markdown (got ${JSON.stringify(format)})\n${USAGE}`);
  const failOn = (values['fail-on'] as string | undefined)?.toUpperCase();
  if (failOn !== undefined && !(LEVELS as ReadonlyArray<string>).includes(failOn)) throw new UsageError(`--fail-on must be LOW, MEDIUM or HIGH\n${USAGE}`);
  return {
    specs: (values.spec as string[] | undefined) ?? [],
    options: values.options as string | undefined,
    format: format as ReviewFormat,
    platform: values.platform as string | undefined,
    failOn: failOn as RiskLevel | undefined,
  };
}
