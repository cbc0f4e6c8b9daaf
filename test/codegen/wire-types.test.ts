/**
 * Types that match the wire: what the generator emits for `default`, `readOnly` and `writeOnly`
 * (the compile-time side is test/types/wire.types.ts), and the committed fixture SDKs those type
 * tests import are exactly what their specs generate.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readFile, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import { emitSchemaTypes } from '../../scripts/codegen/emit-schema-types.js';
import { loadSpec } from '../../scripts/codegen/load-spec.js';
import { fixtureSpecs, root } from '../helpers/paths.js';
import { FIXTURE_SDKS, generateFixture } from '../types/fixture-sdks.js';

const quiet = { warn: () => {} };
type Obj = Record<string, unknown>;

/** `components.schemas.<name>` property name → optional?, read from emitted schema.d.ts text. */
function emittedProperties(text: string, schema: string): Map<string, { optional: boolean; type: string }> {
  const file = ts.createSourceFile('schema.d.ts', text, ts.ScriptTarget.Latest, true);
  const members = (node: ts.Node | undefined): ts.NodeArray<ts.TypeElement> | undefined =>
    node && (ts.isInterfaceDeclaration(node) || ts.isTypeLiteralNode(node)) ? node.members : undefined;
  const find = (list: ts.NodeArray<ts.TypeElement> | undefined, name: string): ts.PropertySignature | undefined =>
    list?.find((m): m is ts.PropertySignature => ts.isPropertySignature(m) && m.name.getText(file).replace(/"/g, '') === name);
  const components = file.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'components');
  const target = find(members(find(members(components), 'schemas')?.type), schema);
  assert.ok(target, `components.schemas.${schema} is emitted`);
  const out = new Map<string, { optional: boolean; type: string }>();
  for (const m of members(target!.type) ?? []) {
    if (ts.isPropertySignature(m)) out.set(m.name.getText(file).replace(/"/g, ''), { optional: m.questionToken !== undefined, type: m.type?.getText(file) ?? '' });
  }
  return out;
}

/** Checks every property of a component schema: optional exactly when not `required`. */
async function checkSchema(spec: string, schema: string): Promise<number> {
  const loaded = await loadSpec(spec, quiet);
  const text = await emitSchemaTypes(loaded);
  const raw = ((loaded.document.components as Obj).schemas as Obj)[schema] as Obj;
  const required = new Set((raw.required as string[] | undefined) ?? []);
  const emitted = emittedProperties(text, schema);
  let defaults = 0;
  for (const [name, node] of Object.entries(raw.properties as Obj)) {
    const prop = emitted.get(name);
    assert.ok(prop, `${schema}.${name} is emitted`);
    assert.is(prop!.optional, !required.has(name), `${schema}.${name} is ${required.has(name) ? 'required' : 'optional'}`);
    if ('default' in (node as Obj) && !required.has(name)) defaults++;
  }
  return defaults;
}

test("OpenAI's createCompletion: fields with a default are optional, `model` stays required", async () => {
  const defaults = await checkSchema(join(fixtureSpecs, 'openai.json'), 'CreateCompletionRequest');
  assert.ok(defaults >= 12, `${defaults} defaulted fields checked`);
});

test('a response schema with defaults is not promised them either; readOnly/writeOnly are marked', async () => {
  const spec = join(root, 'test/fixtures/webhooks/accounts.yaml');
  assert.is(await checkSchema(spec, 'Account'), 3);
  const emitted = emittedProperties(await emitSchemaTypes(await loadSpec(spec, quiet)), 'Account');
  assert.is(emitted.get('id')?.type, '$Read<string>');
  assert.is(emitted.get('password')?.type, '$Write<string>');
  assert.is(emitted.get('email')?.type, 'string');
});

test('schema.d.ts imports nothing and declares only the markers, not openapi-typescript helpers written with any', async () => {
  const text = await emitSchemaTypes(await loadSpec(join(root, 'test/fixtures/webhooks/accounts.yaml'), quiet));
  assert.not.match(text, /^import /m);
  assert.match(text, /export type \$Read<T> = \{\s*readonly \$read: T;\s*\};/);
  assert.not.match(text, /export type (Readable|Writable)\b/);
  assert.not.match(text, /\bany\b/);
});

test('the committed fixture SDKs under test/types/ are byte-identical to a fresh generation', async () => {
  for (const sdk of FIXTURE_SDKS) {
    const committed = join(root, sdk.out);
    // Same parent folder, so relative imports and the header's spec path come out the same.
    const fresh = join(dirname(committed), `.fresh-${process.pid}-${basename(committed)}`);
    try {
      await generateFixture(sdk, fresh);
      const want = (await readdir(fresh)).sort();
      const have = (await readdir(committed)).filter((f) => f !== 'tsconfig.json').sort();
      assert.equal(have, want, `${sdk.out} holds the generated files`);
      for (const name of want) {
        const [a, b] = await Promise.all([readFile(join(fresh, name), 'utf8'), readFile(join(committed, name), 'utf8')]);
        assert.ok(a === b, `${sdk.out}/${name} is stale: run npx tsx test/types/fixture-sdks.ts`);
      }
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  }
});

test.run();
