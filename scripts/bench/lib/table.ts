/** A result table, printed to the terminal and written into docs/benchmarks.md as Markdown. */

export interface Table {
  readonly title: string;
  readonly head: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/** A goal of issue 10 next to what this run measured. `met` undefined: could not be judged. */
export interface GoalCheck {
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | undefined;
}

/** What one section hands back to the report. */
export interface SectionResult {
  readonly tables: Table[];
  readonly goals: GoalCheck[];
  /** Plain sentences: method, caveats, where Tether is behind. */
  readonly notes: string[];
}

export function markdown(table: Table): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [`**${table.title}**`, '', line(table.head), line(table.head.map(() => '---')), ...table.rows.map(line)].join('\n');
}

/** Column-aligned plain text for the terminal. */
export function plain(table: Table): string {
  const all = [table.head, ...table.rows];
  const widths = table.head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const fmt = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [table.title, fmt(table.head), widths.map((w) => '-'.repeat(w)).join('  '), ...table.rows.map(fmt)].join('\n');
}

export const fmt = {
  ratio: (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a'),
  int: (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a'),
  kb: (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`,
  bytes: (bytes: number) => `${Math.round(bytes).toLocaleString('en-US')} B`,
  ms: (x: number) => (x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(2)} ms`),
  s: (ms: number) => `${(ms / 1000).toFixed(2)} s`,
  mb: (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`,
  mark: (met: boolean | undefined) => (met === undefined ? '–' : met ? '✅' : '❌'),
};

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
