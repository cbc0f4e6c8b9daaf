/**
 * The validators emitter on small inputs: given a schema fragment, want the printed valibot code;
 * naming, per-operation consts, diagnostics, discriminators, recursion and output shape.
 * Real specs are exercised in validators-specs.test.ts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import * as v from 'valibot';
import { print } from '../../scripts/codegen/ast.js';
import type { OperationModel } from '../../scripts/codegen/model.js';
import { emitValidators, type ValidatorsOutput } from '../../scripts/codegen/validators/index.js';
import { cleanScratch, root, scratchPath } from '../helpers/paths.js';

type Operation = Pick<OperationModel, 'exportName' | 'pointer' | 'requestBody' | 'responses' | 'parameters'>;
type Version = '3.0' | '3.1';

interface Emitted {
  output: ValidatorsOutput;
  text: string;
  warnings: Array<[pointer: string, message: string]>;
}

function emit(schemas: Record<string, unknown>, options: { version?: Version; operations?: Operation[]; extra?: Record<string, unknown> } = {}): Emitted {
  const version = options.version ?? '3.0';
  const warnings: Emitted['warnings'] = [];
  const output = emitValidators({
    document: { openapi: `${version}.0`, paths: {}, components: { schemas }, ...options.extra },
    openapiVersion: version,
    operations: options.operations ?? [],
    valibotImport: './valibot.js',
    diagnostics: { warn: (pointer, message) => warnings.push([pointer, message]) },
  });
  return { output, text: print(output.statements), warnings };
}

/** Writes a printed module under .tmp and imports it. */
async function load(text: string, name: string): Promise<Record<string, v.GenericSchema>> {
  const dir = scratchPath('validators', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'valibot.ts'), "export * from 'valibot';\n");
  await writeFile(join(dir, 'validators.ts'), text);
  return (await import(pathToFileURL(join(dir, 'validators.ts')).href)) as Record<string, v.GenericSchema>;
}

/** Printed module without the import, doc comments and pure markers, on one line. */
const compact = (text: string): string =>
  text
    .replace(/^import .*\n/m, '')
    .replace(/\/\*\* .*? \*\/\n/g, '')
    .replace(/\/\* @__PURE__ \*\/ /g, '')
    .replace(/\s+/g, ' ')
    .trim();

const X = 'export const XSchema: v.GenericSchema =';
const S = '#/components/schemas/S';
const NOT_OBJECT = 'const notObject: v.GenericSchema = v.custom(input => (typeof input !== "object" || input === null || Array.isArray(input)), "Invalid type");';
/** A conjunction: every member judged on the input itself, the input passed through (scripts/codegen/validators/all-of.ts). */
const ALL_OF = (members: string): string =>
  '((schemas: v.GenericSchema[]): v.GenericSchema => v.pipe(v.unknown(), v.rawCheck(({ dataset, config }) => { for (const schema of schemas) { ' +
  'const result = schema["~run"]({ value: dataset.value }, config as v.Config<v.BaseIssue<unknown>>); ' +
  `if (result.issues) Object.assign(dataset, { typed: dataset.typed && result.typed, issues: [...(dataset.issues ?? []), ...result.issues] }); } })))([ ${members} ])`;
const NOT_ARRAY = 'const notArray: v.GenericSchema = v.custom(input => !Array.isArray(input), "Invalid type");';

// [title, version, schema X (plus S: a string), want (printed, compacted; S's own const omitted)]
const cases: Array<[string, Version, unknown, string]> = [
  ['string', '3.0', { type: 'string' }, `${X} v.string();`],
  ['boolean', '3.0', { type: 'boolean' }, `${X} v.boolean();`],
  ['null (3.1)', '3.1', { type: 'null' }, `${X} v.null();`],
  ['{} accepts anything', '3.0', {}, `${X} v.unknown();`],
  ['annotation-only accepts anything', '3.0', { description: 'x', example: 1 }, `${X} v.unknown();`],
  ['true schema', '3.1', true, `${X} v.unknown();`],
  ['false schema', '3.1', false, `${X} v.never();`],
  [
    'integer with bounds, as a shared leaf',
    '3.0',
    { type: 'integer', minimum: 1, maximum: 10 },
    `const integerMin1Max10: v.GenericSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10)); ${X} integerMin1Max10;`,
  ],
  [
    'exclusive bounds, 3.0 booleans',
    '3.0',
    { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 5, exclusiveMaximum: true },
    `const numberGt0Lt5: v.GenericSchema = v.pipe(v.number(), v.gtValue(0), v.ltValue(5)); ${X} numberGt0Lt5;`,
  ],
  [
    'exclusive bounds, 3.1 numbers',
    '3.1',
    { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 5 },
    `const numberGt0Lt5: v.GenericSchema = v.pipe(v.number(), v.gtValue(0), v.ltValue(5)); ${X} numberGt0Lt5;`,
  ],
  [
    'negative bound',
    '3.0',
    { type: 'integer', minimum: -5 },
    `const integerMinNeg5: v.GenericSchema = v.pipe(v.number(), v.integer(), v.minValue(-5)); ${X} integerMinNeg5;`,
  ],
  [
    'integer multipleOf (by division: 2 ** 60 / 3 is whole in doubles)',
    '3.0',
    { type: 'integer', multipleOf: 5 },
    'const integerMultipleOf5: v.GenericSchema = v.pipe(v.number(), v.integer(), v.check(input => Number.isInteger(input / 5), "Invalid multiple of 5")); ' +
      `${X} integerMultipleOf5;`,
  ],
  [
    'fractional multipleOf is checked with rounding',
    '3.0',
    { type: 'number', multipleOf: 0.01 },
    'const numberMultipleOf0_01: v.GenericSchema = v.pipe(v.number(), v.check(input => Number.isInteger(Number((input / 0.01).toPrecision(12))), "Invalid multiple of 0.01")); ' +
      `${X} numberMultipleOf0_01;`,
  ],
  [
    'string lengths (code points) and pattern',
    '3.0',
    { type: 'string', minLength: 2, maxLength: 5, pattern: '^a/b' },
    `const stringMin2Max5Pattern: v.GenericSchema = v.pipe(v.string(), v.minCodePoints(2), v.maxCodePoints(5), v.regex(/^a\\/b/u)); ${X} stringMin2Max5Pattern;`,
  ],
  [
    'format email (domain labels of any length, as ajv-formats)',
    '3.0',
    { type: 'string', format: 'email' },
    `const emailString: v.GenericSchema = v.pipe(v.string(), v.regex(/^[\\w.!#$%&'*+/=?^\`{|}~-]+@[a-z\\d](?:[a-z\\d.-]*[a-z\\d])?$/iu)); ${X} emailString;`,
  ],
  [
    'format uuid (urn:uuid: form too)',
    '3.0',
    { type: 'string', format: 'uuid' },
    `const uuidString: v.GenericSchema = v.pipe(v.string(), v.regex(/^(?:urn:uuid:)?[\\da-f]{8}-(?:[\\da-f]{4}-){3}[\\da-f]{12}$/iu)); ${X} uuidString;`,
  ],
  ['format date', '3.0', { type: 'string', format: 'date' }, `const dateString: v.GenericSchema = v.pipe(v.string(), v.isoDate()); ${X} dateString;`],
  ['format uri (RFC 3986 shape)', '3.0', { type: 'string', format: 'uri' }, `const uriString: v.GenericSchema = v.pipe(v.string(), v.regex(/^[a-z][a-z\\d+.-]*:\\S*$/iu)); ${X} uriString;`],
  ['format ipv4', '3.0', { type: 'string', format: 'ipv4' }, `const ipv4String: v.GenericSchema = v.pipe(v.string(), v.ipv4()); ${X} ipv4String;`],
  [
    'format date-time with a length',
    '3.0',
    { type: 'string', format: 'date-time', maxLength: 40 },
    'const dateTimeStringMax40: v.GenericSchema = v.pipe(v.string(), v.regex(/^\\d{4}-\\d{2}-\\d{2}[Tt\\s]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:[Zz]|[+-]\\d{2}(?::?\\d{2})?)?$/u), v.maxCodePoints(40)); ' +
      `${X} dateTimeStringMax40;`,
  ],
  ['format int64 / password: no check', '3.0', { type: 'string', format: 'password' }, `${X} v.string();`],
  ['3.0 nullable', '3.0', { type: 'string', nullable: true }, `${X} v.nullable<v.GenericSchema>(v.string());`],
  ['3.1 type array with null', '3.1', { type: ['string', 'null'] }, `${X} v.nullable<v.GenericSchema>(v.string());`],
  ['3.1 type array of two', '3.1', { type: ['string', 'boolean'] }, `${X} v.union([ v.string(), v.boolean() ]);`],
  ['integer and number collapse to number', '3.1', { type: ['integer', 'number'] }, `${X} v.number();`],
  ['string enum → picklist', '3.0', { type: 'string', enum: ['a', 'b'] }, `${X} v.picklist(["a", "b"]);`],
  ['single enum → literal', '3.0', { type: 'string', enum: ['only'] }, `${X} v.literal("only");`],
  ['null in enum → nullable', '3.0', { type: 'string', nullable: true, enum: ['a', 'b', null] }, `${X} v.nullable<v.GenericSchema>(v.picklist(["a", "b"]));`],
  ['type and enum both hold: null needs the type', '3.0', { type: 'string', enum: ['a', 'b', null] }, `${X} v.picklist(["a", "b"]);`],
  ['type and enum both hold: values of other types drop', '3.1', { type: 'integer', enum: [1, 1.5, 2.0, 'x', true] }, `${X} v.picklist([1, 2]);`],
  ['type and enum both hold: nothing left → never', '3.1', { type: 'string', enum: [1, 2] }, `${X} v.never();`],
  ['type and const both hold', '3.1', { type: 'string', const: 1 }, `${X} v.never();`],
  ['const next to a type list with null', '3.1', { type: ['string', 'null'], const: null }, `${X} v.null();`],
  ['number enum → picklist', '3.0', { type: 'integer', enum: [1, 2] }, `${X} v.picklist([1, 2]);`],
  ['mixed enum → union of literals', '3.0', { enum: ['a', 1, true] }, `${X} v.union([ v.literal("a"), v.literal(1), v.literal(true) ]);`],
  ['const', '3.1', { const: 'cat' }, `${X} v.literal("cat");`],
  ['const null', '3.1', { const: null }, `${X} v.null();`],
  ['$ref to a component', '3.0', { $ref: S }, `${X} SSchema;`],
  ['3.0 ignores $ref siblings', '3.0', { $ref: S, maxLength: 3, description: 'd' }, `${X} SSchema;`],
  ['3.0 $ref + nullable is honoured', '3.0', { $ref: S, nullable: true }, `${X} v.nullable<v.GenericSchema>(SSchema);`],
  [
    '3.1 applies $ref siblings',
    '3.1',
    { $ref: S, maxLength: 3 },
    'const notString: v.GenericSchema = v.custom(input => typeof input !== "string", "Invalid type"); ' +
      `const stringMax3: v.GenericSchema = v.pipe(v.string(), v.maxCodePoints(3)); ${X} ${ALL_OF('SSchema, v.union([ notString, stringMax3 ])')};`,
  ],
  ['single-member allOf → the member', '3.0', { allOf: [{ $ref: S }] }, `${X} SSchema;`],
  ['allOf + nullable', '3.0', { nullable: true, allOf: [{ $ref: S }] }, `${X} v.nullable<v.GenericSchema>(SSchema);`],
  ['annotation-only allOf members are skipped', '3.0', { allOf: [{ $ref: S }, { description: 'x' }] }, `${X} SSchema;`],
  [
    'allOf → every member on the input (no output merging)',
    '3.0',
    { allOf: [{ $ref: S }, { type: 'object', properties: { a: { type: 'string' } } }] },
    `${X} ${ALL_OF('SSchema, v.looseObject<v.ObjectEntries>({ a: v.optional<v.GenericSchema>(v.string()) })')};`,
  ],
  ['oneOf → union', '3.0', { oneOf: [{ $ref: S }, { type: 'boolean' }] }, `${X} v.union([ SSchema, v.boolean() ]);`],
  ['anyOf → union', '3.1', { anyOf: [{ type: 'number' }, { type: 'boolean' }] }, `${X} v.union([ v.number(), v.boolean() ]);`],
  ['oneOf with a null member → nullable', '3.1', { oneOf: [{ $ref: S }, { type: 'null' }] }, `${X} v.nullable<v.GenericSchema>(SSchema);`],
  ['not is skipped', '3.0', { type: 'string', not: { enum: ['x'] } }, `${X} v.string();`],
  [
    'object: required, optional, default, readOnly, writeOnly, quoted keys, __proto__, undeclared required',
    '3.0',
    // JSON.parse makes `__proto__` an own key, as in a parsed spec (a literal would set the prototype).
    JSON.parse(
      '{"type":"object","required":["id","a","d","r","w"],"properties":{"a":{"type":"string"},"d":{"type":"boolean","default":true},' +
        '"r":{"type":"string","readOnly":true},"w":{"type":"string","writeOnly":true},"b-c":{"type":"boolean"},"__proto__":{"type":"string"}}}',
    ),
    `${X} v.looseObject<v.ObjectEntries>({ a: v.string(), d: v.optional<v.GenericSchema>(v.boolean()), r: v.optional<v.GenericSchema>(v.string()), ` +
      'w: v.optional<v.GenericSchema>(v.string()), "b-c": v.optional<v.GenericSchema>(v.boolean()), ["__proto__"]: v.optional<v.GenericSchema>(v.string()), id: v.unknown() });',
  ],
  [
    'additionalProperties: false → strictObject',
    '3.0',
    { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
    `${X} v.strictObject<v.ObjectEntries>({ a: v.optional<v.GenericSchema>(v.string()) });`,
  ],
  [
    'additionalProperties: schema → objectWithRest',
    '3.0',
    { type: 'object', additionalProperties: { type: 'boolean' }, properties: { a: { type: 'string' } } },
    `${X} v.objectWithRest<v.ObjectEntries, v.GenericSchema>({ a: v.optional<v.GenericSchema>(v.string()) }, v.boolean());`,
  ],
  ['additionalProperties only → record', '3.0', { type: 'object', additionalProperties: { type: 'string' } }, `${X} v.record(v.string(), v.string());`],
  ['bare object → record of unknown', '3.0', { type: 'object' }, `${X} v.record(v.string(), v.unknown());`],
  ['additionalProperties: true stays loose', '3.0', { type: 'object', additionalProperties: true }, `${X} v.record(v.string(), v.unknown());`],
  [
    'patternProperties keep the object loose',
    '3.1',
    { type: 'object', additionalProperties: false, patternProperties: { '^x-': {} }, properties: { a: { type: 'string' } } },
    `${X} v.looseObject<v.ObjectEntries>({ a: v.optional<v.GenericSchema>(v.string()) });`,
  ],
  [
    'properties without type: objects are checked, anything else passes',
    '3.0',
    { properties: { a: { type: 'string' } } },
    `${NOT_OBJECT} ${X} v.union([ notObject, v.looseObject<v.ObjectEntries>({ a: v.optional<v.GenericSchema>(v.string()) }) ]);`,
  ],
  ['items without type (Slack)', '3.0', { items: { type: 'string' } }, `${NOT_ARRAY} ${X} v.union([ notArray, v.array(v.string()) ]);`],
  [
    'keywords of two families without type',
    '3.0',
    { minLength: 2, minimum: 1 },
    'const notStringOrNumber: v.GenericSchema = v.custom(input => typeof input !== "string" && typeof input !== "number", "Invalid type"); ' +
      'const stringMin2: v.GenericSchema = v.pipe(v.string(), v.minCodePoints(2)); const numberMin1: v.GenericSchema = v.pipe(v.number(), v.minValue(1)); ' +
      `${X} v.union([ notStringOrNumber, stringMin2, numberMin1 ]);`,
  ],
  [
    'a checked format without type constrains strings only',
    '3.1',
    { format: 'date' },
    'const notString: v.GenericSchema = v.custom(input => typeof input !== "string", "Invalid type"); ' +
      `const dateString: v.GenericSchema = v.pipe(v.string(), v.isoDate()); ${X} v.union([ notString, dateString ]);`,
  ],
  ['keywords that accept everything add no guard', '3.0', { minLength: 0, uniqueItems: false, format: 'int64' }, `${X} v.unknown();`],
  [
    'type list: each type gets its own keywords',
    '3.1',
    { type: ['string', 'array', 'null'], minLength: 1, minItems: 2, items: { type: 'integer' } },
    'const stringMin1: v.GenericSchema = v.pipe(v.string(), v.minCodePoints(1)); const integer: v.GenericSchema = v.pipe(v.number(), v.integer()); ' +
      `${X} v.nullable<v.GenericSchema>(v.union([ stringMin1, v.pipe(v.array(integer), v.minLength(2)) ]));`,
  ],
  [
    'keywords that constrain nothing imply no type',
    '3.0',
    { additionalProperties: true, anyOf: [{ type: 'string' }, { type: 'object' }] },
    `${X} v.union([ v.string(), v.record(v.string(), v.unknown()) ]);`,
  ],
  [
    'no type is inferred next to a union of other types',
    '3.0',
    { minLength: 1, oneOf: [{ type: 'string' }, { type: 'integer' }] },
    'const notString: v.GenericSchema = v.custom(input => typeof input !== "string", "Invalid type"); const stringMin1: v.GenericSchema = v.pipe(v.string(), v.minCodePoints(1)); ' +
      `const integer: v.GenericSchema = v.pipe(v.number(), v.integer()); ${X} ${ALL_OF('v.union([ notString, stringMin1 ]), v.union([ v.string(), integer ])')};`,
  ],
  [
    'properties next to allOf are still an object',
    '3.0',
    { allOf: [{ $ref: S }], properties: { a: { type: 'string' } }, required: ['a'] },
    `${NOT_OBJECT} ${X} ${ALL_OF('v.union([ notObject, v.looseObject<v.ObjectEntries>({ a: v.string() }) ]), SSchema')};`,
  ],
  ['min/maxProperties', '3.0', { type: 'object', minProperties: 1, maxProperties: 3 }, `${X} v.pipe(v.record(v.string(), v.unknown()), v.minEntries(1), v.maxEntries(3));`],
  [
    'array with counts and unique primitive items',
    '3.0',
    { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: 3, uniqueItems: true },
    `${X} v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(3), v.check(input => new Set(input).size === input.length, "Items are not unique"));`,
  ],
  ['uniqueItems on objects is not checked', '3.0', { type: 'array', items: { type: 'object' }, uniqueItems: true }, `${X} v.array(v.record(v.string(), v.unknown()));`],
  ['array without items', '3.0', { type: 'array' }, `${X} v.array(v.unknown());`],
  [
    '3.1 prefixItems → tuples',
    '3.1',
    { type: 'array', prefixItems: [{ type: 'string' }, { type: 'number' }], items: false },
    `${X} v.strictTuple([ v.optional<v.GenericSchema>(v.string()), v.optional<v.GenericSchema>(v.number()) ]);`,
  ],
  [
    '3.1 prefixItems with rest',
    '3.1',
    { type: 'array', prefixItems: [{ type: 'string' }], items: { type: 'number' } },
    `${X} v.tupleWithRest([v.optional<v.GenericSchema>(v.string())], v.number());`,
  ],
  [
    'a $ref to a non-component pointer is inlined',
    '3.0',
    { $ref: '#/components/schemas/S2/properties/inner' },
    `${X} v.pipe(v.array(v.boolean()), v.minLength(1));`,
  ],
];

for (const [title, version, schema, want] of cases) {
  test(`schema: ${title}`, () => {
    const extra = { S: { type: 'string' }, S2: { type: 'object', properties: { inner: { type: 'array', items: { type: 'boolean' }, minItems: 1 } } } };
    const { text, warnings } = emit({ X: schema, ...extra }, { version });
    const got = compact(text)
      .replace('export const SSchema: v.GenericSchema = v.string(); ', '')
      .replace(/ ?export const S2Schema: .*$/, '');
    assert.is(got, want);
    assert.equal(warnings, []);
  });
}

test('every valibot call is marked pure, the consts are typed v.GenericSchema', () => {
  const { text } = emit({
    X: { type: 'object', required: ['a'], properties: { a: { type: 'array', items: { $ref: '#/components/schemas/Y' } }, n: { type: 'integer', minimum: 1 } } },
    Y: { oneOf: [{ type: 'string', format: 'uuid' }, { type: 'number', multipleOf: 0.5 }] },
  });
  const calls = text.match(/(?:\/\* @__PURE__ \*\/ )?v\.\w+(?:<[^>]*>)?\(/g) ?? [];
  assert.ok(calls.length > 10);
  assert.equal(calls.filter((c) => !c.startsWith('/* @__PURE__ */')), []);
  const consts = text.match(/^(?:export )?const \w+[^=]*=/gm) ?? [];
  assert.ok(consts.length >= 3);
  for (const declaration of consts) assert.match(declaration, /: v\.GenericSchema =$/);
  assert.not.match(text, /BigInt\(/);
});

test('imports valibot as a namespace from the given specifier, header excluded', () => {
  const { text } = emit({ X: { type: 'string' } });
  assert.ok(text.startsWith('import * as v from "./valibot.js";\n'));
});

test('names: PascalCase + Schema; digits, reserved words, unicode, collisions', () => {
  const { text } = emit({
    'order-item': { type: 'string' },
    order_item: { type: 'string' },
    'Order Item': { type: 'string' },
    '2fa-config': { type: 'string' },
    class: { type: 'string' },
    'café_crème': { type: 'string' },
    'ユーザー': { type: 'string' },
    '🙂': { type: 'string' },
    HTTPError: { type: 'string' },
    'v1.Order': { type: 'string' },
    'simple-user': { type: 'string' },
  });
  const names = [...text.matchAll(/^export const (\S+): /gm)].map((m) => m[1]);
  assert.equal(names, [
    'OrderItemSchema2', 'OrderItemSchema3', 'OrderItemSchema', '_2faConfigSchema', 'ClassSchema', 'CaféCrèmeSchema',
    'ユーザーSchema', 'UnnamedSchema', 'HTTPErrorSchema', 'V1OrderSchema', 'SimpleUserSchema',
  ]);
  // Clashes are settled by the raw names' order, not the document's.
  const pairs = Object.fromEntries([...text.matchAll(/\/\*\* `#\/components\/schemas\/([^`]+)` \*\/\nexport const (\S+):/g)].map((m) => [m[1], m[2]]));
  assert.equal([pairs['Order Item'], pairs['order-item'], pairs['order_item']], ['OrderItemSchema', 'OrderItemSchema2', 'OrderItemSchema3']);
});

test('names: a later clash never renames a schema whose natural name is unique', () => {
  const { text } = emit({ 'a-b': { type: 'string' }, AB: { type: 'string' }, ABSchema2: { type: 'string' }, a_b: { type: 'string' } });
  const pairs = Object.fromEntries([...text.matchAll(/\/\*\* `#\/components\/schemas\/([^`]+)` \*\/\nexport const (\S+):/g)].map((m) => [m[1], m[2]]));
  assert.equal(pairs, { 'a-b': 'ABSchema2', AB: 'ABSchema', ABSchema2: 'ABSchema2Schema', a_b: 'ABSchema3' });
});

const json = 'application/json';
const op = (exportName: string, parts: Partial<Operation> = {}): Operation => ({
  exportName,
  pointer: `#/paths/~1x/${exportName}`,
  requestBody: undefined,
  responses: [],
  parameters: [],
  ...parts,
});

test('operations: body, params and responses consts; $ref bodies reuse the component const', () => {
  const { output, text, warnings } = emit(
    { Order: { type: 'object', properties: { id: { type: 'string' } } }, 'order-item': { type: 'string' } },
    {
      operations: [
        op('createOrder', {
          requestBody: { contentType: json, schema: { $ref: '#/components/schemas/Order' }, pointer: '#/b', required: true },
          parameters: [
            { name: 'orderId', in: 'path', required: true, schema: { type: 'string' }, pointer: '#/p0' },
            { name: 'limit', in: 'query', required: false, schema: { type: 'integer' }, pointer: '#/p1' },
            { name: 'X-Request-Id', in: 'header', required: false, schema: { type: 'string', format: 'uuid' }, pointer: '#/p2' },
            { name: 'session', in: 'cookie', required: true, schema: { type: 'string' }, pointer: '#/p3' },
          ],
          responses: [
            { status: '201', body: { contentType: json, schema: { $ref: '#/components/schemas/Order' }, pointer: '#/r0' }, headers: [], pointer: '#/r' },
            { status: '2XX', body: { contentType: 'application/problem+json', schema: { type: 'object', properties: { n: { type: 'number' } } }, pointer: '#/r1' }, headers: [], pointer: '#/r' },
            { status: 'default', body: { contentType: 'application/json; charset=utf-8', schema: { type: 'array', items: { $ref: '#/components/schemas/order-item' } }, pointer: '#/r2' }, headers: [], pointer: '#/r' },
            { status: '204', body: undefined, headers: [], pointer: '#/r' },
            { status: '400', body: { contentType: 'text/plain', schema: { type: 'string' }, pointer: '#/r3' }, headers: [], pointer: '#/r' },
          ],
        }),
        op('uploadFile', { requestBody: { contentType: 'multipart/form-data', schema: { type: 'object' }, pointer: '#/u', required: true } }),
        op('inlineBody', { requestBody: { contentType: json, schema: { type: 'string', minLength: 1 }, pointer: '#/i', required: false } }),
        op('nullBody', { requestBody: { contentType: json, schema: null as never, pointer: '#/n', required: false } }),
      ],
    },
  );
  assert.equal(warnings, []);
  assert.equal(output.operations, {
    createOrder: {
      body: 'OrderSchema',
      params: 'createOrderParams',
      responses: { '201': 'OrderSchema', '2XX': 'createOrderResponse2XX', default: 'createOrderResponseDefault' },
    },
    uploadFile: { responses: {} },
    inlineBody: { body: 'inlineBodyBody', responses: {} },
    nullBody: { responses: {} },
  });
  const body = compact(text);
  assert.ok(
    body.includes(
      'export const createOrderParams: v.GenericSchema = v.looseObject<v.ObjectEntries>({ path: v.looseObject<v.ObjectEntries>({ orderId: v.string() }), ' +
        'query: v.optional<v.GenericSchema>(v.looseObject<v.ObjectEntries>({ limit: v.optional<v.GenericSchema>(integer) })), ' +
        'header: v.optional<v.GenericSchema>(v.looseObject<v.ObjectEntries>({ "X-Request-Id": v.optional<v.GenericSchema>(uuidString) })), ' +
        // A required cookie makes its group required (the runtime passes `params.cookie`).
        'cookie: v.looseObject<v.ObjectEntries>({ session: v.string() }) });',
    ),
    body,
  );
  assert.ok(body.includes('export const createOrderResponseDefault: v.GenericSchema = v.array(OrderItemSchema);'));
  assert.ok(body.includes('export const createOrderResponse2XX: v.GenericSchema = v.looseObject<v.ObjectEntries>({ n: v.optional<v.GenericSchema>(v.number()) });'));
  // No duplicate const for $ref bodies.
  assert.is(body.match(/export const OrderSchema/g)?.length, 1);
});

test('operations: names never collide with component consts', () => {
  const { output } = emit({ 'create-order-body': { type: 'string' } }, {
    operations: [op('CreateOrderBodySchema', {}), op('createOrder', { requestBody: { contentType: json, schema: { type: 'string' }, pointer: '#/b', required: true } })],
  });
  assert.is(output.operations['createOrder']!.body, 'createOrderBody');
  const { output: clash } = emit({ x: { type: 'string' } }, {
    operations: [op('XSchema', { requestBody: { contentType: json, schema: { type: 'integer' }, pointer: '#/b', required: true } }), op('v', { requestBody: { contentType: json, schema: { type: 'integer' }, pointer: '#/b', required: true } })],
  });
  assert.is(clash.operations['XSchema']!.body, 'XSchemaBody');
  assert.is(clash.operations['v']!.body, 'vBody');
});

test('diagnostics: unknown format once per pointer, invalid pattern, unresolved $ref', () => {
  const { warnings, text } = emit({
    A: { type: 'string', format: 'weird' },
    B: { type: 'object', properties: { p: { type: 'string', format: 'weird' }, q: { $ref: '#/components/schemas/A' } } },
    C: { type: 'string', pattern: '(?<n>a)(?<n>b)' },
    D: { $ref: '#/components/schemas/Missing' },
    E: { type: 'string', pattern: '[\\w-.]' },
  });
  assert.equal(warnings, [
    ['#/components/schemas/A', 'unknown format "weird" not checked'],
    ['#/components/schemas/B/properties/p', 'unknown format "weird" not checked'],
    ['#/components/schemas/C/pattern', 'pattern "(?<n>a)(?<n>b)" is not a regular expression any JavaScript engine accepts; not checked'],
    ['#/components/schemas/D', '$ref "#/components/schemas/Missing" does not resolve; validated as unknown'],
  ]);
  // `[\w-.]` is valid ECMA-262 outside unicode mode: compiled without `u`, and checked.
  assert.ok(compact(text).includes('v.regex(/[\\w-.]/)'), compact(text));
  assert.ok(compact(text).includes('export const DSchema: v.GenericSchema = v.unknown();'));
});

test('patterns: needless escapes translated for u mode, legacy-only patterns without u, never skipped', async () => {
  const { text, warnings } = emit({
    // AWS MediaStore: `\-` outside a class and `\_` are errors in u mode.
    Aws: { type: 'string', pattern: '^\\/?(?:[A-Za-z0-9\\.\\_\\-]+)(?:\\/[A-Za-z0-9\\.\\_\\-]+)*$' },
    Legacy: { type: 'string', pattern: '^[\\w-.]+$' },
    Unicode: { type: 'string', pattern: '^\\p{Lu}.$' },
  });
  assert.equal(warnings, []);
  const got = compact(text);
  assert.ok(got.includes('v.regex(/^\\/?(?:[A-Za-z0-9\\.\\x5f\\-]+)(?:\\/[A-Za-z0-9\\.\\x5f\\-]+)*$/u)'), got);
  assert.ok(got.includes('v.regex(/^[\\w-.]+$/)'), got);
  const module = await load(text, 'patterns');
  const ok = (name: string, value: unknown): boolean => v.safeParse(module[name]!, value).success;
  assert.ok(ok('AwsSchema', '/folder_1/file-2.txt'));
  assert.not.ok(ok('AwsSchema', '/a b'));
  assert.ok(ok('LegacySchema', 'a-b.c_d'));
  assert.not.ok(ok('LegacySchema', 'a b'));
  // Unicode mode kept where the text allows it: `.` is one code point, even an astral one.
  assert.ok(ok('UnicodeSchema', 'A😀'));
});

test('discriminator: a member whose tag is a plain string (mapping only) keeps the union: JSON Schema ignores the mapping', () => {
  const { text, warnings } = emit(
    {
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', kitten: 'Cat' } },
      },
      Base: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Cat: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, lives: { type: 'integer' } } }] },
      Dog: { type: 'object', properties: { kind: { const: 'dog' }, bark: { type: 'boolean' } }, additionalProperties: false },
    },
    { version: '3.1' },
  );
  assert.equal(warnings, []);
  const got = compact(text);
  // `{ kind: 'lion', name: 'x' }` is a valid Cat for JSON Schema although the mapping never says `lion`.
  assert.ok(got.includes('export const PetSchema: v.GenericSchema = v.union([ CatSchema, DogSchema ]);'), got);
});

test('discriminator: variant when every member requires its tag and declares its values', () => {
  const { text, warnings } = emit(
    {
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', kitten: 'Cat' } },
      },
      Base: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Cat: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['kind'], properties: { kind: { enum: ['cat', 'kitten'] }, lives: { type: 'integer' } } }] },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { const: 'dog' }, bark: { type: 'boolean' } }, additionalProperties: false },
    },
    { version: '3.1' },
  );
  assert.equal(warnings, []);
  const got = compact(text);
  assert.ok(
    got.includes(
      'export const PetSchema: v.GenericSchema = v.variant("kind", [ ' +
        'v.looseObject({ name: v.string(), kind: v.picklist(["cat", "kitten"]), lives: v.optional<v.GenericSchema>(integer) }), ' +
        'v.strictObject({ kind: v.literal("dog"), bark: v.optional<v.GenericSchema>(v.boolean()) }) ]);',
    ),
    got,
  );
});

test('discriminator: an unresolvable mapping target warns at the entry and falls back to a union', () => {
  const { text, warnings } = emit({
    Shape: {
      oneOf: [{ $ref: '#/components/schemas/Sq' }, { $ref: '#/components/schemas/Ci' }],
      discriminator: { propertyName: 't', mapping: { sq: 'models/shapes.yml#/square', ci: '#/components/schemas/Ci', 'a/b': '#/nowhere' } },
    },
    Sq: { type: 'object', properties: { t: { const: 'sq' } } },
    Ci: { type: 'object', properties: { t: { const: 'ci' } } },
  });
  assert.equal(warnings, [
    ['#/components/schemas/Shape/discriminator/mapping/sq', 'discriminator mapping target "models/shapes.yml#/square" does not resolve; validated as a plain union'],
    ['#/components/schemas/Shape/discriminator/mapping/a~1b', 'discriminator mapping target "#/nowhere" does not resolve; validated as a plain union'],
  ]);
  assert.ok(compact(text).includes('export const ShapeSchema: v.GenericSchema = v.union([ SqSchema, CiSchema ]);'));
});

test('discriminator: members that are not plain objects fall back to a union', () => {
  const { text, warnings } = emit({
    U: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'object', properties: { t: { const: 'o' } } }], discriminator: { propertyName: 't' } },
    W: { oneOf: [{ type: 'object', properties: { t: { type: 'string' } } }], discriminator: { propertyName: 't' } },
  });
  assert.equal(warnings, []);
  const got = compact(text);
  assert.ok(got.includes('export const USchema: v.GenericSchema = v.union([ v.array(v.string()), v.looseObject<v.ObjectEntries>({ t: v.optional<v.GenericSchema>(v.literal("o")) }) ]);'), got);
  assert.ok(got.includes('export const WSchema: v.GenericSchema = v.looseObject<v.ObjectEntries>({ t: v.optional<v.GenericSchema>(v.string()) });'), got);
});

test('order: dependencies first; forward and recursive references use v.lazy', () => {
  const { text } = emit({
    Tree: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } }, owner: { $ref: '#/components/schemas/User' } } },
    User: { type: 'object', properties: { name: { type: 'string' } } },
    A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
    B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
  });
  const names = [...text.matchAll(/^export const (\S+): /gm)].map((m) => m[1]);
  assert.equal(names, ['UserSchema', 'TreeSchema', 'BSchema', 'ASchema']);
  const got = compact(text);
  assert.ok(got.includes('children: v.optional<v.GenericSchema>(v.array(v.lazy(() => TreeSchema))), owner: v.optional<v.GenericSchema>(UserSchema)'), got);
  assert.ok(got.includes('export const BSchema: v.GenericSchema = v.looseObject<v.ObjectEntries>({ a: v.optional<v.GenericSchema>(v.lazy(() => ASchema)) });'), got);
  assert.ok(got.includes('export const ASchema: v.GenericSchema = v.looseObject<v.ObjectEntries>({ b: v.optional<v.GenericSchema>(BSchema) });'), got);
});

test('a recursive $ref outside components is cut with a warning', () => {
  const { text, warnings } = emit(
    { R: { $ref: '#/x-defs/node' } },
    { extra: { 'x-defs': { node: { type: 'object', properties: { next: { $ref: '#/x-defs/node' } } } } } },
  );
  assert.equal(warnings, [['#/x-defs/node', 'recursive $ref to a schema outside #/components/schemas; the recursion is validated as unknown']]);
  assert.ok(compact(text).includes('export const RSchema: v.GenericSchema = v.looseObject<v.ObjectEntries>({ next: v.optional<v.GenericSchema>(v.unknown()) });'));
});

test('$ref pointers: ~0/~1 escapes and percent-encoding resolve', () => {
  const { text, warnings } = emit(
    { R: { type: 'array', items: { $ref: '#/paths/~1a~1%7Bid%7D/get/x' } }, T: { $ref: '#/components/schemas/a~1b~0c' }, 'a/b~c': { type: 'boolean' } },
    { extra: { paths: { '/a/{id}': { get: { x: { type: 'integer' } } } } } },
  );
  assert.equal(warnings, []);
  const got = compact(text);
  assert.ok(got.includes('export const RSchema: v.GenericSchema = v.array(integer);'), got);
  assert.ok(got.includes('export const TSchema: v.GenericSchema = ABCSchema;'), got);
});

test('deterministic: same input, same bytes', () => {
  const schemas = {
    Z: { type: 'object', properties: { a: { $ref: '#/components/schemas/Y' }, n: { type: 'integer', maximum: 3 } } },
    Y: { oneOf: [{ $ref: '#/components/schemas/Z' }, { type: 'string', format: 'date-time' }] },
  };
  const ops = [op('getZ', { responses: [{ status: '200', body: { contentType: json, schema: { type: 'array', items: { $ref: '#/components/schemas/Z' } }, pointer: '#/r' }, headers: [], pointer: '#/r' }] })];
  assert.is(emit(structuredClone(schemas), { operations: ops }).text, emit(structuredClone(schemas), { operations: ops }).text);
});

test('runtime: generated module validates, including recursive and discriminated data', async () => {
  const { text } = emit(
    {
      Tree: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 1 }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } },
      Pet: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } },
      },
      Cat: { type: 'object', required: ['kind', 'lives'], properties: { kind: { type: 'string' }, lives: { type: 'integer', minimum: 0, maximum: 9 } } },
      Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string' }, born: { type: 'string', format: 'date-time' } } },
      Price: { type: 'number', multipleOf: 0.01, exclusiveMinimum: 0 },
      Tags: { type: 'array', items: { type: 'string' }, uniqueItems: true },
      Strict: { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
      Loose: { type: 'object', properties: { a: { type: 'string' } } },
      Emoji: { type: 'string', maxLength: 2 },
    },
    { version: '3.1' },
  );
  const dir = scratchPath('validators', 'unit');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'valibot.ts'), "export * from 'valibot';\n");
  await writeFile(join(dir, 'validators.ts'), text);
  const m = (await import(pathToFileURL(join(dir, 'validators.ts')).href)) as Record<string, v.GenericSchema>;
  const ok = (schema: string, value: unknown): boolean => v.safeParse(m[schema]!, value).success;

  const deep = { name: 'root', children: [{ name: 'a', children: [{ name: 'b', children: [] }] }] };
  assert.ok(ok('TreeSchema', deep));
  assert.not.ok(ok('TreeSchema', { name: 'root', children: [{ name: 'a', children: [{ name: '' }] }] }));
  const issue = v.safeParse(m['TreeSchema']!, { name: 'root', children: [{ name: 'a', children: [{ name: 5 }] }] }).issues?.[0];
  assert.equal(v.getDotPath(issue!), 'children.0.children.0.name');

  assert.ok(ok('PetSchema', { kind: 'cat', lives: 9 }));
  assert.ok(ok('PetSchema', { kind: 'dog', born: '2024-01-02T03:04:05.123+01:00' }));
  assert.ok(ok('PetSchema', { kind: 'dog', born: '2024-01-02t03:04:05z' }));
  assert.not.ok(ok('PetSchema', { kind: 'dog', born: 'yesterday' }));
  // Not a Cat (lives > 9), but a valid Dog: Dog's `kind` is any string and extra keys are allowed.
  assert.ok(ok('PetSchema', { kind: 'cat', lives: 10 }));
  assert.not.ok(ok('PetSchema', { kind: 'cat', lives: 10, born: 'yesterday' }));
  // For the same reason a cow is a Dog.
  assert.ok(ok('PetSchema', { kind: 'cow' }));
  assert.not.ok(ok('PetSchema', { kind: 'cow', born: 'yesterday' }));

  assert.ok(ok('PriceSchema', 0.07));
  assert.ok(ok('PriceSchema', 19.99));
  assert.not.ok(ok('PriceSchema', 0.075));
  assert.not.ok(ok('PriceSchema', 0));
  assert.ok(ok('TagsSchema', ['a', 'b']));
  assert.not.ok(ok('TagsSchema', ['a', 'a']));
  assert.ok(ok('StrictSchema', { a: 'x' }));
  assert.not.ok(ok('StrictSchema', { a: 'x', b: 1 }));
  assert.ok(ok('EmojiSchema', '🙂🙂'));
  assert.not.ok(ok('EmojiSchema', '🙂🙂🙂'));
  // Unknown keys pass through untouched: data is never lost.
  assert.equal(v.parse(m['LooseSchema']!, { a: 'x', extra: { deep: [1] } }), { a: 'x', extra: { deep: [1] } });
});

// This suite's scratch folders go with it (the runner removes the rest of its run folder).
test.after(() => cleanScratch('validators'));

test.run();
