/**
 * Property tests: whatever operationIds and tags a spec holds (unicode, digits, reserved words,
 * `__proto__`, `then`, duplicates), every generated name is a valid, unique identifier that is
 * safe in the scope it lands in, every rename is warned, and a generated SDK compiles and has
 * no thenable service.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectOperations } from '../../scripts/codegen/collect-operations.js';
import { generate } from '../../scripts/codegen/generate.js';
import { isSafeBinding, isSafeMember } from '../../scripts/codegen/names.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { typecheckFolder } from '../helpers/tsc.js';

const HOSTILE = [
  'then', 'catch', 'finally', 'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  'call', 'apply', 'bind', 'name', 'length', 'caller', 'arguments', 'delete', 'class', 'await', 'let', 'yield',
  'enum', 'undefined', 'eval', 'require', 'exports', 'module', 'v', 'OperationMeta', 'meta', 'offline', 'Sdk',
  'Runtime', 'default', 'string', 'Promise', '2fa', '123', '', '   ', '---', '日本語', 'café', 'get-order',
  'getOrder', 'GET_ORDER', 'toString()', 'a.b', 'x y', '$', '_',
];
const nameArb = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: fc.constantFrom('a', 'B', '1', '_', '-', ' ', '$', '.', 'é', '/'), maxLength: 10 }),
);
const opArb = fc.record({ operationId: fc.option(nameArb, { nil: undefined }), tag: fc.option(nameArb, { nil: undefined }) });

function specOf(ops: ReadonlyArray<{ operationId: string | undefined; tag: string | undefined }>): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  ops.forEach((op, i) => {
    paths[`/p${i}`] = {
      get: {
        ...(op.operationId === undefined ? {} : { operationId: op.operationId }),
        ...(op.tag === undefined ? {} : { tags: [op.tag] }),
        responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
      },
    };
  });
  return { openapi: '3.1.0', info: { title: 'names', version: '1' }, paths };
}

test('property: every service key, method, export and type name is valid, unique and safe in its scope', () => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 25 }), (ops) => {
      const warnings: string[] = [];
      const { services, operations } = collectOperations(specOf(ops), { warn: (p, m) => warnings.push(`${p}: ${m}`) });
      const keys = services.map((s) => s.key);
      assert.ok(keys.every(isSafeMember), `service keys ${keys.join(', ')}`);
      assert.is(new Set(keys).size, keys.length);
      assert.ok(!keys.includes('offline'));
      const types = services.map((s) => s.typeName);
      assert.ok(types.every(isSafeBinding), `types ${types.join(', ')}`);
      assert.is(new Set(types).size, types.length);
      for (const service of services) {
        const methods = service.operations.map((o) => o.name);
        assert.ok(methods.every(isSafeMember), `methods ${methods.join(', ')}`);
        assert.is(new Set(methods).size, methods.length);
      }
      const exports = operations.map((o) => o.exportName);
      assert.ok(exports.every(isSafeBinding), `exports ${exports.join(', ')}`);
      assert.is(new Set(exports).size, exports.length);
      assert.ok(!exports.includes('v') && !exports.includes('OperationMeta'));
      // Any name that differs from what the operation gets alone (a collision) was warned, and so
      // was every name that differs from the plain camelCase (a hazard).
      const doc = specOf(ops);
      operations.forEach((op) => {
        const alone = { ...doc, paths: { [op.path]: (doc.paths as Record<string, unknown>)[op.path] } };
        const aloneWarnings: string[] = [];
        const single = collectOperations(alone, { warn: (p) => aloneWarnings.push(p) }).operations[0]!;
        if (single.name !== op.name) assert.ok(warnings.some((w) => w.startsWith(`${op.pointer}: `)), `no warning for ${op.pointer} → ${op.name}`);
        if (single.service !== op.service) {
          const first = services.find((s) => s.key === op.service)!.operations[0]!.pointer;
          assert.ok(warnings.some((w) => w.startsWith(first)), `no warning for service ${op.service}`);
        }
        if (/_$/.test(single.name)) assert.ok(aloneWarnings.length > 0, `hazard rename of ${op.pointer} not warned`);
      });
    }),
    { numRuns: 300, seed: 9 },
  );
});

test('a generated SDK with hostile names compiles under tsc --strict and no service is thenable', async () => {
  // Duplicate operationIds are a SpecError (openapi-typescript refuses them); the names are what is tested here.
  const sampled = fc.sample(fc.uniqueArray(opArb, { minLength: 20, maxLength: 20, selector: (o) => o.operationId ?? Symbol() }), { numRuns: 1, seed: 42 })[0]!
    .filter((o) => !['then', 'catch', 'finally', '__proto__', 'constructor', 'v', 'OperationMeta', 'require'].includes(o.operationId ?? ''));
  const ops = [
    { operationId: 'then', tag: 'then' },
    { operationId: 'catch', tag: 'catch' },
    { operationId: 'finally', tag: 'finally' },
    { operationId: '__proto__', tag: '__proto__' },
    { operationId: 'constructor', tag: 'constructor' },
    { operationId: 'v', tag: 'v' },
    { operationId: 'OperationMeta', tag: 'x' },
    { operationId: 'require', tag: 'module' },
    ...sampled,
  ];
  const dir = await scratch('names');
  const spec = join(dir, 'spec.json');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(spec, JSON.stringify(specOf(ops)));
  const out = join(dir, 'sdk');
  const result = await generate({ spec, out, runtimeDir: join(root, 'src') });
  assert.ok(result.warnings.length >= 8, 'hostile names are warned');
  const tsc = await typecheckFolder(out);
  assert.ok(tsc.ok, tsc.output.slice(0, 3000));
  const mod = (await import(pathToFileURL(join(out, 'index.ts')).href)) as { createSdk: (o: { baseUrl: string }) => Record<string, Record<string, unknown>> };
  const sdk = mod.createSdk({ baseUrl: 'https://api.example.com' });
  assert.is(Object.getPrototypeOf(sdk), Object.prototype);
  for (const target of [sdk, ...Object.values(sdk)]) {
    assert.is(Object.getPrototypeOf(target), Object.prototype);
    for (const key of ['then', 'catch', 'finally', 'constructor', 'toString', '__proto__']) assert.not.ok(Object.hasOwn(target, key), key);
    // A thenable would be adopted (its `then` called) instead of settling with the object itself.
    assert.is(await Promise.resolve(target), target);
  }
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('names'));

test.run();
