/**
 * `npm run build`: bundles each pinned version with esbuild into dist/<version>/ — ESM for
 * browsers, React Native and workers (platform-neutral: no Node built-in may appear), CJS for
 * Node — with openapi-fetch and valibot inlined, plus .d.ts from tsc. The package keeps no
 * runtime `dependencies`.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { listVersions } from './codegen/versions.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = join(root, 'dist');

/** Fails the neutral build on any Node built-in, so one cannot slip into a browser/RN bundle. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|crypto|http|https|net|os|stream|url|util|buffer|events|child_process)$/ }, (args) => ({
      errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: the published ESM build must run in browsers and React Native` }],
    }));
  },
};

async function bundle(version: string): Promise<void> {
  const entry = join(root, 'generated', version, 'index.ts');
  const common: BuildOptions = { entryPoints: [entry], bundle: true, sourcemap: true, legalComments: 'none', logLevel: 'warning' };
  await build({
    ...common,
    outfile: join(dist, version, 'index.mjs'),
    format: 'esm',
    platform: 'neutral',
    // Hermes and older Safari lack some ES2022 syntax (class fields, top-level await).
    target: 'es2020',
    mainFields: ['module', 'main'],
    conditions: ['import', 'module', 'default'],
    plugins: [noNodeBuiltins],
  });
  await build({ ...common, outfile: join(dist, version, 'index.cjs'), format: 'cjs', platform: 'node', target: 'node20' });
}

async function declarations(versions: string[]): Promise<void> {
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('declaration emit failed');
  // tsc does not copy .d.ts inputs; the generated schema types are one.
  for (const version of versions) {
    await mkdir(join(dist, 'types', 'generated', version), { recursive: true });
    await copyFile(join(root, 'generated', version, 'schema.d.ts'), join(dist, 'types', 'generated', version, 'schema.d.ts'));
  }
}

async function main(): Promise<void> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
    throw new Error(`package.json lists runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}); bundle them instead`);
  }
  const versions = (await listVersions(root)).map((v) => v.name);
  await rm(dist, { recursive: true, force: true });
  for (const version of versions) await bundle(version);
  await declarations(versions);
  process.stdout.write(`built dist/ for ${versions.join(', ')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
