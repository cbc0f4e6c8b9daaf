/**
 * Hostile specs end in ONE located SpecError (file + JSON pointer or line:col), in bounded time
 * and memory: `$ref` cycles with no schema in between, nesting thousands of levels deep (JSON,
 * YAML flow and block style), a YAML alias bomb, tens of thousands of refs. The risky ones run
 * generate() in a child process with a time limit and a small heap, so a regression fails the
 * test instead of hanging or swapping the machine.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSpec } from '../../scripts/codegen/load-spec.js';
import { generate } from '../../scripts/codegen/generate.js';
import { SpecError } from '../../scripts/codegen/spec-error.js';
import { MAX_NESTING_DEPTH, MAX_REF_CHAIN } from '../../scripts/codegen/spec-limits.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';

const quiet = { warn: () => {} };
const info = { title: 't', version: '1' };
const json200 = (schema: object) => ({ '200': { description: 'ok', content: { 'application/json': { schema } } } });
const spec = (paths: object, components: object = {}) => ({ openapi: '3.1.0', info, paths, components });

async function write(name: string, text: string): Promise<string> {
  const file = join(await scratch('hostile'), name);
  await writeFile(file, text);
  return file;
}

async function specError(file: string): Promise<SpecError> {
  try {
    await loadSpec(file, quiet);
  } catch (error) {
    assert.instance(error, SpecError, `expected a SpecError, got ${String(error)}`);
    return error as SpecError;
  }
  throw new Error(`expected ${file} to be refused`);
}

interface ChildOutcome {
  ok: boolean;
  kind?: string;
  file?: string;
  where?: string;
  detail?: string;
}

/** generate() in a child with a 256 MB heap and a 60 s limit (a hang or crash fails the test). */
function generateInChild(file: string): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--max-old-space-size=256', '--import', 'tsx', join(root, 'test/fixtures/hostile/run-generate.ts'), file, `${file}.out`, join(root, 'src')],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000, killSignal: 'SIGKILL' },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code, signal) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`child ended with ${signal ?? code}: ${stderr.slice(0, 2000)}`));
      else resolve(JSON.parse(line) as ChildOutcome);
    });
  });
}

const nested = (depth: number): object => {
  let schema: object = { type: 'string' };
  for (let i = 0; i < depth; i++) schema = { type: 'object', properties: { a: schema } };
  return schema;
};

test('$ref cycles with no schema in between are one SpecError naming the loop', async () => {
  const cases: Array<[string, object, RegExp, RegExp]> = [
    ['A → A', spec({ '/a': { get: { responses: json200({ $ref: '#/components/schemas/A' }) } } }, { schemas: { A: { $ref: '#/components/schemas/A' } } }), /^#\/components\/schemas\/A\/\$ref$/, /#\/components\/schemas\/A → #\/components\/schemas\/A$/],
    [
      'A → B → A',
      spec({ '/a': { get: { responses: json200({ $ref: '#/components/schemas/A' }) } } }, { schemas: { A: { $ref: '#/components/schemas/B' }, B: { $ref: '#/components/schemas/A' } } }),
      /^#\/components\/schemas\/A\/\$ref$/,
      /A → #\/components\/schemas\/B → #\/components\/schemas\/A/,
    ],
    [
      'A → allOf B → oneOf A',
      spec({ '/a': { get: { responses: json200({ $ref: '#/components/schemas/A' }) } } }, { schemas: { A: { allOf: [{ $ref: '#/components/schemas/B' }] }, B: { oneOf: [{ type: 'string' }, { $ref: '#/components/schemas/A' }] } } }),
      /^#\/components\/schemas\/A\/allOf\/0$/,
      /cycle/,
    ],
    ['parameters', spec({ '/a': { get: { parameters: [{ $ref: '#/components/parameters/P' }], responses: {} } } }, { parameters: { P: { $ref: '#/components/parameters/Q' }, Q: { $ref: '#/components/parameters/P' } } }), /^#\/components\/parameters\/P\/\$ref$/, /P → #\/components\/parameters\/Q → #\/components\/parameters\/P$/],
    ['responses', spec({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/R' } } } } }, { responses: { R: { $ref: '#/components/responses/R' } } }), /^#\/components\/responses\/R\/\$ref$/, /cycle/],
    ['requestBodies', spec({ '/a': { post: { requestBody: { $ref: '#/components/requestBodies/B' }, responses: {} } } }, { requestBodies: { B: { $ref: '#/components/requestBodies/C' }, C: { $ref: '#/components/requestBodies/B' } } }), /^#\/components\/requestBodies\/B\/\$ref$/, /cycle/],
    ['path items', spec({ '/a': { $ref: '#/paths/~1b' }, '/b': { $ref: '#/paths/~1a' } }), /^#\/paths\/~1a\/\$ref$/, /cycle/],
  ];
  for (const [title, doc, where, detail] of cases) {
    const error = await specError(await write('cycle.json', JSON.stringify(doc)));
    assert.match(error.where, where, title);
    assert.match(error.detail, /^\$ref cycle with no schema in between: /, title);
    assert.match(error.detail, detail, title);
  }
});

test('recursion through a property or items is a recursive type, not a cycle', async () => {
  const doc = spec(
    { '/a': { get: { responses: json200({ $ref: '#/components/schemas/Node' }) } } },
    { schemas: { Node: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } } } } },
  );
  const loaded = await loadSpec(await write('tree.json', JSON.stringify(doc)), quiet);
  assert.ok(loaded.document.components);
});

test(`$ref chains: ${MAX_REF_CHAIN} hops load, one more is refused at its start`, async () => {
  const chain = (hops: number) => {
    const schemas: Record<string, object> = { S0: { type: 'string' } };
    for (let i = 1; i <= hops; i++) schemas[`S${i}`] = { $ref: `#/components/schemas/S${i - 1}` };
    return spec({ '/a': { get: { responses: json200({ $ref: `#/components/schemas/S${hops}` }) } } }, { schemas });
  };
  await loadSpec(await write('chain-ok.json', JSON.stringify(chain(MAX_REF_CHAIN - 1))), quiet);
  const error = await specError(await write('chain.json', JSON.stringify(chain(MAX_REF_CHAIN + 5))));
  assert.match(error.detail, /chain of more than \d+ \$refs/);
  assert.match(error.where, /^#\/.*\/\$ref$/);
});

test(`nesting: ${MAX_NESTING_DEPTH} levels load, deeper is refused with the pointer where it crosses the limit`, async () => {
  const depthOf = (schemaLevels: number) => spec({ '/a': { get: { responses: json200(nested(schemaLevels)) } } });
  // #/paths/~1a/get/responses/200/content/application~1json/schema is 7 levels; each schema level adds 2.
  await loadSpec(await write('ok.json', JSON.stringify(depthOf((MAX_NESTING_DEPTH - 7) / 2 - 1))), quiet);
  const error = await specError(await write('deep.json', JSON.stringify(depthOf(MAX_NESTING_DEPTH))));
  assert.match(error.where, /^#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/schema(\/properties\/a)+/);
  assert.is(error.where.split('/').length - 1, MAX_NESTING_DEPTH + 1);
  assert.match(error.detail, /nested deeper than 160 levels/);
});

test('nesting inside example payloads counts too (emitters print them)', async () => {
  const example = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
  const doc = `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{"200":{"description":"x","content":{"application/json":{"schema":{"type":"array"},"example":${example}}}}}}}}}`;
  const error = await specError(await write('example.json', doc));
  assert.match(error.where, /^#\/paths\/~1a\/get\/responses\/200\/content\/application~1json\/example(\/0)+$/);
});

test('YAML flow nesting 100,000 deep is refused at its line:col before the parser recurses', async () => {
  const text = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      x-deep: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
  const error = await specError(await write('deep.yaml', text));
  assert.is(error.where, `6:${15 + MAX_NESTING_DEPTH}`);
  // brackets inside quotes, comments and block scalars are text, not nesting
  const prose = `openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      summary: '${'['.repeat(500)}' # ${'{'.repeat(500)}\n      description: |\n        ${'['.repeat(500)}\n      responses: {}\n`;
  await loadSpec(await write('prose.yaml', prose), quiet);
});

test('YAML block nesting past the limit names the JSON pointer', async () => {
  const lines = ['openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths:', '  /a:', '    get:', '      responses: {}', '      x-deep:'];
  for (let i = 0; i < 200; i++) lines.push(`${' '.repeat(8 + i)}k:`);
  lines.push(`${' '.repeat(208)}v: 1`);
  const error = await specError(await write('block.yaml', `${lines.join('\n')}\n`));
  assert.match(error.where, /^#\/paths\/~1a\/get\/x-deep(\/k)+$/);
});

test('a YAML alias bomb (billion laughs) is one SpecError at the first alias, in a child with a small heap', async () => {
  const rows = ['openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths: {"/a": {get: {responses: {}}}}', 'x-lol0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) rows.push(`x-lol${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  const outcome = await generateInChild(await write('bomb.yaml', `${rows.join('\n')}\n`));
  assert.equal([outcome.kind, outcome.where], ['SpecError', '5:14']);
  assert.match(outcome.detail!, /YAML aliases/);
});

test('JSON nested 50,000 deep: one SpecError from generate(), bounded, no RangeError', async () => {
  let text = '';
  for (let i = 0; i < 50_000; i++) text += '{"a":';
  text += '1' + '}'.repeat(50_000);
  const doc = `{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"responses":{}}}},"x-deep":${text}}`;
  const outcome = await generateInChild(await write('deep.json', doc));
  assert.is(outcome.kind, 'SpecError');
  assert.match(outcome.where!, /^#\/x-deep(\/a)+$/);
});

test('5,000 $refs to one schema generate in bounded time and memory (child, 256 MB heap)', async () => {
  const properties = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`p${i}`, { $ref: '#/components/schemas/Leaf' }]));
  const doc = spec({ '/a': { get: { operationId: 'a', responses: json200({ $ref: '#/components/schemas/Big' }) } } }, { schemas: { Leaf: { type: 'string' }, Big: { type: 'object', properties } } });
  const outcome = await generateInChild(await write('refs.json', JSON.stringify(doc)));
  assert.equal(outcome, { ok: true, operations: 1, warnings: 0 });
});

test('generate() throws only SpecError for a bad spec, with file and pointer (in process)', async () => {
  const file = await write('cycle.json', JSON.stringify(spec({ '/a': { get: { responses: json200({ $ref: '#/components/schemas/A' }) } } }, { schemas: { A: { $ref: '#/components/schemas/A' } } })));
  try {
    await generate({ spec: file, out: `${file}.out`, runtimeDir: join(root, 'src') });
    assert.unreachable('expected a SpecError');
  } catch (error) {
    assert.instance(error, SpecError);
    assert.ok((error as SpecError).message.startsWith(`${file}#/components/schemas/A/$ref: `));
  }
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('hostile'));

test.run();
