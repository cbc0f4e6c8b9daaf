/**
 * The peers are dev dependencies of the bench only (scripts/bench/package.json), installed on
 * demand: `npm ci --prefix scripts/bench` when node_modules is missing or older than the lock.
 * A stamp holding the lock's hash tells "stale" without trusting mtimes from a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, benchModules } from './paths.js';

export function ensureBenchDependencies(): void {
  const lock = readFileSync(join(benchDir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(benchModules, '.bench-lock-sha256');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.log('bench: installing peers (npm ci --prefix scripts/bench)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--prefix', benchDir, '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci --prefix scripts/bench failed');
  writeFileSync(stamp, hash);
}
