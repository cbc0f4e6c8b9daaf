/**
 * Writes the API reference of every pinned version, docs/reference/<version>.md, from the same
 * model the SDK is generated from. `npm run generate` runs it after generating the SDKs
 * (scripts/generate.mjs); `staleReferences` is what the freshness test checks.
 * Run alone: `npx tsx scripts/docs/api-reference.ts`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, collectingDiagnostics } from '../codegen/generate.js';
import { listVersions } from '../codegen/versions.js';
import { renderReference } from './render-reference.js';

/** The reference of each version as it should be: `[path relative to root, text]`. */
export async function expectedReferences(root: string): Promise<Array<[string, string]>> {
  const files: Array<[string, string]> = [];
  for (const version of await listVersions(root)) {
    // Spec warnings are the generator's to report; the reference is built from the same model.
    const model = await buildModel(version.spec, collectingDiagnostics());
    files.push([`docs/reference/${version.name}.md`, renderReference(model, version.name)]);
  }
  return files;
}

/** Writes every version's reference; resolves with the paths written (relative to root). */
export async function writeReferences(root: string): Promise<string[]> {
  await mkdir(join(root, 'docs', 'reference'), { recursive: true });
  const written: string[] = [];
  for (const [path, text] of await expectedReferences(root)) {
    const file = join(root, path);
    const current = await readFile(file, 'utf8').catch(() => undefined);
    if (current === text) continue;
    await writeFile(file, text);
    written.push(path);
  }
  return written;
}

/** One message per reference that is missing or differs from what the specs give. */
export async function staleReferences(root: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [path, text] of await expectedReferences(root)) {
    const current = await readFile(join(root, path), 'utf8').catch(() => undefined);
    if (current === undefined) problems.push(`${path} is missing: run npm run generate`);
    else if (current !== text) problems.push(`${path} differs from what the spec generates (stale or edited by hand): run npm run generate`);
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  if (process.argv.includes('--check')) {
    // `npm run check`: report, write nothing.
    const problems = await staleReferences(root);
    for (const problem of problems) process.stderr.write(`check: ${problem}\n`);
    process.exitCode = problems.length === 0 ? 0 : 1;
  } else {
    const written = await writeReferences(root);
    for (const path of written) process.stdout.write(`wrote ${path}\n`);
  }
}
