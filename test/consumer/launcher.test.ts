/**
 * `npm run generate` runs the compiled bin (scripts/generate.mjs): it is rebuilt exactly when
 * missing or older than a source, and, run from this checkout, it still writes SDKs that import
 * `src/` relatively (the bin finds the checkout two folders above dist/cli/).
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { CLI_PATH, cliStaleReason } from '../../scripts/build/cli.mjs';
import { cleanScratch, root, scratchPath } from '../helpers/paths.js';

test('the bin is stale when missing or older than any source, fresh otherwise', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tether-launcher-'));
  try {
    for (const d of ['scripts/cli', 'scripts/codegen/validators', 'scripts/diff', 'scripts/build', 'dist/cli']) await mkdir(join(dir, d), { recursive: true });
    const files = ['scripts/cli/main.ts', 'scripts/codegen/validators/index.ts', 'scripts/diff/run.ts', 'scripts/build/cli.mjs'];
    const old = new Date(Date.now() - 60_000);
    for (const f of files) {
      await writeFile(join(dir, f), '');
      await utimes(join(dir, f), old, old);
    }
    assert.match(cliStaleReason(dir) ?? '', /missing/);
    await writeFile(join(dir, CLI_PATH), '');
    assert.is(cliStaleReason(dir), undefined);
    for (const f of files) {
      const now = new Date();
      await utimes(join(dir, f), now, now);
      assert.ok(cliStaleReason(dir)?.includes(f), f);
      await utimes(join(dir, f), old, old);
    }
    // A new install (npm ci rewrites node_modules/.package-lock.json) rebuilds too.
    await mkdir(join(dir, 'node_modules'));
    await writeFile(join(dir, 'node_modules', '.package-lock.json'), '{}');
    assert.match(cliStaleReason(dir) ?? '', /node_modules/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('npm run generate -- --spec … --out … (the compiled bin) imports src/ relatively inside the checkout', async () => {
  // Under the run's scratch root (inside the checkout, as the case needs), which the runner
  // removes even if this worker is killed before the finally below.
  const out = scratchPath(`launcher-${process.pid}`);
  const relativeOut = relative(root, out).split(sep).join('/');
  try {
    const run = spawnSync(process.execPath, [join(root, 'scripts', 'generate.mjs'), '--spec', 'openapi/v1/openapi.yaml', '--out', relativeOut], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: '1' } });
    assert.is(run.status, 0, run.stderr);
    assert.ok(cliStaleReason(root) === undefined, 'the launcher left a fresh bin');
    const index = await readFile(join(out, 'index.ts'), 'utf8');
    assert.ok(index.includes(`run \`npm run generate -- --spec openapi/v1/openapi.yaml --out ${relativeOut}\``), index.slice(0, 300));
    const src = relative(out, join(root, 'src')).split(sep).join('/'); // ../../../src from .tmp/run-<pid>/launcher-<pid>
    assert.ok(index.includes(`from "${src}/runtime.js"`), index.slice(0, 600));
    assert.ok((await readFile(join(out, 'validators.js'), 'utf8')).includes(`from "${src}/valibot.js"`));
  } finally {
    await rm(out, { recursive: true, force: true });
    await cleanScratch();
  }
});

test.run();
