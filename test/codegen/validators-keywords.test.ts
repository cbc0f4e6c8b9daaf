/**
 * Keyword classes that make validators stricter than JSON Schema, each judged by the generated
 * validator and by Ajv on hand-picked values plus fast-check values derived from the schema:
 * Tether must accept everything Ajv accepts. (The real specs are in validators-differential.)
 */
import fc from 'fast-check';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { print } from '../../scripts/codegen/ast.js';
import { emitValidators } from '../../scripts/codegen/validators/index.js';
import { Arbitraries } from './differential/arbitrary.js';
import { load } from './differential/load.js';
import { emptyTally, judge, type Disagreement } from './differential/judge.js';
import { Reference } from './differential/reference.js';

type Version = '3.0' | '3.1';
// [title, version, schemas (X is judged; others may be referenced), values that must be judged]
const CASES: Array<[string, Version, Record<string, unknown>, unknown[]]> = [
  ['items without type (Slack)', '3.0', { X: { items: { type: 'string' } } }, [['a'], { id: 'C1' }, 'x', 1, null, [1]]],
  ['properties/required without type', '3.0', { X: { properties: { a: { type: 'string' } }, required: ['a'] } }, [{ a: 'x' }, {}, [], 'x', 2]],
  ['string and number keywords without type', '3.1', { X: { minLength: 3, maximum: 5, pattern: '^a' } }, ['abc', 'b', 4, 9, true, [], {}]],
  ['format without type', '3.1', { X: { format: 'date-time' } }, ['2024-01-02T03:04:05Z', 'nope', 5]],
  ['type list: keywords per type', '3.1', { X: { type: ['string', 'array'], minLength: 2, minItems: 2 } }, ['ab', 'a', [1, 2], [1], 3]],
  ['type + enum both hold', '3.0', { X: { type: 'string', enum: ['a', 1, null] } }, ['a', 1, null, 'b']],
  ['integer enum with 1.0', '3.1', { X: { type: 'integer', enum: [1, 2.5] } }, [1, 1.0, 2.5]],
  ['const + type', '3.1', { X: { type: 'string', const: 'a' } }, ['a', 'b', 1]],
  ['3.0 nullable with enum', '3.0', { X: { type: 'string', nullable: true, enum: ['a'] } }, ['a', null, 'b']],
  ['3.1 type with null', '3.1', { X: { type: ['integer', 'null'], minimum: 1 } }, [1, null, 0, 'x']],
  ['integer: 1.0 and very large numbers', '3.0', { X: { type: 'integer', minimum: 0, maximum: 1e300, multipleOf: 3 } }, [3.0, 1e21 * 3, 2 ** 60, 1.5, -3, 9007199254740993]],
  ['fractional multipleOf', '3.0', { X: { type: 'number', multipleOf: 0.01 } }, [0.07, 19.99, 0.075, 1e20]],
  ['oneOf with overlapping members (looser, never stricter)', '3.1', { X: { oneOf: [{ type: 'number' }, { type: 'integer' }, { type: 'string' }] } }, [1, 1.5, 'x', null]],
  ['anyOf of objects', '3.0', { X: { anyOf: [{ type: 'object', required: ['a'] }, { type: 'object', required: ['b'] }] } }, [{ a: 1 }, { b: 1 }, {}, { a: 1, b: 2 }]],
  ['boolean schemas', '3.1', { X: { type: 'object', properties: { yes: true, no: false } } }, [{}, { yes: [1] }, { no: 1 }]],
  [
    'additionalProperties: false next to allOf is per subschema',
    '3.0',
    {
      Base: { type: 'object', properties: { a: { type: 'string' } } },
      X: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { b: { type: 'string' } }, additionalProperties: false }] },
    },
    [{ b: 'x' }, { a: 'x', b: 'x' }, {}, { c: 1 }],
  ],
  [
    'required readOnly / writeOnly (also through allOf) may be missing',
    '3.0',
    {
      Id: { type: 'string', readOnly: true },
      X: { type: 'object', required: ['id', 'secret', 'name'], properties: { id: { allOf: [{ $ref: '#/components/schemas/Id' }] }, secret: { type: 'string', writeOnly: true }, name: { type: 'string' } } },
    },
    [{ id: 'i', secret: 's', name: 'n' }, { name: 'n' }, {}],
  ],
  [
    'allOf does not merge outputs: an array through anyOf {} next to objects (DigitalOcean links.pages)',
    '3.0',
    {
      Pages: { anyOf: [{ allOf: [{ type: 'object', properties: { last: { type: 'string' } } }, { type: 'object', properties: { next: { type: 'string' } } }] }, {}] },
      X: { allOf: [{ type: 'object', properties: { pages: { $ref: '#/components/schemas/Pages' } } }, { type: 'object', properties: { pages: {} } }] },
    },
    [{ pages: [] }, { pages: [1, 'a'] }, { pages: { last: 'x' } }, { pages: { next: 1 } }, []],
  ],
  [
    'allOf does not merge outputs: an own constructor key',
    '3.1',
    { X: { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { anyOf: [{ type: 'object', required: ['b'] }, {}] }] } },
    [{ constructor: 'x' }, { a: 'x', constructor: 1 }, { a: 1, constructor: 1 }],
  ],
  ['prefixItems do not require length', '3.1', { X: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false } }, [[], ['a'], ['a', 1], ['a', 1, 2], [1]]],
  [
    'discriminator mapping does not narrow a plain string tag',
    '3.0',
    {
      Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, lives: { type: 'integer' } } },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['dog'] } } },
      X: { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } } },
    },
    [{ kind: 'cat' }, { kind: 'lion' }, { kind: 'dog' }, { kind: 'cat', lives: 'x' }],
  ],
  ['AWS patterns (not valid in u mode)', '3.0', { X: { type: 'string', pattern: '^\\/?(?:[A-Za-z0-9\\.\\_\\-]+)$' } }, ['/a_b-c.d', 'a b', '']],
  ['unicode pattern and astral lengths', '3.1', { X: { type: 'string', pattern: '^.{2}$', maxLength: 2 } }, ['😀😀', 'ab', '😀😀😀']],
  ['formats accept what ajv-formats accepts', '3.0', {
    X: { type: 'object', properties: { u: { type: 'string', format: 'uri' }, id: { type: 'string', format: 'uuid' }, e: { type: 'string', format: 'email' }, ip: { type: 'string', format: 'ipv6' } } },
  }, [{ u: 'urn:isbn:1', id: 'urn:uuid:123e4567-e89b-12d3-a456-426614174000', e: `a@${'x'.repeat(70)}.com`, ip: '::ffff:192.0.2.1' }, { u: 'http://h:99999' }, { u: 'not a uri' }]],
];

for (const [title, version, schemas, picked] of CASES) {
  test(`${title}: never stricter than Ajv`, async () => {
    const doc = { openapi: version === '3.0' ? '3.0.3' : '3.1.0', paths: {}, components: { schemas } };
    const output = emitValidators({ document: doc, openapiVersion: version, operations: [], valibotImport: './valibot.js', diagnostics: { warn: () => {} } });
    const module = await load(print(output.statements), `keywords-${title.replace(/\W+/g, '-')}`);
    const ajv = new Reference(doc, version).at('#/components/schemas/X');
    assert.ok(!(ajv instanceof Error), String(ajv));
    const check = ajv as (value: unknown) => boolean;
    const values = [...picked, ...fc.sample(new Arbitraries(doc, version).of(schemas['X']), { seed: 42, numRuns: 200 })];
    const tally = emptyTally();
    const stricter: Disagreement[] = [];
    for (const value of values) {
      const found = judge(tally, v.safeParse(module['XSchema']!, value).success, check(value) === true, '#/components/schemas/X', 'case', value);
      if (found) stricter.push(found);
    }
    assert.equal(stricter.map((d) => d.value), []);
    assert.ok(tally.bothAccept > 0, 'some value must be valid');
  });
}

test.run();
