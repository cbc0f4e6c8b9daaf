/**
 * The review command, with its I/O passed in so tests run it in-process: reads the options,
 * reviews each spec, prints in the chosen format. Exit codes: 0 reviewed, 1 `--fail-on` met,
 * 2 a usage error or a spec/options file that cannot be read (one `error:` line).
 */
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { SpecError } from '../codegen/spec-error.js';
import { listVersions } from '../codegen/versions.js';
import { analyse } from '../../src/review/analyse.js';
import { formatJson } from '../../src/review/format-json.js';
import { formatMarkdown } from '../../src/review/format-markdown.js';
import { formatText } from '../../src/review/format-text.js';
import { ReviewOptionsError, reviewPlatform, reviewedOptions } from '../../src/review/options-facts.js';
import type { ReviewedOptions, ServiceReport } from '../../src/review/types.js';
import { UsageError, parseReviewArgs, type ReviewArgs } from './args.js';
import { specFacts } from './spec-facts.js';

export interface ReviewIo {
  readonly cwd: string;
  /** The repository root, where `openapi/` is. */
  readonly root: string;
  write(text: string): void;
  error(text: string): void;
}

const RANK = { LOW: 0, MEDIUM: 1, HIGH: 2 } as const;

/** Reads `--options`: inline JSON when it starts with `{`, else a JSON file. */
async function readOptions(value: string, cwd: string): Promise<Record<string, unknown>> {
  let text = value;
  if (!value.trimStart().startsWith('{')) {
    try {
      text = await readFile(new URL(value, `file://${cwd}/`), 'utf8');
    } catch (error) {
      throw new UsageError(`--options: cannot read ${value} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError('--options must be a JSON object');
    return parsed as Record<string, unknown>;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--options is not valid JSON: ${(error as Error).message}`);
  }
}

/** Reviews every spec the arguments name; returns the reports. */
export async function reviewSpecs(args: ReviewArgs, io: ReviewIo): Promise<ServiceReport[]> {
  const raw = args.options === undefined ? undefined : await readOptions(args.options, io.cwd);
  const options: ReviewedOptions | undefined = raw === undefined ? undefined : reviewedOptions(raw);
  const platform = reviewPlatform(args.platform ?? raw?.platform);
  const specs = args.specs.length > 0 ? args.specs.map((s) => new URL(s, `file://${io.cwd}/`).pathname) : (await listVersions(io.root)).map((v) => v.spec);
  if (specs.length === 0) throw new UsageError('no spec to review: openapi/ has no versions; pass --spec <file>');
  const reports: ServiceReport[] = [];
  for (const spec of specs) {
    const input = await specFacts(spec, relative(io.cwd, spec) || spec, options, platform);
    reports.push(...analyse(input));
  }
  return reports;
}

/** Runs `npm run review` with these arguments; resolves with the exit code. */
export async function runReview(argv: ReadonlyArray<string>, io: ReviewIo): Promise<number> {
  try {
    const args = parseReviewArgs(argv);
    const reports = await reviewSpecs(args, io);
    const print = args.format === 'json' ? formatJson : args.format === 'markdown' ? formatMarkdown : formatText;
    io.write(print(reports));
    if (args.failOn !== undefined && reports.some((r) => RANK[r.risk.productionRisk] >= RANK[args.failOn!])) return 1;
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof SpecError || error instanceof ReviewOptionsError) {
      io.error(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
