/**
 * The Hermes gate (issue 15): the React Native bundle — an RN app entry over the v1 SDK, bundled
 * with the published neutral build's settings (rn-bundle.ts) — compiles with hermesc, the
 * compiler React Native itself uses (the `hermes-compiler` package), and holds no Node
 * built-in. A hermesc error fails the test with hermesc's own diagnostics. A control bundle
 * built at plain ES2020 (async generators left in) shows the gate does catch what Hermes refuses.
 */
import { execFile } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import * as assert from 'uvu/assert';
import { cleanScratch } from '../helpers/paths.js';
import { suite } from '../helpers/timed-suite.js';
import { HERMESC, PUBLISHED_ENTRY, bundleRnApp, type RnBundle } from './rn-bundle.js';

const test = suite('Hermes gate', undefined, { timeoutMs: 60_000 });

const SCRATCH = 'rn-gate';
test.after(() => cleanScratch(SCRATCH));

/** The RN app bundle, built once for the tests that read it. */
let appBundle: Promise<RnBundle> | undefined;
const app = (): Promise<RnBundle> => (appBundle ??= bundleRnApp({ scratchName: SCRATCH }));

interface Compiled {
  readonly code: number;
  /** hermesc's `error:` diagnostics, each with its source line. */
  readonly errors: readonly string[];
}

/** Compiles `file` to Hermes bytecode; resolves with the exit code and the errors hermesc printed. */
function hermesc(file: string): Promise<Compiled> {
  return new Promise((resolve, reject) => {
    execFile(HERMESC, ['-emit-binary', '-out', `${file}.hbc`, file], { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error); // not started at all
      const lines = stderr.split('\n');
      const errors = lines.flatMap((line, i) => (/: error: /.test(line) ? [`${line.trim()}\n    ${(lines[i + 1] ?? '').trim().slice(0, 160)}`] : []));
      resolve({ code: error ? Number(error.code) : 0, errors });
    });
  });
}

test('hermesc is installed (node_modules/hermes-compiler)', async () => {
  await access(HERMESC, constants.X_OK);
});

test('the RN app bundle compiles with hermesc: no syntax Hermes lacks', async () => {
  const bundle = await app();
  const compiled = await hermesc(bundle.file);
  assert.equal(compiled.errors, [], `hermesc rejected the RN bundle:\n${compiled.errors.join('\n')}`);
  assert.is(compiled.code, 0, 'hermesc exit code');
  await access(`${bundle.file}.hbc`);
});

test('everything the neutral build publishes (runtime, review, v1, v2; every export kept) compiles with hermesc, no Node built-in', async () => {
  const bundle = await bundleRnApp({ source: PUBLISHED_ENTRY, name: 'published', scratchName: SCRATCH });
  assert.equal(bundle.builtins, [], 'no module imports a Node built-in');
  const found = nodeOnlyCode(bundle.text);
  assert.equal(found, [], `Node-only code in the published code:\n${found.join('\n')}`);
  const compiled = await hermesc(bundle.file);
  assert.equal(compiled.errors, [], `hermesc rejected the published code:\n${compiled.errors.join('\n')}`);
  assert.is(compiled.code, 0, 'hermesc exit code');
});

/**
 * Node-only code in bundled text, each with its surroundings. (`global` is not looked for: React
 * Native defines it, and the review names a local array so.)
 */
function nodeOnlyCode(text: string): string[] {
  return [/\brequire\s*\(/, /(?<![\w$.])process\s*\./, /(?<![\w$.])Buffer\b/, /["']node:[a-z_/]+["']/, /(?<![\w$.])__(dirname|filename)\b/].flatMap((pattern) => {
    const match = pattern.exec(text);
    return match ? [`${pattern}: …${text.slice(Math.max(0, match.index - 60), match.index + 60)}…`] : [];
  });
}

test('the RN app bundle holds no Node built-in: no node: import, require(), process.*, Buffer', async () => {
  const { text, builtins } = await app();
  assert.equal(builtins, [], 'no module imports a Node built-in');
  const found = nodeOnlyCode(text);
  assert.equal(found, [], `Node-only code in the RN bundle:\n${found.join('\n')}`);
});

test('control: at plain ES2020 (async generators kept) hermesc refuses the bundle, so the gate can fail', async () => {
  const bundle = await bundleRnApp({ syntax: { target: 'es2020' }, name: 'plain-es2020', scratchName: SCRATCH });
  const compiled = await hermesc(bundle.file);
  assert.is.not(compiled.code, 0);
  assert.ok(compiled.errors.some((e) => e.includes('async generators are unsupported')), compiled.errors.join('\n'));
});

test.run();
