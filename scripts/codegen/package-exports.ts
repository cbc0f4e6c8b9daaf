/**
 * Keeps package.json `exports` in step with the pinned versions, so adding `openapi/v2/` and
 * running `npm run generate` is all it takes to publish `<package>/v2`. Besides the versions the
 * package exports `./runtime` and `./valibot`, which SDKs generated in an app import, and the
 * `./review` and `./storage/node` entries that no SDK imports.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * One export entry; the layout matches scripts/build.ts. Types are given per condition: ESM
 * consumers get dist/types/, CommonJS ones (`require`, a `.cts` file) dist/cjs-types/, which
 * TypeScript reads as CommonJS, so neither sees a declaration in the other's module format.
 */
export function exportEntry(name: string, types: string = `generated/${name}/index.d.ts`): Record<string, unknown> {
  return {
    import: { types: `./dist/types/${types}`, default: `./dist/${name}/index.mjs` },
    require: { types: `./dist/cjs-types/${types}`, default: `./dist/${name}/index.cjs` },
    default: `./dist/${name}/index.mjs`,
  };
}

/** The whole `exports` map for these versions. */
export function exportsMap(versions: readonly string[]): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (const version of versions) map[`./${version}`] = exportEntry(version);
  map['./runtime'] = exportEntry('runtime', 'runtime.d.ts');
  map['./valibot'] = exportEntry('valibot', 'valibot/index.d.ts');
  // The integration review (`reviewIntegration`), an entry of its own that no SDK imports.
  map['./review'] = exportEntry('review', 'review.d.ts');
  // The Node-only file storage adapter: its own entry, so node:fs never reaches a browser or RN build.
  map['./storage/node'] = exportEntry('storage-node', 'storage-node.d.ts');
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
