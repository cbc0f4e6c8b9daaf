/**
 * `npx tsx scripts/bench/sections/bundle-report.ts`: re-runs only the bundle section and puts
 * its figures into docs/benchmarks.md in place (section 3, the bundle goals' rows and their
 * "why" lines), leaving every other section as the last full run wrote it. For work on the
 * bundle floor, where a full `npm run bench` (minutes on a shared machine) measures nothing new;
 * the file is re-read just before writing, so sections others changed meanwhile are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from '../lib/paths.js';
import { fmt, markdown } from '../lib/table.js';
import { WHY_BEHIND } from '../why-behind.js';
import { bundles } from './bundle.js';

const TITLE = '## 3. Bundle sizes';

async function main(): Promise<void> {
  const result = await bundles();
  const file = join(root, 'docs', 'benchmarks.md');
  let text = await readFile(file, 'utf8');
  const start = text.indexOf(TITLE);
  const end = text.indexOf('\n## ', start + TITLE.length);
  if (start === -1 || end === -1) throw new Error(`${file} has no "${TITLE}" section to replace: run the full bench`);
  const stamp = `Re-measured alone on ${new Date().toISOString()} with \`npx tsx scripts/bench/sections/bundle-report.ts\` (the rest of this file is from the full run above).`;
  const body = [TITLE, '', ...result.tables.flatMap((t) => [markdown(t), '']), ...result.notes.flatMap((n) => [n, '']), stamp, ''].join('\n');
  text = `${text.slice(0, start)}${body}${text.slice(end + 1)}`;
  for (const goal of result.goals) {
    const row = new RegExp(`^\\| ${escape(goal.goal)} \\|.*$`, 'm');
    text = text.replace(row, `| ${goal.goal} | ${goal.measured} | ${fmt.mark(goal.met)} |`);
    const name = goal.goal.replace(/ [≥≤].*$/, '');
    const why = WHY_BEHIND.find(([s]) => goal.goal.startsWith(s))?.[1];
    if (why !== undefined) text = text.replace(new RegExp(`^- \\*${escape(name)}\\*: .*$`, 'm'), `- *${name}*: ${why}`);
  }
  // The summary line lists every goal missed, from the goals table as it now stands.
  const missed = [...text.matchAll(/^\| (.+?) \| (.+) \| ❌ \|$/gm)].map(([, goal, measured]) => `${goal!.replace(/ [≥≤].*$/, '')} — ${measured}`);
  text = text.replace(/^\*\*Where Tether is behind:\*\* .*$/m, `**Where Tether is behind:** ${missed.join('; ')}.`);
  await writeFile(file, text);
  for (const goal of result.goals) console.log(`goal: ${goal.goal}: ${goal.measured} ${goal.met ? 'met' : 'NOT met'}`);
  console.log(`wrote section 3 of ${file}`);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
