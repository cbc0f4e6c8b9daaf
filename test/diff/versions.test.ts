/**
 * openapi/v1 → openapi/v2: every change v2 was written to make is reported, classified as
 * intended, and nothing else is (no spurious findings from the moved `$ref`s). Also the command
 * itself: formats and exit codes, in-process and as `npm run diff` in a child process.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSpecs } from '../../scripts/diff/diff.js';
import { loadSide } from '../../scripts/diff/load.js';
import { runDiff } from '../../scripts/diff/main.js';
import type { DiffReport } from '../../scripts/diff/model.js';
import { root } from '../helpers/paths.js';
import { lines } from './helpers.js';

const INTENDED = [
  // Breaking
  'field-renamed breaking User: response field avatarUrl renamed to pictureUrl',
  'operation-removed breaking sdk.users.batchGetUsers',
  'parameter-required breaking sdk.orders.deleteOrder: header parameter If-Match became required',
  'enum-narrowed breaking UpdateOrderRequest.status',
  'type-changed breaking SyncResponse.serverTime: response type changed (string → integer)',
  'server breaking server: server https://api.shop.example.com/v1 removed',
  // Additive
  'field-added ok User: response field locale added (optional)',
  'field-added ok Order: response field estimatedDelivery added (optional)',
  'field-added ok CreateOrderRequest: request field couponCode added (optional)',
  'operation-added ok sdk.orders.cancelOrder',
  'enum-widened ok sdk.orders.listOrders query parameter fields[]',
  'status-code ok sdk.orders.deleteOrder: response 428 added',
  'operation-deprecated ok sdk.users.getUser',
  'server ok server: server https://api.shop.example.com/v2 added',
];

let report: DiffReport;

test.before(async () => {
  report = diffSpecs(await loadSide('v1', root), await loadSide('v2', root));
});

test('v1 → v2 reports every intended change and nothing else', () => {
  const got = lines(report);
  for (const want of INTENDED) assert.ok(got.some((g) => g.startsWith(want)), `missing: ${want}\n${got.join('\n')}`);
  assert.is(got.length, INTENDED.length, got.join('\n'));
  assert.is(report.breaking, 6);
});

test('changes name the SDK methods they affect and both pointers', () => {
  const renamed = report.changes.find((c) => c.rule === 'field-renamed');
  assert.equal(renamed?.operations, ['sdk.users.getMe', 'sdk.users.getUser']);
  assert.is(renamed?.oldPointer, '#/components/schemas/User/properties/avatarUrl');
  assert.is(renamed?.newPointer, '#/components/schemas/User/properties/pictureUrl');
  const narrowed = report.changes.find((c) => c.rule === 'enum-narrowed');
  assert.equal(narrowed?.operations, ['sdk.orders.updateOrder']);
  assert.is(narrowed?.oldPointer, '#/components/schemas/OrderStatus');
  assert.is(narrowed?.newPointer, '#/components/schemas/UpdateOrderRequest/properties/status');
});

test('v2 → v1 flips the direction: the rename and the narrowing are reported back', async () => {
  const back = diffSpecs(await loadSide('v2', root), await loadSide('v1', root));
  const got = lines(back);
  assert.ok(got.some((g) => g.startsWith('field-renamed breaking User: response field pictureUrl renamed to avatarUrl')), got.join('\n'));
  assert.ok(got.some((g) => g.startsWith('enum-widened ok OrderStatus: request enum widened')), got.join('\n'));
  assert.ok(got.some((g) => g.startsWith('operation-removed breaking sdk.orders.cancelOrder')), got.join('\n'));
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd: root, env: {} } };
}

test('exit codes: 1 when breaking, 0 when not, 2 on bad input with one error line and no stack', async () => {
  const a = io();
  assert.is(await runDiff(['v1', 'v2'], a.io), 1);
  assert.match(a.out.join('\n'), /^openapi\/v1\/openapi\.yaml → openapi\/v2\/openapi\.yaml: 6 breaking/);
  const same = io();
  assert.is(await runDiff(['v1', 'openapi/v1/openapi.yaml'], same.io), 0);
  assert.match(same.out.join('\n'), /0 breaking, 0 non-breaking/);
  const missing = io();
  assert.is(await runDiff(['v1', 'v9'], missing.io), 2);
  assert.equal(missing.err, ['error: v9: no such spec file, and no version openapi/v9/ (versions: v1, v2)']);
  const usage = io();
  assert.is(await runDiff(['v1'], usage.io), 2);
  assert.match(usage.err[0] ?? '', /^error: diff needs exactly two specs/);
  const format = io();
  assert.is(await runDiff(['v1', 'v2', '--format', 'xml'], format.io), 2);
  assert.match(format.err[0] ?? '', /--format must be one of text, json, markdown/);
});

test('a broken spec file is exit 2 naming the file and the place', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tether-diff-'));
  try {
    const bad = join(dir, 'bad.json');
    await writeFile(bad, '{ "openapi": "3.1.0", "info": { "title": "x", "version": "1" }, "paths": { "/a": { "get": { "responses": { "200": { "$ref": "#/nope" } } } } } }');
    const r = io();
    assert.is(await runDiff(['v1', bad], r.io), 2);
    assert.is(r.err.length, 1, r.err.join('\n'));
    assert.match(r.err[0] ?? '', /^error: .*bad\.json#\/paths/);
    assert.not.match(r.err.join('\n'), /\n\s+at /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('--format json and markdown carry the same changes', async () => {
  const json = io();
  await runDiff(['v1', 'v2', '--format', 'json'], json.io);
  const parsed = JSON.parse(json.out.join('\n')) as DiffReport;
  assert.is(parsed.changes.length, report.changes.length);
  assert.is(parsed.breaking, 6);
  const md = io();
  await runDiff(['v1', 'v2', '--format=markdown'], md.io);
  const text = md.out.join('\n');
  assert.match(text, /^### :warning: API changes break the SDK/);
  assert.is(text.split('\n').filter((l) => l.startsWith('| `')).length, report.changes.length);
});

test('npm run diff exits 1 for v1 → v2 in a child process (the CI gate)', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/diff/run.ts'), 'v1', 'v2', '--format', 'json'], { cwd: root, encoding: 'utf8' });
  assert.is(r.status, 1, r.stderr);
  assert.is((JSON.parse(r.stdout) as DiffReport).breaking, 6);
});

test.run();
