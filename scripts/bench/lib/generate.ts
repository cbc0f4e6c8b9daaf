/**
 * Runs Tether's generator exactly as `npm run generate -- --spec … --out …` would (the
 * `generate` script of package.json, read at run time, minus npm's own start-up), so the bench
 * follows whatever the script becomes (e.g. a compiled CLI instead of tsx). The GitHub SDK is
 * generated once per run, timed, and reused by the bundle and tsc sections.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { ensureCli } from '../../build/cli.mjs';
import { measureCommand, type Measured } from './child.js';
import { githubSpec, root, scratch } from './paths.js';

export const githubSdkDir = join(scratch, 'github-sdk');

export function generateScript(): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const script = pkg.scripts?.generate;
  if (!script) throw new Error('package.json has no "generate" script');
  return script;
}

/** `sh -c '<generate script> --spec <spec> --out <out>'` with node_modules/.bin on PATH, as npm sets it. */
export async function runGenerator(spec: string, out: string, timeoutMs: number, extra: readonly string[] = []): Promise<Measured> {
  await rm(out, { recursive: true, force: true });
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [generateScript(), '--spec', quote(spec), '--out', quote(out), ...extra.map(quote)].join(' ');
  process.env.PATH = [join(root, 'node_modules', '.bin'), process.env.PATH ?? ''].join(delimiter);
  return measureCommand('sh', ['-c', command], { cwd: root, timeoutMs });
}

let github: Promise<Measured> | undefined;

/**
 * Generates test/fixtures/specs/github.json into .tmp/bench/github-sdk once per run. A missing or
 * stale compiled CLI (which `npm run generate` builds on first use) is built first, untimed.
 */
export function generateGithubSdk(): Promise<Measured> {
  github ??= ensureCli(root).then(() => runGenerator(githubSpec, githubSdkDir, 240_000)).then((m) => {
    if (!m.ok) throw new Error(`generating the GitHub SDK failed: ${m.detail}`);
    return m;
  });
  return github;
}
