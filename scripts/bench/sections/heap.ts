/** Section 6: heap kept alive after import + create + 1,000 calls, Tether vs openapi-fetch. */
import { bundleWorkload, runWorkload } from '../lib/child.js';
import { fmt, median, type SectionResult } from '../lib/table.js';

const RUNS = 3;

export async function heap(): Promise<SectionResult> {
  const probe = await bundleWorkload('heap-probe.ts');
  const targets: Array<[string, string | undefined]> = [
    ['empty node process', undefined],
    ['openapi-fetch', await bundleWorkload('heap-openapi-fetch.ts')],
    ['Tether (default)', await bundleWorkload('heap-tether.ts')],
  ];
  const results = new Map<string, { after: number; delta: number }>();
  for (const [name, file] of targets) {
    const runs: Array<{ after: number; delta: number }> = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runWorkload(probe, file ? [file] : [], { nodeFlags: ['--expose-gc'], timeoutMs: 60_000 }));
    results.set(name, { after: median(runs.map((r) => r.after)), delta: median(runs.map((r) => r.delta)) });
  }
  const base = results.get('openapi-fetch');
  const rows = [...results].map(([name, r]) => [name, fmt.mb(r.after), fmt.mb(r.delta), name === 'empty node process' || !base ? '' : fmt.ratio(r.delta / base.delta)]);
  const tether = results.get('Tether (default)');
  const ratio = tether && base ? tether.delta / base.delta : Number.NaN;
  return {
    tables: [{ title: `Heap after import + create + 1,000 calls (median of ${RUNS} processes, after full GC)`, head: ['client', 'heap used', 'growth over the process start', 'growth vs openapi-fetch'], rows }],
    goals: [{ goal: 'heap after import + create + 1,000 calls ≤ 1.5× openapi-fetch', measured: `${fmt.ratio(ratio)} (growth: ${tether ? fmt.mb(tether.delta) : "n/a"} vs ${base ? fmt.mb(base.delta) : "n/a"})`, met: Number.isFinite(ratio) ? ratio <= 1.5 : undefined }],
    notes: ['The ratio compares heap growth from the process start (loading the bundle, creating the client, 1,000 calls over the stub fetch), since node’s own heap belongs to neither client; absolute heap used is listed too.'],
  };
}
