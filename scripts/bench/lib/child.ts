/**
 * Child processes: each measurement that needs a clean heap or its own CPU runs in one.
 * Workloads (TypeScript importing the runtime and the peers) are bundled with esbuild first,
 * so the child is plain `node` — no tsx loader sits in its heap or its start-up time.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { build } from 'esbuild';
import { benchDir, root, scratch } from './paths.js';

/** Bundles scripts/bench/workloads/<name> into one CommonJS file for Node; returns its path. */
export async function bundleWorkload(name: string): Promise<string> {
  const outfile = join(scratch, 'workloads', `${basename(name, '.ts')}.cjs`);
  await build({
    entryPoints: [join(benchDir, 'workloads', name)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
    // Peers resolve from scripts/bench/node_modules first, then the root's.
    nodePaths: [join(benchDir, 'node_modules'), join(root, 'node_modules')],
  });
  return outfile;
}

export interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly wallMs: number;
  readonly timedOut: boolean;
}

/** Runs a command, collecting output; kills it (and only it) after `timeoutMs`. */
export function run(command: string, args: readonly string[], opts: { cwd?: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: opts.cwd ?? root, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, wallMs: performance.now() - started, timedOut });
    });
  });
}

/** Runs a bundled workload with `node` and returns the JSON it prints as its last stdout line. */
export async function runWorkload<T>(file: string, args: readonly string[], opts: { nodeFlags?: readonly string[]; timeoutMs: number }): Promise<T> {
  const result = await run(process.execPath, [...(opts.nodeFlags ?? []), file, ...args], { timeoutMs: opts.timeoutMs });
  if (result.timedOut) throw new Error(`${basename(file)} ${args.join(' ')} timed out after ${opts.timeoutMs} ms`);
  if (result.code !== 0) throw new Error(`${basename(file)} ${args.join(' ')} exited ${result.code}: ${result.stderr.trim().slice(-2000)}`);
  const last = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as T;
}

export interface Measured {
  readonly wallMs: number;
  /** Peak resident set of the process tree's largest member, from /usr/bin/time (bytes). */
  readonly maxRssBytes: number | undefined;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Wall time and peak memory of a command. GNU time reports the children's getrusage maxRSS,
 * which covers a CLI that re-spawns node (tsx does); without /usr/bin/time, memory is n/a.
 */
export async function measureCommand(command: string, args: readonly string[], opts: { cwd?: string; timeoutMs: number }): Promise<Measured> {
  const timeBin = '/usr/bin/time';
  const report = join(scratch, `time-${process.pid}-${Date.now()}.txt`);
  await mkdir(scratch, { recursive: true });
  const useTime = existsSync(timeBin);
  const result = useTime
    ? await run(timeBin, ['-f', '%M', '-o', report, command, ...args], opts)
    : await run(command, args, opts);
  let maxRssBytes: number | undefined;
  if (useTime && existsSync(report)) {
    const kb = Number.parseInt((await readFile(report, 'utf8')).trim().split('\n').pop() ?? '', 10);
    if (Number.isFinite(kb)) maxRssBytes = kb * 1024;
    await rm(report, { force: true });
  }
  const ok = !result.timedOut && result.code === 0;
  const detail = result.timedOut ? `timed out after ${opts.timeoutMs / 1000} s` : ok ? '' : `exit ${result.code}: ${(result.stderr || result.stdout).trim().slice(-600)}`;
  return { wallMs: result.wallMs, maxRssBytes, ok, detail };
}
