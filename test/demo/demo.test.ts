/**
 * `npm run demo` as a new user runs it: a child process (the script's own tsx entry), plain
 * output (NO_COLOR), every step's checked claim ticked and exit 0. The demo checks its own
 * claims against the server's ledger and request log, so a regression in any layer it walks
 * through fails here naming the claim.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers/paths.js';

const demo = suite('npm run demo', {}, { timeoutMs: 90_000 });

demo('walks through every step and exits 0 with plain text when colour is off', async () => {
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [join(root, 'scripts', 'demo', 'run.ts')], { cwd: root, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  assert.is(code, 0, out);
  for (let i = 1; i <= 9; i++) assert.ok(out.includes(`[${i}/9]`), `step ${i} missing:\n${out}`);
  assert.not.ok(out.includes('✗'), out);
  assert.ok((out.match(/✓/g) ?? []).length >= 8, out);
  assert.not.match(out, /\u001b\[/, 'NO_COLOR output has no escape codes');
  assert.ok(out.includes('Done in'), out);
});

demo.run();
