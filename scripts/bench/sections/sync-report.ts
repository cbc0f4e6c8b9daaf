/**
 * `npx tsx scripts/bench/sections/sync-report.ts`: runs only the sync-cost section and puts it
 * into docs/benchmarks.md as its own section (replaced in place, or added before "Running it"),
 * leaving the other sections as they are. The file is re-read just before writing.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeMachine } from '../lib/machine.js';
import { root } from '../lib/paths.js';
import { markdown } from '../lib/table.js';
import { SYNC_TITLE, syncCost } from './sync.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const result = await syncCost();
  const title = `## ${SYNC_TITLE}`;
  const stamp = `Measured on ${machine.date} (node ${machine.node}, 1-minute load ${machine.load} on ${machine.cores} cores, shared with other work) with \`npx tsx scripts/bench/sections/sync-report.ts\` (or \`npm run bench -- sync\` to print it only). Counts, not timings: machine load does not change them; the jittered intervals (±10 %) move a poll count by ±1 between runs. docs/sync.md reads these figures.`;
  const body = [title, '', ...result.tables.flatMap((t) => [markdown(t), '']), ...result.notes.flatMap((n) => [n, '']), stamp, ''].join('\n');
  const file = join(root, 'docs', 'benchmarks.md');
  let text = await readFile(file, 'utf8');
  const start = text.indexOf(title);
  if (start !== -1) {
    const end = text.indexOf('\n## ', start + title.length);
    text = end === -1 ? `${text.slice(0, start)}${body}` : `${text.slice(0, start)}${body}\n${text.slice(end + 1)}`;
  } else {
    const running = text.indexOf('## Running it');
    text = running === -1 ? `${text.trimEnd()}\n\n${body}` : `${text.slice(0, running)}${body}\n${text.slice(running)}`;
  }
  await writeFile(file, text);
  console.log(`wrote section "${SYNC_TITLE}" of ${file}`);
  process.exit(0); // the ws client's sockets are closed; nothing else should hold the loop
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
