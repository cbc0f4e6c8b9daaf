/**
 * Writes one section into docs/benchmarks.md for the scripts that measure a section on its own
 * (sections/*-report.ts): the section is replaced in place, or inserted before the first
 * higher-numbered section (else before "Running it"), and its key is added to the "Sections:"
 * list when missing. Every other section stays as the last full run wrote it; the file is read
 * just before writing, so sections other scripts changed meanwhile are kept.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Machine } from './machine.js';
import { root } from './paths.js';
import { markdown, type SectionResult } from './table.js';

/** The section's markdown: heading, tables, notes and the stamp saying how it was measured. */
function sectionBody(title: string, result: SectionResult, stamp: string): string {
  return [`## ${title}`, '', ...result.tables.flatMap((t) => [markdown(t), '']), ...result.notes.flatMap((n) => [n, '']), stamp, ''].join('\n');
}

/** Where a section that is not in the file yet goes: before the first section numbered above it. */
function insertionPoint(text: string, title: string): number {
  const own = Number(/^(\d+)\./.exec(title)?.[1] ?? Number.NaN);
  const numbered = /^## (\d+)\. /gm;
  for (let m = numbered.exec(text); m !== null; m = numbered.exec(text)) if (Number(m[1]) > own) return m.index;
  return text.indexOf('## Running it');
}

/** Puts `result` into docs/benchmarks.md as section `title` (e.g. '10. Offline replay'), listed as `key`; returns the file's path. */
export async function writeSection(title: string, key: string, result: SectionResult, stamp: string): Promise<string> {
  const heading = `## ${title}`;
  const body = sectionBody(title, result, stamp);
  const file = join(root, 'docs', 'benchmarks.md');
  let text = await readFile(file, 'utf8');
  const start = text.indexOf(heading);
  if (start !== -1) {
    const end = text.indexOf('\n## ', start + heading.length);
    text = end === -1 ? `${text.slice(0, start)}${body}` : `${text.slice(0, start)}${body}\n${text.slice(end + 1)}`;
  } else {
    const at = insertionPoint(text, title);
    text = at === -1 ? `${text.trimEnd()}\n\n${body}` : `${text.slice(0, at)}${body}\n${text.slice(at)}`;
  }
  const list = /^(.*Sections: .*`)\.$/m.exec(text);
  if (list && !list[1]!.includes(`\`${key}\``)) text = text.replace(list[0], `${list[1]}, \`${key}\`.`);
  await writeFile(file, text);
  return file;
}

/** The stamp's sentence about machine load: empty on a quiet machine (load ≤ half the cores), read again at the end since work that started meanwhile disturbs the figures too. */
export function loadCaveat(machine: Machine, reread: Machine, extra = ''): string {
  const load = Math.max(machine.load, reread.load);
  return load > machine.cores * 0.5 ? ` The machine was shared with other work (load average up to ${load} on ${machine.cores} cores), so absolute figures are noisy${extra}.` : '';
}
