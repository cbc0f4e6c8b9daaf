/**
 * `npx tsx scripts/bench/sections/cache-report.ts`: runs only the cache section and puts it into
 * docs/benchmarks.md as its own section (replaced in place, or added before "Running it"),
 * leaving every other section as the last full run wrote it. The file is re-read just before
 * writing, so sections others changed meanwhile are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeMachine } from '../lib/machine.js';
import { root } from '../lib/paths.js';
import { markdown } from '../lib/table.js';
import { cache, CACHE_TITLE } from './cache.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const t0 = performance.now();
  const result = await cache();
  const seconds = (performance.now() - t0) / 1000;
  const title = `## ${CACHE_TITLE}`;
  // The load is read again at the end: other work that started meanwhile disturbs the figures too.
  const load = Math.max(machine.load, describeMachine().load);
  const shared = load > machine.cores * 0.5
    ? ` The machine was shared with other work (load average up to ${load} on ${machine.cores} cores), so absolute figures are noisy; the ratios compare scenarios measured side by side in the same rounds.`
    : '';
  const stamp = `Measured alone on ${machine.date} (${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${seconds.toFixed(0)} s) with \`npx tsx scripts/bench/sections/cache-report.ts\`; the rest of this file is from the runs described above.${shared}`;
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
  if (!/`cache`\.?$/m.test(text)) text = text.replace(/(Sections: .*`)\.$/m, '$1, `cache`.');
  await writeFile(file, text);
  console.log(`wrote section "${CACHE_TITLE}" of ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
