/**
 * `npm run generate`: regenerates `generated/<version>/` for every `openapi/<version>/`.
 * `npm run generate -- --spec <file> --out <dir>`: generates an SDK for any spec into `<dir>`.
 * A spec that cannot be generated prints one error naming the file and the place; exit code 1.
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './codegen/generate.js';
import { syncPackageExports } from './codegen/package-exports.js';
import { SpecError } from './codegen/spec-error.js';
import { listVersions } from './codegen/versions.js';
import { flags } from './lib/args.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const LARGE_SPEC_BYTES = 1_000_000;

async function run(spec: string, out: string): Promise<void> {
  // Progress only helps a person watching a long run; CI logs stay quiet.
  const verbose = !process.env.CI && statSync(spec).size > LARGE_SPEC_BYTES;
  const started = performance.now();
  const result = await generate({
    spec,
    out,
    runtimeDir: join(root, 'src'),
    progress: verbose ? (message) => process.stderr.write(`  ${message}\n`) : undefined,
  });
  for (const w of result.warnings) process.stderr.write(`warning: ${spec}${w.pointer}: ${w.message}\n`);
  const ms = Math.round(performance.now() - started);
  process.stdout.write(`generated ${out} (${result.operations} operations, ${result.warnings.length} warnings, ${ms} ms)\n`);
}

async function main(): Promise<void> {
  const args = flags(['spec', 'out']);
  if (args.spec || args.out) {
    if (!args.spec || !args.out) throw new UsageError('--spec and --out go together: npm run generate -- --spec <file> --out <dir>');
    await run(args.spec, args.out);
    return;
  }
  const versions = await listVersions(root);
  if (versions.length === 0) throw new UsageError('no specs found: expected openapi/<version>/openapi.yaml');
  for (const version of versions) await run(version.spec, join(root, 'generated', version.name));
  await syncPackageExports(root, versions.map((v) => v.name));
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  if (error instanceof SpecError || error instanceof UsageError) process.stderr.write(`error: ${error.message}\n`);
  else process.stderr.write(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
