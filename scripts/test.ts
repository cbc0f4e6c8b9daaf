/**
 * `npm test`: type-checks everything (src, generated, scripts, tests, and the type tests in
 * test/types/ that prove wrong calls do not compile), then runs every uvu suite.
 * `npm test -- <pattern>` runs only the suites whose path matches.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const pattern = process.argv[2];

function step(title: string, command: string, args: string[]): { status: number; output: string } {
  process.stdout.write(`\n▶ ${title}\n`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 });
  process.stdout.write(result.stdout ?? '');
  process.stdout.write(`  (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return { status: result.status ?? 1, output: result.stdout ?? '' };
}

let failed = false;
if (!pattern) {
  const tsc = step('type-check (tsc --noEmit, strict)', process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit']);
  if (tsc.status !== 0) failed = true;
}
const uvu = step('tests (uvu)', process.execPath, [
  '--import',
  'tsx',
  resolve(root, 'node_modules/uvu/bin.js'),
  'test',
  pattern ? `${pattern}.*\\.test\\.ts$` : '\\.test\\.ts$',
]);
// uvu prints colours around its totals; strip them before reading the counts.
const plain = uvu.output.replace(/\u001b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
if (uvu.status !== 0 || total === 0) failed = true;
process.stdout.write(`\ntests: ${passed} passed, ${total - passed} failed\n`);
process.exitCode = failed ? 1 : 0;
