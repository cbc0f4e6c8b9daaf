/** Section 7: load shedding during a 60 s outage, retry budget vs naive backoff (simulated clock). */
import { bundleWorkload, runWorkload } from '../lib/child.js';
import { fmt, type SectionResult } from '../lib/table.js';

interface Run {
  variant: string;
  calls: number;
  attempts: number;
  outageAttemptsPerCall: number;
  peakAfterPerNormal: number;
  shedAfter: number;
  recoverS: number;
  failedAfter: number;
  recoveredWithinRun: boolean;
}
interface Out {
  setup: { callers: number; periodS: number; normalRate: number; capacity: number; beforeS: number; outageS: number; afterS: number; realMs: number };
  runs: Run[];
}

export async function shedding(): Promise<SectionResult> {
  const out = await runWorkload<Out>(await bundleWorkload('shedding.ts'), [], { timeoutMs: 240_000 });
  const s = out.setup;
  const label = (v: string) => (v === 'budget' ? 'Tether, default retry budget' : 'Tether, retryBudget: false (naive backoff)');
  const rows = out.runs.map((r) => [
    label(r.variant),
    fmt.int(r.calls),
    fmt.int(r.attempts),
    r.outageAttemptsPerCall.toFixed(2),
    fmt.ratio(r.peakAfterPerNormal),
    fmt.int(r.shedAfter),
    r.recoveredWithinRun ? `${r.recoverS} s` : `not within ${s.afterS} s`,
    fmt.int(r.failedAfter),
  ]);
  return {
    tables: [
      {
        title: `Load shedding: ${fmt.int(s.callers)} callers, one call each per ${s.periodS} s, ${s.outageS} s outage, server capacity ${s.capacity} attempts/s (simulated clock)`,
        head: ['retry policy', 'calls', 'attempts', 'attempts per call in the outage', 'peak load after recovery (× normal)', 'attempts shed after recovery', 'time to recover', 'calls failed after recovery'],
        rows,
      },
    ],
    goals: [],
    notes: [
      `Simulation: ${fmt.int(s.callers)} callers share one SDK (one app process), each calling GET /users/{userId} every ${s.periodS} s (${s.normalRate} calls/s); the injected fetch answers 503 for ${s.outageS} s after ${s.beforeS} s of normal service, then serves ${s.capacity} attempts per simulated second (1.5× the normal load) and sheds the rest with 503; ${s.afterS} s are observed after the outage. Backoff sleeps go through Tether's \`clock\` option, so ${s.beforeS + s.outageS + s.afterS} simulated seconds took ${fmt.s(s.realMs)} of real time for both runs. Time to recover: from the outage's end until every later second's calls succeed at ≥ 99 %.`,
      'The budget is per SDK instance: an app that makes few calls per device (one SDK per install) spends much less than a bucket’s worth of retries in a minute, so there the budget changes little and the backoff alone spreads the load.',
    ],
  };
}
