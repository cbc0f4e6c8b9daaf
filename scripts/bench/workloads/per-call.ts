/**
 * Child process for section 1 (run with --expose-gc): per-call CPU of every client over the
 * stub fetch, then heap bytes allocated per call, then how many fetch-API objects one call
 * constructs. Prints one JSON line. Clients take turns in short rounds so a neighbour's burst
 * of load on the shared machine hits all of them alike. The best round is the figure (load from
 * other processes only ever slows a round down); the median is reported beside it.
 */
import { clients } from './clients.js';
import type { Call } from './peers.mjs';
import { BASE_URL, stubFetch } from './stub.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 400);
const COUNTED = ['Request', 'Response', 'Headers', 'AbortController', 'ReadableStream'] as const;

const gc = (globalThis as { gc?: () => void }).gc;

async function timed(call: Call, ms: number): Promise<number> {
  let n = 0;
  const start = performance.now();
  const end = start + ms;
  while (performance.now() < end) {
    // Batches of 50 keep the clock reads out of the per-call cost.
    for (let i = 0; i < 50; i++) await call();
    n += 50;
  }
  return (n * 1000) / (performance.now() - start);
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1] ?? Number.NaN;
}

/** Bytes per call: heap growth over chunks of calls; the median chunk skips ones a GC cut short. */
async function bytesPerCall(call: Call): Promise<number> {
  if (!gc) return Number.NaN;
  const deltas: number[] = [];
  for (let chunk = 0; chunk < 5; chunk++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 200; i++) await call();
    deltas.push((process.memoryUsage().heapUsed - before) / 200);
  }
  return median(deltas);
}

/** Wraps the global constructors in counting proxies; instanceof keeps working through them. */
function countConstructions(): Record<string, number> {
  const counts: Record<string, number> = {};
  const g = globalThis as unknown as Record<string, object>;
  for (const name of COUNTED) {
    counts[name] = 0;
    const original = g[name];
    if (typeof original !== 'function') continue;
    g[name] = new Proxy(original, {
      construct(target, args, newTarget) {
        counts[name] = (counts[name] ?? 0) + 1;
        return Reflect.construct(target as new (...a: unknown[]) => object, args, newTarget === g[name] ? target : newTarget) as object;
      },
    });
  }
  return counts;
}

type Result = { opsPerSec: number; medianOpsPerSec: number; rounds: number[]; bytesPerCall: number; perCall: Record<string, number> } | { error: string };

async function main(): Promise<void> {
  // The stub is the platform's fetch here, as undici's is in an app: clients that default to
  // globalThis.fetch, or are given it, call it as they would call the real one.
  globalThis.fetch = stubFetch;
  const calls = new Map<string, Call>();
  const results: Record<string, Result> = {};
  // Optional client names as arguments (development: one client alone, free of the others' JIT state).
  const only = process.argv.slice(2);
  for (const [name, make] of Object.entries(clients)) {
    if (only.length > 0 && !only.includes(name)) continue;
    try {
      const call = make(stubFetch, BASE_URL);
      await call(); // fails fast (and only this client) on a broken setup
      for (let i = 0; i < 300; i++) await call(); // warm-up: let the JIT settle
      calls.set(name, call);
    } catch (error) {
      results[name] = { error: String((error as Error)?.stack ?? error) };
    }
  }
  const rounds = new Map<string, number[]>([...calls.keys()].map((k) => [k, []]));
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, call] of calls) rounds.get(name)?.push(await timed(call, ROUND_MS));
  }
  const bytes = new Map<string, number>();
  for (const [name, call] of calls) bytes.set(name, await bytesPerCall(call));

  // Last, as the proxies slow construction down: fresh clients, since some capture globals.
  const counts = countConstructions();
  for (const name of calls.keys()) {
    const make = clients[name];
    if (!make) continue;
    const call = make(stubFetch, BASE_URL);
    for (let i = 0; i < 20; i++) await call();
    for (const k of Object.keys(counts)) counts[k] = 0;
    const n = 100;
    for (let i = 0; i < n; i++) await call();
    const perCall = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v / n]));
    const list = rounds.get(name) ?? [];
    results[name] = { opsPerSec: Math.max(...list), medianOpsPerSec: median(list), rounds: list, bytesPerCall: bytes.get(name) ?? Number.NaN, perCall };
  }
  process.stdout.write(`\n${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
