/**
 * Child process for section 2: one client, 64 concurrent callers in a closed loop against
 * the loopback server for a fixed time after a warm-up; prints throughput and latency
 * percentiles as one JSON line, with the client process's own CPU time per request (user +
 * system over the measured window), which a neighbour's load disturbs far less than req/s. Args: <port> <client name> <warm-up ms> <measure ms>.
 */
import { clients } from './clients.js';

const [portArg, name = '', warmArg = '1000', measureArg = '3000'] = process.argv.slice(2);
const CALLERS = 64;

async function main(): Promise<void> {
  const make = clients[name];
  if (!make) throw new Error(`unknown client ${name}`);
  const call = make(globalThis.fetch, `http://127.0.0.1:${portArg}`);
  await call();
  let recording = false;
  let stop = false;
  const latencies: number[] = [];
  let errors = 0;
  const caller = async () => {
    while (!stop) {
      const t0 = performance.now();
      try {
        await call();
        if (recording) latencies.push(performance.now() - t0);
      } catch {
        if (recording) errors++;
      }
    }
  };
  const running = Array.from({ length: CALLERS }, caller);
  await new Promise((r) => setTimeout(r, Number(warmArg)));
  recording = true;
  const start = performance.now();
  const cpuBefore = process.cpuUsage();
  await new Promise((r) => setTimeout(r, Number(measureArg)));
  recording = false;
  const elapsed = performance.now() - start;
  const cpu = process.cpuUsage(cpuBefore);
  stop = true;
  await Promise.all(running);
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
  process.stdout.write(`\n${JSON.stringify({ rps: (latencies.length * 1000) / elapsed, p50: at(0.5), p99: at(0.99), errors, n: latencies.length, cpuUsPerReq: (cpu.user + cpu.system) / Math.max(1, latencies.length) })}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
