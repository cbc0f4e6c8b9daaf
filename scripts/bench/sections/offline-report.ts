/**
 * `npx tsx scripts/bench/sections/offline-report.ts`: runs only the offline replay section and
 * puts it into docs/benchmarks.md as its own section (lib/section-file.ts), leaving every other
 * section as the last full run wrote it.
 */
import { describeMachine } from '../lib/machine.js';
import { loadCaveat, writeSection } from '../lib/section-file.js';
import { offline, OFFLINE_TITLE } from './offline.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const t0 = performance.now();
  const result = await offline();
  const seconds = (performance.now() - t0) / 1000;
  const shared = loadCaveat(machine, describeMachine());
  const stamp = `Measured alone on ${machine.date} (${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${seconds.toFixed(0)} s) with \`npx tsx scripts/bench/sections/offline-report.ts\` (or \`npm run bench -- offline\` to print it only); the rest of this file is from the runs described above.${shared}`;
  const file = await writeSection(OFFLINE_TITLE, 'offline', result, stamp);
  console.log(`wrote section "${OFFLINE_TITLE}" of ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
