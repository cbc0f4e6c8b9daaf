/**
 * `npx tsx scripts/bench/sections/offline-report.ts`: runs only the offline replay section and
 * puts it into docs/benchmarks.md as its own section (replaced in place, or added before
 * "Running it"), leaving every other section as the last full run wrote it. The file is re-read
 * just before writing, so sections others changed meanwhile are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeMachine } from '../lib/machine.js';
import { root } from '../lib/paths.js';
import { markdown } from '../lib/table.js';
import { offline, OFFLINE_TITLE } from './offline.js';

async function main(): Promise<void> {
  const machine = describeMachine();
  const t0 = performance.now();
  const result = await offline();
  const seconds = (performance.now() - t0) / 1000;
  const title = `## ${OFFLINE_TITLE}`;
  // Read again at the end: work that started meanwhile disturbs the figures too.
  const load = Math.max(machine.load, describeMachine().load);
  const shared = load > machine.cores * 0.5
    ? ` The machine was shared with other work (load average up to ${load} on ${machine.cores} cores), so absolute figures are noisy.`
    : '';
  const stamp = `Measured alone on ${machine.date} (${machine.cpu}, ${machine.cores} cores, node ${machine.node}, ${seconds.toFixed(0)} s) with \`npx tsx scripts/bench/sections/offline-report.ts\` (or \`npm run bench -- offline\` to print it only); the rest of this file is from the runs described above.${shared}`;
  const body = [title, '', ...result.tables.flatMap((t) => [markdown(t), '']), ...result.notes.flatMap((n) => [n, '']), stamp, ''].join('\n');
  const file = join(root, 'docs', 'benchmarks.md');
  let text = await readFile(file, 'utf8');
  const start = text.indexOf(title);
  if (start !== -1) {
    const end = text.indexOf('\n## ', start + title.length);
    text = end === -1 ? `${text.slice(0, start)}${body}` : `${text.slice(0, start)}${body}\n${text.slice(end + 1)}`;
  } else {
    // Before the first later-numbered section (sections are written by separate scripts), else before "Running it".
    const later = /^## (\d+)\. /gm;
    let at = -1;
    for (let m = later.exec(text); m !== null; m = later.exec(text)) if (Number(m[1]) > 10 && at === -1) at = m.index;
    if (at === -1) at = text.indexOf('## Running it');
    text = at === -1 ? `${text.trimEnd()}\n\n${body}` : `${text.slice(0, at)}${body}\n${text.slice(at)}`;
  }
  if (!/`offline`/.test(text.slice(text.indexOf('## Running it')))) text = text.replace(/(Sections: .*`)\.$/m, '$1, `offline`.');
  await writeFile(file, text);
  console.log(`wrote section "${OFFLINE_TITLE}" of ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
