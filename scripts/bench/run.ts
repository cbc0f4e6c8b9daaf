/**
 * `npm run bench [-- <section>…]`: every measurement of issue 10 side by side in one run.
 * Sections run one after another (the machine has few cores; running them together would
 * measure each other), each in try/catch so one failure is reported and the rest still run.
 * A full run rewrites docs/benchmarks.md; a partial run only prints.
 */
import { ensureBenchDependencies } from './lib/deps.js';
import { describeMachine } from './lib/machine.js';
import { plain, type SectionResult } from './lib/table.js';
import { writeReport, type SectionOutcome } from './report.js';
import { bundles } from './sections/bundle.js';
import { cache, CACHE_TITLE } from './sections/cache.js';
import { codegen } from './sections/codegen.js';
import { heap } from './sections/heap.js';
import { loopback } from './sections/loopback.js';
import { offline, OFFLINE_TITLE } from './sections/offline.js';
import { perCall } from './sections/per-call.js';
import { shedding } from './sections/shedding.js';
import { syncCost, SYNC_TITLE } from './sections/sync.js';
import { tscTime } from './sections/tsc.js';
import { validators } from './sections/validators.js';

const SECTIONS: ReadonlyArray<readonly [string, string, () => Promise<SectionResult>]> = [
  ['per-call', '1. Per-call overhead (stub fetch)', perCall],
  ['loopback', '2. Loopback throughput and latency', loopback],
  ['bundle', '3. Bundle sizes', bundles],
  ['codegen', '4. Codegen time and peak memory', codegen],
  ['tsc', '5. Type-check time of a consumer', tscTime],
  ['heap', '6. Heap', heap],
  ['shedding', '7. Load shedding during an outage', shedding],
  ['validators', '8. Validators emitter on GitHub (the test suite’s old speed budgets)', validators],
  ['cache', CACHE_TITLE, cache],
  ['offline', OFFLINE_TITLE, offline],
  ['sync', SYNC_TITLE, syncCost],
];

async function main(): Promise<void> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((a) => !SECTIONS.some(([key]) => key === a));
  if (unknown.length > 0) {
    console.error(`unknown section(s) ${unknown.join(', ')}; sections: ${SECTIONS.map(([k]) => k).join(', ')}`);
    process.exit(2);
  }
  ensureBenchDependencies();
  const machine = describeMachine();
  console.log(`bench: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB, node ${machine.node}, load ${machine.load}`);
  const started = performance.now();
  const outcomes: SectionOutcome[] = [];
  for (const [key, title, run] of SECTIONS) {
    if (asked.length > 0 && !asked.includes(key)) continue;
    console.log(`\n== ${title}`);
    const t0 = performance.now();
    try {
      const result = await run();
      const seconds = (performance.now() - t0) / 1000;
      outcomes.push({ key, title, result, error: undefined, seconds });
      for (const table of result.tables) console.log(`\n${plain(table)}`);
      for (const goal of result.goals) console.log(`goal: ${goal.goal}: ${goal.measured} ${goal.met === undefined ? '–' : goal.met ? 'met' : 'NOT met'}`);
      console.log(`(${seconds.toFixed(1)} s)`);
    } catch (error) {
      const message = String((error as Error)?.stack ?? error);
      outcomes.push({ key, title, result: undefined, error: message, seconds: (performance.now() - t0) / 1000 });
      console.error(`section ${key} failed:\n${message}`);
    }
  }
  const total = (performance.now() - started) / 1000;
  console.log(`\nbench: ${total.toFixed(0)} s`);
  if (asked.length === 0) {
    const file = await writeReport(machine, 'npm run bench', outcomes, total);
    console.log(`wrote ${file}`);
  }
  if (outcomes.some((o) => o.error !== undefined)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
