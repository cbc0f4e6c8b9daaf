/**
 * `tether diff <old> <new>` as an app meets it: in-process through runCli (exit codes 1 / 0 / 2,
 * formats, versions under the app's openapi/ or spec files, usage errors), and the compiled bin
 * (dist/cli/tether.mjs, self-contained) laid out as an installed package outside the checkout
 * and run by `node` in a child process.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCli } from '../../scripts/build/cli.mjs';
import { runCli } from '../../scripts/cli/cli.js';
import type { Io } from '../../scripts/cli/io.js';
import { root } from '../helpers/paths.js';

interface Captured extends Io {
  out: string[];
  err: string[];
}

const capture = (cwd: string): Captured => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, cwd, env: { CI: '1' }, stdout: (l) => out.push(l), stderr: (l) => err.push(l) };
};

// Building the bin may take a while on a loaded 2-core machine.
const test = suite('tether diff', {}, { timeoutMs: 120_000 });

let app: string;
test.before(async () => {
  // An app of its own, outside the checkout, with two pinned versions and a loose spec file.
  app = await mkdtemp(join(tmpdir(), 'tether-diff-'));
  await writeFile(join(app, 'package.json'), '{ "name": "app", "private": true }\n');
  for (const v of ['v1', 'v2']) {
    await mkdir(join(app, 'openapi', v), { recursive: true });
    await copyFile(join(root, 'openapi', v, 'openapi.yaml'), join(app, 'openapi', v, 'openapi.yaml'));
  }
  await copyFile(join(root, 'test', 'fixtures', 'specs', 'galaxy-0.2.20.json'), join(app, 'galaxy.json'));
});
test.after(async () => {
  // Unset when mkdtemp itself failed: nothing to remove, and no second error to hide the first.
  if (app) await rm(app, { recursive: true, force: true });
});

test('tether diff v1 v2: exit 1, the breaking changes in SDK terms with both pointers', async () => {
  const io = capture(app);
  assert.is(await runCli(['diff', 'v1', 'v2'], io), 1, io.err.join('\n'));
  const text = io.out.join('\n');
  assert.match(text, /^openapi\/v1\/openapi\.yaml → openapi\/v2\/openapi\.yaml: \d+ breaking/);
  assert.match(text, /- User: response field avatarUrl renamed to pictureUrl \[sdk\.users\.getMe/);
  assert.match(text, /old #\/components\/schemas\/User\/properties\/avatarUrl {2}new #\/components\/schemas\/User\/properties\/pictureUrl/);
  assert.match(text, /- sdk\.users\.batchGetUsers: removed/);
  assert.equal(io.err, []);
});

test('a spec against itself: exit 0; json and markdown formats', async () => {
  const same = capture(app);
  assert.is(await runCli(['diff', 'galaxy.json', 'galaxy.json'], same), 0, same.err.join('\n'));
  assert.match(same.out.join('\n'), /0 breaking, 0 non-breaking changes/);

  const json = capture(app);
  assert.is(await runCli(['diff', 'v1', 'openapi/v2/openapi.yaml', '--format', 'json'], json), 1);
  const report = JSON.parse(json.out.join('\n')) as { breaking: number; changes: Array<{ rule: string; breaking: boolean }> };
  assert.ok(report.breaking > 0);
  assert.ok(report.changes.some((c) => c.rule === 'operation-removed' && c.breaking));

  const md = capture(app);
  assert.is(await runCli(['diff', 'v1', 'v2', '--format=markdown'], md), 1);
  assert.match(md.out.join('\n'), /^### :warning: API changes break the SDK/);
  assert.match(md.out.join('\n'), /\| `User` \| response field avatarUrl renamed to pictureUrl \|/);
});

test('bad input: exit 2 and one error line (plus the usage line for usage errors)', async () => {
  const missing = capture(app);
  assert.is(await runCli(['diff', 'v1', 'v9'], missing), 2);
  assert.is(missing.err.length, 1, missing.err.join('\n'));
  assert.match(missing.err[0]!, /^error: v9: no such spec file, and no version openapi\/v9\/ \(versions: v1, v2\)/);

  await writeFile(join(app, 'broken.yaml'), 'openapi: 3.1.0\ninfo: [not, an, object]\npaths: {}\n');
  const broken = capture(app);
  assert.is(await runCli(['diff', 'v1', 'broken.yaml'], broken), 2);
  assert.match(broken.err[0] ?? '', /^error: .*broken\.yaml/);

  for (const argv of [['diff', 'v1'], ['diff', 'v1', 'v2', '--format', 'html'], ['diff', 'v1', 'v2', '--color']]) {
    const io = capture(app);
    assert.is(await runCli(argv, io), 2, argv.join(' '));
    assert.is(io.err.length, 2, io.err.join('\n'));
    assert.match(io.err[1]!, /^usage: tether diff <old> <new>/);
  }
});

test('help and the main usage line name the diff command', async () => {
  const help = capture(app);
  assert.is(await runCli(['--help'], help), 0);
  assert.match(help.out.join('\n'), /usage: tether diff <old> <new> \[--format text\|json\|markdown\]/);
  const none = capture(app);
  assert.is(await runCli([], none), 1);
  assert.match(none.err.join('\n'), /tether diff <old> <new>/);
});

test('the compiled bin, installed as a package outside the checkout, runs diff', async () => {
  const bin = await ensureCli(root);
  // The published package's layout: package.json at the root, the self-contained bin in dist/cli/.
  const pkg = join(app, 'node_modules', '@tether', 'sdk');
  await mkdir(join(pkg, 'dist'), { recursive: true });
  await cp(join(bin, '..'), join(pkg, 'dist', 'cli'), { recursive: true });
  await copyFile(join(root, 'package.json'), join(pkg, 'package.json'));
  const run = (...args: string[]) => spawnSync(process.execPath, [join(pkg, 'dist', 'cli', 'tether.mjs'), 'diff', ...args], { cwd: app, encoding: 'utf8', env: { ...process.env, CI: '1' } });

  const breaking = run('v1', 'v2', '--format', 'json');
  assert.is(breaking.status, 1, breaking.stderr);
  assert.ok((JSON.parse(breaking.stdout) as { breaking: number }).breaking > 0);
  const clean = run('galaxy.json', 'galaxy.json');
  assert.is(clean.status, 0, clean.stderr);
  const bad = run('v1', 'nope.yaml');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /^error: nope\.yaml: /);
  assert.not.match(bad.stderr, /\n\s+at /, 'no stack trace without --debug');
});

test.run();
