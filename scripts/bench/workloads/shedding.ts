/**
 * Child process for section 7: load shedding on a simulated clock. 1,000 callers share one
 * Tether SDK (one app process, e.g. a backend-for-frontend, serving 1,000 users); each calls
 * GET /users/{userId} every PERIOD seconds. The server (an injected fetch) answers 503 during
 * a 60 s outage; outside it, it serves CAPACITY attempts per simulated second and sheds the
 * rest with 503, so retries that pile up after the outage slow the recovery. Run twice:
 * the default retry budget, and `retryBudget: false` (the same backoff, no budget).
 * Prints one JSON line.
 */
import { createSdk } from '../../../generated/v1/index.js';
import { SimClock } from './sim-clock.js';
import { USER_ID, USER_JSON } from './stub.js';

const CALLERS = 1000;
const PERIOD_S = Number(process.env.BENCH_SHED_PERIOD_S ?? 20);
const BEFORE_S = 10;
const OUTAGE_S = 60;
const AFTER_S = 60;
const NORMAL_RATE = CALLERS / PERIOD_S;
/** Headroom of 50 % over the normal load: enough for a healthy system, not for a retry storm. */
const CAPACITY = Math.round(NORMAL_RATE * 1.5);

interface Second {
  attempts: number;
  shed: number;
  calls: number;
  ok: number;
}

async function simulate(variant: 'budget' | 'naive'): Promise<Record<string, unknown>> {
  const sim = new SimClock(42);
  const end = BEFORE_S + OUTAGE_S + AFTER_S;
  const seconds: Second[] = Array.from({ length: end + 120 }, () => ({ attempts: 0, shed: 0, calls: 0, ok: 0 }));
  const body = new TextEncoder().encode(USER_JSON);
  const fetch = async (): Promise<Response> => {
    const s = seconds[Math.floor(sim.now / 1000)] as Second;
    s.attempts++;
    const t = sim.now / 1000;
    const down = t >= BEFORE_S && t < BEFORE_S + OUTAGE_S;
    if (down || s.attempts > CAPACITY) {
      s.shed++;
      return new Response('{"title":"unavailable"}', { status: 503, headers: { 'content-type': 'application/problem+json' } });
    }
    return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
  };
  const sdk = createSdk({
    baseUrl: 'https://api.example.com',
    fetch,
    clock: sim.clock,
    logLevel: 'off',
    ...(variant === 'naive' ? { retryBudget: false as const } : {}),
  });
  const init = { params: { path: { userId: USER_ID } } };
  let inflight = 0;
  const start = (issuedSecond: number) => {
    inflight++;
    (seconds[issuedSecond] as Second).calls++;
    sdk.users.getUser(init).then(
      () => (seconds[issuedSecond] as Second).ok++,
      () => undefined,
    ).finally(() => inflight--);
  };
  // Callers are spread evenly over the period, so the offered load is flat.
  const spacing = (PERIOD_S * 1000) / CALLERS;
  let nextIssue = 0;
  let spins = 0;
  for (;;) {
    // Let every running call reach its next sleep (or finish) before time moves.
    while (inflight !== sim.timers.length) {
      await new Promise((r) => setImmediate(r));
      if (++spins > 1e6) throw new Error(`simulation stuck: ${inflight} in flight, ${sim.timers.length} asleep`);
    }
    const issuing = nextIssue < end * 1000;
    if (!issuing && inflight === 0) break;
    const t = Math.min(issuing ? nextIssue : Number.POSITIVE_INFINITY, sim.nextAt());
    sim.advanceTo(t);
    while (nextIssue <= sim.now && nextIssue < end * 1000) {
      start(Math.floor(nextIssue / 1000));
      nextIssue += spacing;
    }
  }
  const range = (a: number, b: number) => seconds.slice(a, b);
  const sum = (list: Second[], k: keyof Second) => list.reduce((n, s) => n + s[k], 0);
  const outage = range(BEFORE_S, BEFORE_S + OUTAGE_S);
  const after = range(BEFORE_S + OUTAGE_S, seconds.length);
  // Recovered: from this second on, every second's calls succeed at ≥ 99 %.
  let recovered = BEFORE_S + OUTAGE_S;
  for (let s = end - 1; s >= BEFORE_S + OUTAGE_S; s--) {
    const x = seconds[s] as Second;
    if (x.calls > 0 && x.ok < 0.99 * x.calls) {
      recovered = s + 1;
      break;
    }
  }
  const all = range(0, seconds.length);
  return {
    variant,
    calls: sum(all, 'calls'),
    attempts: sum(all, 'attempts'),
    outageAttemptsPerCall: sum(outage, 'attempts') / sum(outage, 'calls'),
    peakAfterPerNormal: Math.max(...after.map((s) => s.attempts)) / NORMAL_RATE,
    shedAfter: sum(after, 'shed'),
    recoverS: recovered - (BEFORE_S + OUTAGE_S),
    failedAfter: sum(range(BEFORE_S + OUTAGE_S, end), 'calls') - sum(range(BEFORE_S + OUTAGE_S, end), 'ok'),
    recoveredWithinRun: recovered < end,
  };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const budget = await simulate('budget');
  const naive = await simulate('naive');
  const setup = { callers: CALLERS, periodS: PERIOD_S, normalRate: NORMAL_RATE, capacity: CAPACITY, beforeS: BEFORE_S, outageS: OUTAGE_S, afterS: AFTER_S, realMs: performance.now() - t0 };
  process.stdout.write(`\n${JSON.stringify({ setup, runs: [budget, naive] })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
