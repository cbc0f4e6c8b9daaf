import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { applyIdempotencyKey } from '../../src/service/idempotency.js';
import { uuidV4 } from '../../src/platform/uuid.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const declared = { idempotencyKeyHeader: 'Idempotency-Key' };

test('uuidV4 sets the version and variant bits from the CSPRNG bytes', () => {
  const allOnes = { getRandomValues: <T extends Uint8Array>(a: T) => (a.fill(0xff), a) };
  assert.is(uuidV4(allOnes), 'ffffffff-ffff-4fff-bfff-ffffffffffff');
  const zeros = { getRandomValues: <T extends Uint8Array>(a: T) => a };
  assert.is(uuidV4(zeros), '00000000-0000-4000-8000-000000000000');
});

test('uuidV4 from the platform crypto is well-formed and unique', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = uuidV4();
    assert.match(id, UUID_V4);
    seen.add(id);
  }
  assert.is(seen.size, 1000);
});

test('uuidV4 from getRandomValues alone (no randomUUID, e.g. a React Native polyfill) draws batches and stays unique', () => {
  let calls = 0;
  const source = { getRandomValues: <T extends Uint8Array>(a: T) => (calls++, globalThis.crypto.getRandomValues(a)) };
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) {
    const id = uuidV4(source);
    assert.match(id, UUID_V4);
    seen.add(id);
  }
  assert.is(seen.size, 1000);
  assert.ok(calls < 100, `one native call per batch, not per id (${calls})`);
});

test('uuidV4 refuses to fall back to Math.random', () => {
  assert.throws(() => uuidV4({} as never), /getRandomValues is unavailable/);
});

test('generates a key when the operation declares the header and nobody set it', () => {
  const out = applyIdempotencyKey(declared, { body: 1 }, undefined, () => 'gen');
  assert.equal(out, { body: 1, params: undefined, headers: { 'Idempotency-Key': 'gen' } });
});

test('keeps a key the caller put in params.header or headers', () => {
  const inParams = { params: { header: { 'idempotency-key': 'mine' } } };
  assert.is(applyIdempotencyKey(declared, inParams, undefined, () => 'gen'), inParams);
  const inHeaders = { headers: { 'IDEMPOTENCY-KEY': 'mine' } };
  assert.is(applyIdempotencyKey(declared, inHeaders, undefined, () => 'gen'), inHeaders);
});

test('options.idempotencyKey wins over headers the caller also set', () => {
  const init = { params: { path: { id: 1 }, header: { 'Idempotency-Key': 'old', 'X-Other': 'y' } }, headers: { 'idempotency-key': 'older' } };
  const out = applyIdempotencyKey(declared, init, 'chosen', () => 'gen');
  assert.equal(out.params, { path: { id: 1 }, header: { 'X-Other': 'y' } });
  assert.equal(out.headers, { 'Idempotency-Key': 'chosen' });
  assert.equal(init.params.header, { 'Idempotency-Key': 'old', 'X-Other': 'y' }, 'caller objects untouched');
});

test('no declared header: nothing unless the caller asks, then the standard name', () => {
  const none = { idempotencyKeyHeader: undefined };
  const init = { body: 1 };
  assert.is(applyIdempotencyKey(none, init, undefined, () => 'gen'), init);
  assert.equal(applyIdempotencyKey<{ body?: unknown; headers?: Record<string, string> }>(none, init, 'k').headers, { 'Idempotency-Key': 'k' });
});

test("idempotency 'always' keys every POST and PATCH, and nothing else", () => {
  type Init = { body?: unknown; headers?: Record<string, string> };
  const post = { idempotencyKeyHeader: undefined, method: 'post' as const };
  assert.equal(applyIdempotencyKey<Init>(post, { body: 1 }, undefined, () => 'gen', 'always').headers, { 'Idempotency-Key': 'gen' });
  assert.equal(applyIdempotencyKey<Init>({ ...post, method: 'patch' }, { body: 1 }, undefined, () => 'gen', 'always').headers, {
    'Idempotency-Key': 'gen',
  });
  const get: Init = { headers: {} };
  assert.is(applyIdempotencyKey<Init>({ ...post, method: 'get' }, get, undefined, () => 'gen', 'always'), get);
  assert.is(applyIdempotencyKey<Init>({ ...post, method: 'put' }, get, undefined, () => 'gen', 'always'), get);
  const auto: Init = { body: 1 };
  assert.is(applyIdempotencyKey<Init>(post, auto, undefined, () => 'gen', 'auto'), auto, "'auto' leaves undeclared POSTs alone");
  // A declared header keeps its own name; a caller's key still wins.
  assert.equal(applyIdempotencyKey<Init>({ idempotencyKeyHeader: 'X-Key', method: 'post' }, { body: 1 }, 'mine', () => 'gen', 'always').headers, { 'X-Key': 'mine' });
});

test.run();
