/**
 * Bundle size of an app entry: esbuild, browser, ESM, minified, then gzip -9 of the output.
 * The metafile attributes output bytes to input files, which gives the per-layer breakdown.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import { benchModules, root, scratch } from './paths.js';

export interface BundleSize {
  readonly minified: number;
  readonly gzip: number;
  /** Input file (relative to the repo root) → minified bytes it contributes. */
  readonly inputs: ReadonlyMap<string, number>;
}

/** Bundles `source` (an app entry, written to .tmp/bench/entries/<name>.js). */
export async function bundleSize(name: string, source: string): Promise<BundleSize> {
  const dir = join(scratch, 'entries');
  await mkdir(dir, { recursive: true });
  const entry = join(dir, `${name}.js`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    metafile: true,
    legalComments: 'none',
    logLevel: 'error',
    absWorkingDir: root,
    // Peers live in scripts/bench/node_modules; the runtime's own deps in the root's.
    nodePaths: [benchModules, join(root, 'node_modules')],
    outfile: join(dir, `${name}.out.js`),
  });
  const output = result.outputFiles?.[0];
  if (!output) throw new Error(`esbuild produced nothing for ${name}`);
  const meta: Metafile = result.metafile;
  const out = Object.values(meta.outputs)[0];
  const inputs = new Map<string, number>();
  for (const [file, info] of Object.entries(out?.inputs ?? {})) inputs.set(file, info.bytesInOutput);
  return { minified: output.contents.byteLength, gzip: gzipSync(output.contents, { level: 9 }).byteLength, inputs };
}
