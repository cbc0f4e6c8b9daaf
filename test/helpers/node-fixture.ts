/**
 * Child-process fixtures of the crash and lease suites: a TypeScript entry bundled once into
 * this run's scratch folder and started with plain node, so each start costs tens of ms instead
 * of tsx's second (the SIGKILL suites start hundreds of children).
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { root, scratch } from './paths.js';

/** Bundles `entry` (a path from the repo root) into a fresh `<scratchName>-…` folder; resolves with the .mjs to run. */
export async function bundleNodeFixture(scratchName: string, entry: string, outName: string): Promise<string> {
  const outfile = join(await scratch(scratchName), outName);
  await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'error' });
  return outfile;
}

/** mulberry32: a small seeded PRNG, so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
