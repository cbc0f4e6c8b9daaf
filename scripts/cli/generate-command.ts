/**
 * `tether generate`: one spec into one folder (`--spec`, `--out`), or, run from the Tether
 * checkout with neither flag, every pinned `openapi/<version>/` into `generated/<version>/`
 * (what `npm run generate` does).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate, type GenerateOptions, type GenerateResult } from '../codegen/generate.js';
import { oneLine, REPO_COMMAND } from '../codegen/header.js';
import { syncPackageExports } from '../codegen/package-exports.js';
import { listVersions } from '../codegen/versions.js';
import { UsageError } from './errors.js';
import { checkoutSources, packageRoot, targetFor, type ImportFlags } from './project.js';
import type { Io } from './io.js';

const LARGE_SPEC_BYTES = 1_000_000;

/** One spec and folder, as the flags gave them. */
export interface SpecAndOut extends ImportFlags {
  spec: string;
  out: string;
}

/** Checks that `--spec` and `--out` come together; undefined means "the pinned versions". */
export function specAndOut(flags: { spec: string | undefined; out: string | undefined } & ImportFlags, usage: string): SpecAndOut | undefined {
  const { spec, out } = flags;
  if (spec !== undefined && out !== undefined) return { spec, out, runtime: flags.runtime, valibot: flags.valibot };
  if (spec === undefined && out === undefined && checkoutSources() !== undefined && flags.runtime === undefined && flags.valibot === undefined) return undefined;
  throw new UsageError(spec === undefined ? 'missing --spec <file>' : 'missing --out <dir>', usage);
}

function report(io: Io, spec: string, out: string, result: GenerateResult, ms: number): void {
  for (const w of result.warnings) io.stderr(`warning: ${oneLine(`${spec}${w.pointer}: ${w.message}`)}`);
  io.stdout(`generated ${oneLine(out)} (${result.operations} operations, ${result.warnings.length} warnings, ${Math.round(ms)} ms)`);
}

/** Generates one SDK; `io.context` names the spec so any failure says where. */
async function one(io: Io, spec: string, out: string, extra: Omit<GenerateOptions, 'spec' | 'out'>): Promise<void> {
  io.context = spec;
  // Progress only helps a person watching a long run; CI logs stay quiet.
  const verbose = !io.env.CI && statSync(spec).size > LARGE_SPEC_BYTES;
  const started = performance.now();
  const result = await generate({ ...extra, spec, out, ...(verbose ? { progress: (m: string) => io.stderr(`  ${m}`) } : {}) });
  report(io, spec, out, result, performance.now() - started);
}

/** Runs `tether generate`. */
export async function runGenerate(target: SpecAndOut | undefined, io: Io): Promise<void> {
  if (target) {
    const spec = resolve(io.cwd, target.spec);
    const { imports, command } = targetFor(target.spec, target.out, target, io.cwd);
    await one(io, spec, resolve(io.cwd, target.out), { imports, command });
    return;
  }
  const versions = await listVersions(packageRoot);
  if (versions.length === 0) throw new UsageError('no specs found: expected openapi/<version>/openapi.yaml', 'usage: npm run generate');
  const runtimeDir = checkoutSources() ?? join(packageRoot, 'src');
  for (const v of versions) await one(io, v.spec, join(packageRoot, 'generated', v.name), { runtimeDir, command: REPO_COMMAND });
  io.context = join(packageRoot, 'package.json');
  if (await syncPackageExports(packageRoot, versions.map((v) => v.name))) io.stdout('updated package.json exports');
}
