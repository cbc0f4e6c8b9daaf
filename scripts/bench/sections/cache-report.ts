/**
 * `npx tsx scripts/bench/sections/cache-report.ts`: runs only the cache section and puts it into
 * docs/benchmarks.md as its own section (lib/section-file.ts), leaving every other section as the
 * last full run wrote it.
 */
import { describeMachine } from '../lib/machine.js';
import { loadCaveat, writeSection } from '../lib/section-file.js';
import { cache, CACHE_TITLE } from './cache.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const t0 = performance.now();
  const result = await cache();
  const seconds = (performance.now() - t0) / 1000;
  const shared = loadCaveat(machine, describeMachine(), '; the ratios compare scenarios measured side by side in the same rounds');
  const stamp = `Measured alone on ${machine.date} (${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${seconds.toFixed(0)} s) with \`npx tsx scripts/bench/sections/cache-report.ts\`; the rest of this file is from the runs described above.${shared}`;
  const file = await writeSection(CACHE_TITLE, 'cache', result, stamp);
  console.log(`wrote section "${CACHE_TITLE}" of ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
