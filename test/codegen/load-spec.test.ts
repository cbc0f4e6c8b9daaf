import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpec } from '../../scripts/codegen/load-spec.js';
import { SpecError } from '../../scripts/codegen/spec-error.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';

const quiet = { warn: () => {} };
const ok = { openapi: '3.1.0', info: { title: 't', version: '1' } };

async function specFile(name: string, text: string): Promise<string> {
  const dir = await scratch('spec');
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function expectSpecError(text: string, name: string, where: RegExp, detail: RegExp): Promise<void> {
  const file = await specFile(name, text);
  try {
    await loadSpec(file, quiet);
  } catch (error) {
    assert.instance(error, SpecError);
    const e = error as SpecError;
    assert.is(e.file, file);
    assert.match(e.where, where);
    assert.match(e.detail, detail);
    assert.ok(e.message.startsWith(file), 'the message names the file');
    return;
  }
  assert.unreachable(`expected a SpecError for ${name}`);
}

const broken: Array<[title: string, name: string, text: string, where: RegExp, detail: RegExp]> = [
  ['invalid YAML', 'bad.yaml', 'openapi: 3.1.0\ninfo: [unclosed\npaths: {}\n', /^\d+:\d+$/, /invalid YAML/],
  ['invalid JSON', 'bad.json', '{ "openapi": "3.1.0", }', /^1:\d+$/, /invalid JSON/],
  ['Swagger 2.0', 'swagger.json', JSON.stringify({ swagger: '2.0', info: {}, paths: {} }), /^#\/swagger$/, /Swagger 2\.0 is not supported/],
  ['no paths', 'nopaths.json', JSON.stringify(ok), /^#\/paths$/, /no `paths`/],
  ['empty paths', 'empty.json', JSON.stringify({ ...ok, paths: {} }), /^#\/paths$/, /empty/],
  ['unsupported version', 'v4.json', JSON.stringify({ ...ok, openapi: '4.0.0', paths: { '/a': {} } }), /^#\/openapi$/, /unsupported OpenAPI version/],
  [
    'dangling $ref',
    'dangling.json',
    JSON.stringify({
      ...ok,
      paths: { '/pets': { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } } } },
    }),
    /^#\/paths\/~1pets\/get\/responses\/200\/content\/application~1json\/schema\/\$ref$/,
    /does not resolve/,
  ],
  [
    'duplicate operationId',
    'dup.json',
    JSON.stringify({ ...ok, paths: { '/a': { get: { operationId: 'list', responses: {} } }, '/b': { get: { operationId: 'list', responses: {} } } } }),
    /^#\/paths\/~1b\/get\/operationId$/,
    /duplicate operationId "list" \(first at #\/paths\/~1a\/get\/operationId\)/,
  ],
  [
    'external $ref',
    'external.json',
    JSON.stringify({ ...ok, paths: { '/a': { get: { responses: { '200': { $ref: 'other.yaml#/R' } } } } } }),
    /^#\/paths\/~1a\/get\/responses\/200\/\$ref$/,
    /external reference/,
  ],
];

for (const [title, name, text, where, detail] of broken) {
  test(`broken spec: ${title} → one SpecError naming file and place`, () => expectSpecError(text, name, where, detail));
}

test('an unresolvable discriminator mapping is a warning with its pointer, and the entry is dropped', async () => {
  const spec = {
    ...ok,
    paths: { '/a': { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } } } } } } },
    components: {
      schemas: {
        Cat: { type: 'object', properties: { kind: { const: 'cat' } } },
        Pet: { oneOf: [{ $ref: '#/components/schemas/Cat' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: 'models/dog.yml#/Dog' } } },
      },
    },
  };
  const warnings: string[] = [];
  const loaded = await loadSpec(await specFile('map.json', JSON.stringify(spec)), { warn: (p, m) => warnings.push(`${p} ${m}`) });
  assert.is(warnings.length, 1);
  assert.match(warnings[0]!, /^#\/components\/schemas\/Pet\/discriminator\/mapping\/dog /);
  const pet = (loaded.document.components as { schemas: { Pet: { discriminator: { mapping: object } } } }).schemas.Pet;
  assert.equal(pet.discriminator.mapping, { cat: '#/components/schemas/Cat' });
});

test('a $ref key inside an example is payload, not a reference', async () => {
  const spec = {
    ...ok,
    paths: { '/a': { get: { responses: { '200': { description: 'x', content: { 'application/json': { schema: { type: 'object' }, example: { $ref: 'not-a-ref' } } } } } } } },
  };
  const loaded = await loadSpec(await specFile('example.json', JSON.stringify(spec)), quiet);
  assert.is(loaded.openapiVersion, '3.1');
  assert.match(loaded.specHash, /^[0-9a-f]{64}$/);
});

test('CLI: a broken spec exits 1 with one error line, and the previous output stays untouched', async () => {
  const dir = await scratch('cli');
  const out = join(dir, 'sdk');
  await mkdir(out);
  await writeFile(join(out, 'index.ts'), 'previous output\n');
  const bad = join(dir, 'swagger.json');
  await writeFile(bad, JSON.stringify({ swagger: '2.0', info: {}, paths: {} }));
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/generate.ts'), '--spec', bad, '--out', out], { encoding: 'utf8', cwd: root });
  assert.is(run.status, 1);
  const lines = run.stderr.trim().split('\n');
  assert.is(lines.length, 1, run.stderr);
  assert.match(lines[0]!, new RegExp(`^error: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}#/swagger: Swagger 2\\.0`));
  assert.is(await readFile(join(out, 'index.ts'), 'utf8'), 'previous output\n');
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('spec', 'cli'));

test.run();
