/** `npm run review`: formats, exit codes, errors; in-process through runReview, plus one real child process. */
import { spawnSync } from 'node:child_process';
import * as assert from 'uvu/assert';
import { root } from '../helpers/paths.js';
import { suite } from '../helpers/timed-suite.js';
import { runReview } from '../../scripts/review/run-review.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scratch } from '../helpers/paths.js';
import { errors, json, spec } from './fragment.js';

const test = suite('review CLI', {}, { timeoutMs: 60_000 });
const v1 = ['--spec', 'openapi/v1/openapi.yaml'];

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runReview(argv, { cwd: root, root, write: (s) => (out += s), error: (s) => (err += s) });
  return { code, out, err };
}

test('text: one block per service in the fixed format', async () => {
  const { code, out } = await run([...v1, '--options', '{"baseUrl":"https://x.example","auth":{"tokenStore":"secure"}}']);
  assert.is(code, 0);
  const blocks = out.split('MOBILE BACKEND INTEGRATION REVIEW:\n').slice(1);
  assert.equal(blocks.map((b) => /SERVICE: (\S+)/.exec(b)?.[1]), ['auth', 'users', 'orders', 'sync', 'events']);
  for (const block of blocks) {
    for (const heading of ['ARCHITECTURE:', 'RELIABILITY:', 'SECURITY:', 'ISSUES FOUND:', 'RECOMMENDATIONS:', 'RISK ASSESSMENT:']) assert.match(block, `\n${heading}\n`);
    assert.match(block, /- Production risk: (LOW|MEDIUM|HIGH)\n- User impact: (LOCAL|PARTIAL|SYSTEMIC)\n- Rollback complexity: (EASY|MODERATE|HARD)\n/);
  }
});

test('json: every finding with rule id, all operations and pointers', async () => {
  const { code, out } = await run([...v1, '--format', 'json']);
  assert.is(code, 0);
  const { reviews } = JSON.parse(out) as { reviews: Array<{ service: string; issues: Array<{ rule: string; operations: string[]; pointers: string[] }> }> };
  const orders = reviews.find((r) => r.service === 'orders')!;
  const idem = orders.issues.find((f) => f.rule === 'idempotency-key')!;
  assert.equal(idem.operations, ['sdk.orders.updateOrder']);
  assert.equal(idem.pointers, ['#/paths/~1orders~1{orderId}/patch']);
});

test('markdown: one section per service with the verdict table', async () => {
  const { code, out } = await run([...v1, '--format', 'markdown']);
  assert.is(code, 0);
  assert.match(out, /^# Mobile backend integration review\n/);
  assert.match(out, /## Service `orders`[\s\S]*\| Security \| Data in transit \| \*\*ENCRYPTED\*\* \|/);
});

test('exit codes: --fail-on HIGH is 1 when a service is HIGH, 0 when none is; usage and spec errors are 2', async () => {
  assert.is((await run([...v1, '--fail-on', 'HIGH'])).code, 1, 'v1 without options: token storage not assessed → HIGH');
  const dir = await scratch('review-cli');
  const clean = join(dir, 'clean.json');
  const thing = { type: 'object', properties: { id: { type: 'string' } } };
  await writeFile(clean, JSON.stringify(spec({ '/t': { get: { operationId: 'getThing', tags: ['things'], responses: { '200': json(thing, { ETag: { schema: { type: 'string' } } }), ...errors } } } })));
  assert.is((await run(['--spec', clean, '--options', 'test/fixtures/review/app-options.json', '--fail-on', 'HIGH'])).code, 0);
  assert.is((await run(['--spec', clean, '--options', '{"baseUrl":"https://x.example","validate":"off"}', '--fail-on', 'medium'])).code, 1);
  const usage = await run([...v1, '--format', 'yaml']);
  assert.is(usage.code, 2);
  assert.match(usage.err, /^error: --format must be/);
  assert.is((await run(['--bogus'])).code, 2);
  const missing = await run(['--spec', 'no/such/spec.yaml']);
  assert.is(missing.code, 2);
  assert.match(missing.err, /no\/such\/spec\.yaml#: cannot read the spec file/);
  const badOptions = await run([...v1, '--options', '{"auth":{"tokenStore":"keychain"}}']);
  assert.is(badOptions.code, 2);
  assert.match(badOptions.err, /auth\.tokenStore/);
});

test('npm run review with no --spec reviews every openapi/ version (a real child process)', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/review/main.ts', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.is(result.status, 0, result.stderr);
  const files = new Set((JSON.parse(result.stdout) as { reviews: Array<{ file: string }> }).reviews.map((r) => r.file));
  assert.ok(files.has('openapi/v1/openapi.yaml'), [...files].join(', '));
});

test.run();
