/** Section 2: throughput and p50/p99 latency at 64 concurrent callers over real loopback HTTP. */
import { spawn } from 'node:child_process';
import { bundleWorkload, runWorkload } from '../lib/child.js';
import { fmt, type GoalCheck, type SectionResult } from '../lib/table.js';

const CLIENTS = ['raw fetch', 'openapi-fetch', 'ky', 'Tether (default, validate strict)'];
const BASELINE = 'raw fetch';
const TETHER = 'Tether (default, validate strict)';
const ROUNDS = 3;

interface Run {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  n: number;
  /** Client process CPU (user + system) per request, µs. */
  cpuUsPerReq?: number;
}

/** Starts the server child and resolves with its port and a stop function. */
async function startServer(file: string): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [file], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', (code) => reject(new Error(`loopback server exited ${code}`)));
  });
  return { port, stop: () => child.stdin.end() };
}

export async function loopback(): Promise<SectionResult> {
  const [serverFile, clientFile] = await Promise.all([bundleWorkload('loopback-server.ts'), bundleWorkload('loopback.ts')]);
  const server = await startServer(serverFile);
  const runs = new Map<string, Run[]>(CLIENTS.map((c) => [c, []]));
  const failures = new Map<string, string>();
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate the order so no client always runs right after the same neighbour.
      const order = round % 2 ? [...CLIENTS].reverse() : CLIENTS;
      for (const name of order) {
        try {
          runs.get(name)?.push(await runWorkload<Run>(clientFile, [String(server.port), name, '1000', '3000'], { timeoutMs: 60_000 }));
        } catch (error) {
          failures.set(name, String((error as Error).message).split('\n')[0] ?? '');
        }
      }
    }
  } finally {
    server.stop();
  }
  // The best round: on a shared machine, the lower figures are mostly a neighbour's load.
  const best = (name: string): Run | undefined => [...(runs.get(name) ?? [])].sort((a, b) => b.rps - a.rps)[0];
  const base = best(BASELINE);
  // CPU per request: the least of the rounds (a loaded machine adds context switches, not work).
  const leastCpu = (name: string): number | undefined => {
    const values = (runs.get(name) ?? []).map((x) => x.cpuUsPerReq).filter((x): x is number => x !== undefined);
    return values.length > 0 ? Math.min(...values) : undefined;
  };
  const rows = CLIENTS.map((name) => {
    const r = best(name);
    if (!r || !base) return [name, 'failed', '', '', '', '', '', '', failures.get(name) ?? ''];
    const cpu = leastCpu(name);
    const cpuCell = cpu === undefined ? '' : `${fmt.int(cpu)} µs (${fmt.ratio(cpu / (leastCpu(BASELINE) ?? Number.NaN))})`;
    return [name, fmt.int(r.rps), fmt.ratio(r.rps / base.rps), fmt.ms(r.p50), fmt.ms(r.p99), fmt.ratio(r.p99 / base.p99), cpuCell, String(r.errors), (runs.get(name) ?? []).map((x) => fmt.int(x.rps)).join(', ')];
  });
  const t = best(TETHER);
  const rpsRatio = t && base ? t.rps / base.rps : Number.NaN;
  const p99Ratio = t && base ? t.p99 / base.p99 : Number.NaN;
  const goals: GoalCheck[] = [
    { goal: 'loopback throughput at 64 callers ≥ 0.9× raw fetch', measured: fmt.ratio(rpsRatio), met: Number.isFinite(rpsRatio) ? rpsRatio >= 0.9 : undefined },
    { goal: 'loopback p99 ≤ 1.3× raw fetch’s', measured: t ? `${fmt.ratio(p99Ratio)} (${fmt.ms(t.p99)})` : 'n/a', met: Number.isFinite(p99Ratio) ? p99Ratio <= 1.3 : undefined },
  ];
  return {
    tables: [{ title: 'Loopback HTTP, 64 concurrent callers, 3 s per run after 1 s warm-up', head: ['client', 'req/s', `vs ${BASELINE}`, 'p50', 'p99', `p99 vs ${BASELINE}`, `client CPU per request (vs ${BASELINE})`, 'errors', 'req/s of each round'], rows }],
    goals,
    notes: [
      `Server: a minimal node:http server in its own process answering every request with the same JSON; each client runs in its own process, ${ROUNDS} rounds in alternating order, best round reported (all rounds listed). Client and server share the machine's cores, so this measures the client's CPU cost under load as much as latency. Client CPU per request is the client process's user + system time over the measured window divided by the requests completed (least of the rounds): the client's own cost, which other load on the machine disturbs much less than req/s.`,
    ],
  };
}
