/**
 * Differential test: on every vendored spec, Tether's generated validators and a reference JSON
 * Schema implementation (Ajv; OAS 3.0 converted to draft-07, 3.1 read as 2020-12) judge the same
 * values: samples derived from each schema (the Sampler's valid ones and their mutations),
 * varied values from fast-check arbitraries derived from the schema, and the spec's own
 * examples. Tether must never reject what Ajv accepts; looser verdicts are counted and printed.
 * Each spec contributes a bounded, seeded subset of its schemas, so the run is deterministic.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import YAML from 'yaml';
import { print } from '../../scripts/codegen/ast.js';
import { emitValidators } from '../../scripts/codegen/validators/index.js';
import { cleanScratch, fixtureSpecs, root, scratchPath } from '../helpers/paths.js';
import { Arbitraries } from './differential/arbitrary.js';
import { examplesFor } from './differential/examples.js';
import { addTally, emptyTally, judge, type Disagreement, type Tally } from './differential/judge.js';
import { Reference } from './differential/reference.js';
import { operationsOf } from './fixtures/validators/operations.js';
import { mutations, NONE, Sampler } from './fixtures/validators/samples.js';

const SPECS = [
  'petstore-3.0.json', 'petstore-3.1.yaml', 'train-travel-3.1.yaml', 'galaxy-3.1.json', 'blockfrost.yaml',
  'openai.json', 'slack.json', 'aws-mediastore-data.json', 'digitalocean.json', 'github.json',
];
/**
 * Schemas judged per spec (a seeded sample when a spec has more) and fast-check values per
 * schema. The defaults keep the suite fast; the README's figures come from a full run
 * (`DIFFERENTIAL_MAX_SCHEMAS=100000 DIFFERENTIAL_RUNS=40`).
 */
const MAX_SCHEMAS = Number(process.env['DIFFERENTIAL_MAX_SCHEMAS'] ?? 140);
const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 12);

type Obj = Record<string, unknown>;

/** FNV-1a: a stable seed per spec and schema. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Deterministic subset: the `count` targets with the smallest seeded hash. */
const subset = <T extends { pointer: string }>(items: T[], count: number, seed: string): T[] =>
  items.length <= count ? items : [...items].sort((a, b) => seedOf(seed + a.pointer) - seedOf(seed + b.pointer)).slice(0, count);

interface Target {
  pointer: string;
  schema: unknown;
  name: string;
}

async function prepare(file: string) {
  const text = await readFile(join(fixtureSpecs, file), 'utf8');
  const doc = (file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text)) as Obj;
  const version = String(doc['openapi']).startsWith('3.1') ? ('3.1' as const) : ('3.0' as const);
  const operations = operationsOf(doc);
  const output = emitValidators({
    document: doc, openapiVersion: version, operations, valibotImport: './valibot.js', diagnostics: { warn: () => {} },
  });
  const code = print(output.statements);
  const dir = scratchPath('validators-differential', file.replace(/\.\w+$/, ''));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'valibot.ts'), "export * from 'valibot';\n");
  await writeFile(join(dir, 'validators.ts'), code);
  const module = (await import(pathToFileURL(join(dir, 'validators.ts')).href)) as Record<string, v.GenericSchema>;

  // Every schema with its own const: component schemas, then operation bodies and responses.
  const byPointer = new Map([...code.matchAll(/\/\*\* `([^`]+)` \*\/\nexport const (\S+):/g)].map((m) => [m[1]!, m[2]!]));
  const targets = new Map<string, Target>();
  const sampler = new Sampler(doc, version);
  for (const [pointer, name] of byPointer) {
    if (!pointer.startsWith('#/components/schemas/')) continue;
    targets.set(name, { pointer, schema: sampler.resolve(pointer), name });
  }
  for (const op of operations) {
    const names = output.operations[op.exportName];
    if (names?.body && op.requestBody && !targets.has(names.body)) targets.set(names.body, { pointer: op.requestBody.pointer, schema: op.requestBody.schema, name: names.body });
    for (const response of op.responses) {
      const name = names?.responses[response.status];
      if (name && response.body && !targets.has(name)) targets.set(name, { pointer: response.body.pointer, schema: response.body.schema, name });
    }
  }
  return { doc, version, module, sampler, targets: [...targets.values()] };
}

const totals = emptyTally();
const rows: string[] = [];

for (const file of SPECS) {
  test(`${file}: Tether never rejects what Ajv accepts`, async () => {
    const { doc, version, module, sampler, targets } = await prepare(file);
    const reference = new Reference(doc, version);
    const arbitraries = new Arbitraries(doc, version);
    const tally: Tally = emptyTally();
    const stricter: Disagreement[] = [];
    const unavailable: string[] = [];
    const chosen = subset(targets, MAX_SCHEMAS, file);
    for (const target of chosen) {
      const ajv = reference.at(target.pointer);
      if (ajv instanceof Error) {
        unavailable.push(`${target.pointer}: ${ajv.message.slice(0, 120)}`);
        continue;
      }
      const tether = module[target.name]!;
      tally.schemas++;
      const values: Array<[string, unknown]> = [];
      const minimal = sampler.sample(target.schema, false);
      if (minimal !== NONE) {
        values.push(['sample (required only)', minimal]);
        const full = sampler.sample(target.schema, true);
        if (full !== NONE) values.push(['sample (all properties)', full]);
        for (const mutation of mutations(sampler, target.schema, minimal, version)) values.push([`mutation: ${mutation.title}`, mutation.value]);
      }
      const arbitrary = arbitraries.of(target.schema);
      fc.sample(arbitrary, { seed: seedOf(file + target.pointer) | 0, numRuns: RUNS }).forEach((value, i) => values.push([`fast-check #${i}`, value]));
      for (const example of examplesFor(target.schema, target.pointer, (ref) => sampler.resolve(ref))) values.push([example.where, example.value]);
      for (const [where, value] of values) {
        const found = judge(tally, v.safeParse(tether, value).success, ajv(value) === true, target.pointer, where, value);
        if (found) stricter.push(found);
      }
    }
    addTally(totals, tally);
    const row = `| ${file} | ${chosen.length}/${targets.length} | ${tally.values} | ${tally.bothAccept} | ${tally.bothReject} | ${tally.looser} | ${tally.stricter} |`;
    rows.push(row);
    console.log(`  ${row}${unavailable.length > 0 ? ` (${unavailable.length} schemas Ajv could not compile, e.g. ${unavailable[0]})` : ''}`);
    const report = stricter.slice(0, 8).map((d) => `${d.pointer} (${d.where}) rejected by Tether, accepted by Ajv:\n    ${JSON.stringify(d.value)?.slice(0, 400)}`);
    assert.equal(report, [], report.join('\n'));
    // The reference must be able to judge (almost) every chosen schema.
    assert.ok(unavailable.length <= chosen.length * 0.05, unavailable.slice(0, 5).join('\n'));
    assert.ok(tally.bothAccept > 0 && tally.bothReject > 0, 'both verdicts must occur');
  });
}

test('totals', () => {
  console.log('  | spec | schemas judged | values | both accept | both reject | Tether looser | Tether stricter |');
  for (const row of rows) console.log(`  ${row}`);
  console.log(`  | total | ${totals.schemas} | ${totals.values} | ${totals.bothAccept} | ${totals.bothReject} | ${totals.looser} | ${totals.stricter} |`);
  assert.is(totals.stricter, 0);
  assert.ok(totals.values >= 10_000, `only ${totals.values} values judged`);
});

test('the judge catches a stricter validator (items without type emitted as an array)', () => {
  const doc = { openapi: '3.0.3', components: { schemas: { Slack: { items: { type: 'string' } } } } };
  const ajv = new Reference(doc, '3.0').at('#/components/schemas/Slack');
  assert.ok(!(ajv instanceof Error));
  const tally = emptyTally();
  const stricterValidator = v.array(v.string());
  const found = [['a'], { channel: 'C1' }, 'x', [1]].flatMap((value) => {
    const d = judge(tally, v.safeParse(stricterValidator, value).success, (ajv as (x: unknown) => boolean)(value) === true, '#/components/schemas/Slack', 'unit', value);
    return d ? [d] : [];
  });
  assert.equal(found.map((d) => d.value), [{ channel: 'C1' }, 'x']);
  assert.equal(tally, { schemas: 0, values: 4, bothAccept: 1, bothReject: 1, looser: 0, stricter: 2 });
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('validators-differential'));

test.run();
