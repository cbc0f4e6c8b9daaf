/**
 * Keeps package.json `exports` in step with the pinned versions, so adding `openapi/v2/` and
 * running `npm run generate` is all it takes to publish `<package>/v2`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The export entry of one API version; the layout matches scripts/build.ts. */
export function exportEntry(version: string): Record<string, string> {
  return {
    types: `./dist/types/generated/${version}/index.d.ts`,
    import: `./dist/${version}/index.mjs`,
    require: `./dist/${version}/index.cjs`,
    default: `./dist/${version}/index.mjs`,
  };
}

/** The whole `exports` map for these versions. */
export function exportsMap(versions: readonly string[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const version of versions) map[`./${version}`] = exportEntry(version);
  map['./package.json'] = './package.json';
  return map;
}

/** Rewrites package.json's `exports` when it differs; returns whether it changed. */
export async function syncPackageExports(root: string, versions: readonly string[]): Promise<boolean> {
  const file = join(root, 'package.json');
  const text = await readFile(file, 'utf8');
  const pkg = JSON.parse(text) as Record<string, unknown>;
  const wanted = exportsMap(versions);
  if (JSON.stringify(pkg.exports) === JSON.stringify(wanted)) return false;
  // Insert `exports` after `files` on first write so the manifest reads in the usual order.
  const next: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pkg)) {
    if (key === 'exports') continue;
    next[key] = value;
    if (key === 'files') next.exports = wanted;
  }
  if (!('exports' in next)) next.exports = wanted;
  await writeFile(file, `${JSON.stringify(next, null, 2)}\n`);
  return true;
}
