/**
 * `npx tsx scripts/bench/sections/sync-report.ts`: runs only the sync-cost section and puts it
 * into docs/benchmarks.md as its own section (lib/section-file.ts), leaving the other sections
 * as they are.
 */
import { describeMachine } from '../lib/machine.js';
import { writeSection } from '../lib/section-file.js';
import { SYNC_TITLE, syncCost } from './sync.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const result = await syncCost();
  const stamp = `Measured on ${machine.date} (node ${machine.node}, 1-minute load ${machine.load} on ${machine.cores} cores, shared with other work) with \`npx tsx scripts/bench/sections/sync-report.ts\` (or \`npm run bench -- sync\` to print it only). Counts, not timings: machine load does not change them; the jittered intervals (±10 %) move a poll count by ±1 between runs. docs/sync.md reads these figures.`;
  const file = await writeSection(SYNC_TITLE, 'sync', result, stamp);
  console.log(`wrote section "${SYNC_TITLE}" of ${file}`);
  process.exit(0); // the ws client's sockets are closed; nothing else should hold the loop
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
