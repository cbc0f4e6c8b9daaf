/**
 * The `tether` command as a user meets it, run in-process through runCli with captured output:
 * one `error:` line and exit 1 for every failure (usage line for bad flags), the header's command
 * and paths sanitised (a newline in a spec's file name must not become code), check naming the
 * file that drifted.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
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

let dir: string;
test.before(async () => {
  // Outside the checkout, where the CLI must behave as in an app (package imports, npx command).
  dir = await mkdtemp(join(tmpdir(), 'tether-cli-'));
  // A folder of its own with a package.json, as an app would be; the spec's name carries a newline.
  await writeFile(join(dir, 'package.json'), '{ "name": "app", "private": true }\n');
  await mkdir(join(dir, 'specs'));
  await copyFile(join(root, 'openapi', 'v1', 'openapi.yaml'), join(dir, 'specs', 'shop\nprocess.exit(1);.yaml'));
});
test.after(async () => {
  // Unset when mkdtemp itself failed: nothing to remove, and no second error to hide the first.
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('a newline in the spec file name stays inside the header comment of every file', async () => {
  const io = capture(dir);
  const code = await runCli(['generate', '--spec', 'specs/shop\nprocess.exit(1);.yaml', '--out', '.tmp-out/api'], io);
  assert.is(code, 0, io.err.join('\n'));
  const outDir = join(dir, '.tmp-out', 'api');
  for (const file of await readdir(outDir)) {
    const text = await readFile(join(outDir, file), 'utf8');
    const head = text.slice(0, text.indexOf('\n\n'));
    assert.is(head.split('\n').length, 2, `${file}: the header is two lines`);
    // What TypeScript sees in the header: comments only, no statement.
    assert.is(ts.createSourceFile(file, head, ts.ScriptTarget.Latest).statements.length, 0, `${file}: ${head}`);
    assert.ok(head.includes('shop\\u{a}process.exit(1);.yaml'), head);
  }
  assert.ok(io.out.every((l) => !l.includes('\n')), 'progress lines are one line each');
});

test('the header names the command that regenerates that folder, relative to the app root; check passes', async () => {
  const io = capture(join(dir, 'specs'));
  assert.is(await runCli(['generate', '--spec', 'shop\nprocess.exit(1);.yaml', '--out', '../src/api', '--runtime', '#runtime'], io), 0, io.err.join('\n'));
  const index = await readFile(join(dir, 'src', 'api', 'index.ts'), 'utf8');
  assert.ok(index.includes("run `npx tether generate --spec 'specs/shop\\u{a}process.exit(1);.yaml' --out src/api --runtime '#runtime'`"), index.slice(0, 400));
  assert.match(index, /from "#runtime"/);
  assert.match(await readFile(join(dir, 'src', 'api', 'validators.js'), 'utf8'), /from "@tether\/sdk\/valibot"/);
  const check = capture(join(dir, 'specs'));
  assert.is(await runCli(['check', '--spec', 'shop\nprocess.exit(1);.yaml', '--out', '../src/api', '--runtime', '#runtime'], check), 0, check.err.join('\n'));
  const wrong = capture(join(dir, 'specs'));
  assert.is(await runCli(['check', '--spec', 'shop\nprocess.exit(1);.yaml', '--out', '../src/api'], wrong), 1, 'a different runtime is a difference');
  assert.ok(wrong.err.length > 0 && wrong.err.every((l) => /^error: \.\.\/src\/api\/[\w.]+\.(ts|js): differs/.test(l)), wrong.err.join('\n'));
});

test('failures are one error line and exit 1; usage errors add the usage line', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['generate', '--spec', 'missing.yaml', '--out', 'x'], /^error: \S*missing\.yaml\S*: .*(no such file|ENOENT)/],
    [['generate', '--spec', 'a.yaml', '--bogus'], /^error: Unknown option '--bogus'/],
    [['generate', '--spec', 'a.yaml'], /^error: missing --out <dir>$/],
    [['frobnicate'], /^error: unknown command "frobnicate"$/],
    [[], /^error: no command given$/],
  ];
  for (const [argv, want] of cases) {
    const io = capture(dir);
    assert.is(await runCli(argv, io), 1, argv.join(' '));
    assert.match(io.err[0] ?? '', want, io.err.join('\n'));
    assert.ok(io.err.every((l) => !l.includes('    at ')), 'no stack trace without --debug');
  }
  const usage = capture(dir);
  await runCli(['check', '--out', 'x'], usage);
  assert.equal(usage.err, ['error: missing --spec <file>', 'usage: tether check --spec <file> --out <dir> [--runtime <specifier>] [--valibot <specifier>] [--debug]']);
});

test('a spec the generator refuses is one located line; --debug adds the stack', async () => {
  await writeFile(join(dir, 'bad.yaml'), 'openapi: 3.1.0\ninfo: {title: x, version: "1"}\npaths:\n  /a: {get: {responses: {"200": {$ref: "#/components/responses/Nope"}}}}\n');
  const io = capture(dir);
  assert.is(await runCli(['generate', '--spec', 'bad.yaml', '--out', 'bad-out'], io), 1);
  assert.is(io.err.length, 1, io.err.join('\n'));
  assert.match(io.err[0] ?? '', /^error: \S*bad\.yaml#\/paths\/~1a\/get\/responses\/200\S*: /);
  const debug = capture(dir);
  await runCli(['generate', '--spec', 'bad.yaml', '--out', 'bad-out', '--debug'], debug);
  assert.ok(debug.err.length > 1 && debug.err.slice(1).join('\n').includes('SpecError'), debug.err.join('\n'));
});

test('--help and --version', async () => {
  const help = capture(dir);
  assert.is(await runCli(['--help'], help), 0);
  assert.match(help.out.join('\n'), /tether generate --spec <file> --out <dir>/);
  const version = capture(dir);
  assert.is(await runCli(['--version'], version), 0);
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string };
  assert.equal(version.out, [manifest.version]);
});

test.run();
