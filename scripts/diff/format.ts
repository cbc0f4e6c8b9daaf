/** Renders a DiffReport as text (terminal), JSON (tools) or Markdown (a PR comment). */
import type { Change, DiffReport } from './model.js';

export type DiffFormat = 'text' | 'json' | 'markdown';
export const DIFF_FORMATS: readonly DiffFormat[] = ['text', 'json', 'markdown'];

/** At most this many affected operations are listed inline; the rest are counted. */
const SHOWN_OPERATIONS = 4;

function affected(change: Change): string {
  const ops = change.operations.filter((op) => op !== change.subject);
  if (ops.length === 0) return '';
  const more = ops.length > SHOWN_OPERATIONS ? ` (+${ops.length - SHOWN_OPERATIONS} more)` : '';
  return ops.slice(0, SHOWN_OPERATIONS).join(', ') + more;
}

const pointers = (c: Change): string => `old ${c.oldPointer ?? '(none)'}  new ${c.newPointer ?? '(none)'}`;

/** The report in the chosen format (no trailing newline). */
export function formatReport(report: DiffReport, format: DiffFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(report, null, 2);
    case 'markdown':
      return markdown(report);
    case 'text':
      return text(report);
  }
}

function summary(report: DiffReport): string {
  return `${report.breaking} breaking, ${report.nonBreaking} non-breaking change${report.nonBreaking === 1 ? '' : 's'}`;
}

function text(report: DiffReport): string {
  const lines = [`${report.oldSource} → ${report.newSource}: ${summary(report)}`];
  for (const [title, breaking] of [['BREAKING', true], ['NON-BREAKING', false]] as const) {
    const group = report.changes.filter((c) => c.breaking === breaking);
    if (group.length === 0) continue;
    lines.push('', `${title}:`);
    for (const c of group) {
      const via = affected(c);
      lines.push(`- ${c.subject}: ${c.message}${via ? ` [${via}]` : ''}`, `    ${pointers(c)}`);
    }
  }
  return lines.join('\n');
}

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(report: DiffReport): string {
  const head = report.breaking > 0 ? '### :warning: API changes break the SDK' : '### API changes (nothing breaking)';
  const lines = [head, '', `\`${report.oldSource}\` → \`${report.newSource}\`: **${summary(report)}**`];
  for (const [title, breaking] of [['Breaking', true], ['Non-breaking', false]] as const) {
    const group = report.changes.filter((c) => c.breaking === breaking);
    if (group.length === 0) continue;
    lines.push('', `#### ${title}`, '', '| What | Change | Used by | Old | New |', '| --- | --- | --- | --- | --- |');
    for (const c of group) {
      lines.push(`| \`${cell(c.subject)}\` | ${cell(c.message)} | ${cell(affected(c))} | \`${cell(c.oldPointer ?? '')}\` | \`${cell(c.newPointer ?? '')}\` |`);
    }
  }
  return lines.join('\n');
}
