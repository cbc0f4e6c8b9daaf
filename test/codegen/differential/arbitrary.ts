/**
 * Values to judge, derived from a schema with fast-check: mostly near the schema (declared types,
 * enum members, bounds ± 1, formats, required and optional keys, union members) and sometimes
 * anything at all, so both judges see valid and invalid data. Validity is not the goal: the
 * reference decides it. Depth-bounded, so recursive schemas stay finite.
 */
import fc from 'fast-check';
import { resolveLocalRef } from '../fixtures/validators/samples.js';

type Obj = Record<string, unknown>;
type Arb = fc.Arbitrary<unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

const MAX_DEPTH = 5;

const FORMAT_VALUES: Record<string, string[]> = {
  'date-time': ['2024-01-02T03:04:05Z', '2024-01-02 03:04:05+01:00', '2024-01-02T03:04:05', '2024-02-30T03:04:05Z', '2024-01-02\t03:04:05Z'],
  date: ['2024-01-02', '2024-02-30', '2024-1-2'],
  time: ['03:04:05Z', '03:04:05', '25:00:00Z'],
  email: ['a@example.com', "o'brien+tag@example.co.uk", 'a@b', 'not an email'],
  uuid: ['123e4567-e89b-12d3-a456-426614174000', 'urn:uuid:123e4567-e89b-12d3-a456-426614174000', '123e4567'],
  uri: ['https://example.com/a?b=c#d', 'urn:isbn:0451450523', 'mailto:a@b.c', 'http://h:99999', '/relative', 'not a uri'],
  url: ['https://example.com/a', 'http://h:99999', 'not a url'],
  ipv4: ['192.0.2.1', '256.0.0.1'],
  ipv6: ['2001:db8::1', '::ffff:192.0.2.1', 'fe80::1', '2001:db8:::1'],
  ip: ['192.0.2.1', '::1', 'x'],
};

const anyJson: Arb = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer({ min: -3, max: 3 }), fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 4 }), fc.constant([]), fc.constant({}), fc.constant([1, 'a']), fc.constant({ a: 1 }),
);

export class Arbitraries {
  constructor(private readonly doc: Obj, private readonly version: '3.0' | '3.1') {}

  private resolve(ref: string): unknown {
    return resolveLocalRef(this.doc, ref);
  }

  /** An arbitrary of values near `schema`. */
  of(schema: unknown, depth = 0): Arb {
    if (depth > MAX_DEPTH) return fc.oneof(fc.constant(null), fc.constant('x'), fc.constant(1));
    if (schema === false) return anyJson;
    if (!isObj(schema)) return anyJson;
    if (typeof schema['$ref'] === 'string') {
      const target = this.resolve(schema['$ref']);
      const rest = Object.fromEntries(Object.entries(schema).filter(([key]) => key !== '$ref'));
      if (this.version === '3.0' || Object.keys(rest).length === 0) return this.of(target, depth + 1);
      return this.merged([this.of(target, depth + 1), this.of(rest, depth + 1)]);
    }
    const parts: Arb[] = [];
    const own = this.own(schema, depth);
    if (own) parts.push(own);
    if (Array.isArray(schema['allOf'])) parts.push(...schema['allOf'].map((member) => this.of(member, depth + 1)));
    for (const key of ['oneOf', 'anyOf']) {
      const members = schema[key];
      if (Array.isArray(members) && members.length > 0) parts.push(fc.oneof(...members.map((member) => this.of(member, depth + 1))));
    }
    const value = parts.length === 0 ? anyJson : this.merged(parts);
    return schema['nullable'] === true ? fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : value;
  }

  /** Conjunction: objects are merged key by key; otherwise one part's value is taken. */
  private merged(parts: Arb[]): Arb {
    if (parts.length === 1) return parts[0]!;
    return fc.tuple(fc.nat(parts.length - 1), ...parts).map(([pick, ...values]) => {
      if (values.every(isObj)) return Object.assign({}, ...values);
      return values[pick];
    });
  }

  private own(node: Obj, depth: number): Arb | undefined {
    const values = 'const' in node ? [node['const']] : Array.isArray(node['enum']) ? node['enum'] : undefined;
    if (values && values.length > 0) return fc.oneof({ arbitrary: fc.constantFrom(...values), weight: 5 }, { arbitrary: anyJson, weight: 1 });
    const declared = node['type'];
    let types = typeof declared === 'string' ? [declared] : Array.isArray(declared) ? (declared as string[]) : undefined;
    if (types === undefined) {
      const implied = [
        ...(['properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties'].some((k) => k in node) ? ['object'] : []),
        ...(['items', 'prefixItems', 'minItems', 'maxItems', 'uniqueItems'].some((k) => k in node) ? ['array'] : []),
        ...(['pattern', 'minLength', 'maxLength', 'format'].some((k) => k in node) ? ['string'] : []),
        ...(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'].some((k) => k in node) ? ['number'] : []),
      ];
      if (implied.length === 0) return undefined;
      types = [...implied, 'any'];
    }
    return fc.oneof(...types.map((type) => this.typed(type, node, depth)));
  }

  private typed(type: string, node: Obj, depth: number): Arb {
    switch (type) {
      case 'string':
        return this.string(node);
      case 'integer':
      case 'number':
        return this.number(node, type === 'integer');
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'array':
        return this.array(node, depth);
      case 'object':
        return this.object(node, depth);
      default:
        return anyJson;
    }
  }

  private string(node: Obj): Arb {
    const min = typeof node['minLength'] === 'number' ? node['minLength'] : 0;
    const max = typeof node['maxLength'] === 'number' ? node['maxLength'] : min + 8;
    const fixed = [
      'x'.repeat(min), 'x'.repeat(Math.max(0, min - 1)), 'x'.repeat(Math.min(max, min + 1)), '😀'.repeat(Math.min(max, Math.max(min, 1))),
      ...(typeof node['format'] === 'string' ? FORMAT_VALUES[node['format']] ?? [] : []),
      ...(typeof node['example'] === 'string' ? [node['example']] : []),
    ];
    return fc.oneof(fc.constantFrom(...fixed), fc.string({ minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, min + 12), unit: 'grapheme-ascii' }));
  }

  private number(node: Obj, integer: boolean): Arb {
    const bounds = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'].map((key) => node[key]).filter((b): b is number => typeof b === 'number');
    const step = typeof node['multipleOf'] === 'number' ? node['multipleOf'] : 1;
    const fixed = [0, 1, -1, 1.0, 2 ** 53 + 2, 1e21, 0.5, step, step * 7, step * 3 + step / 2, ...bounds.flatMap((b) => [b, b + 1, b - 1, b + step, b - step, b + 0.5])];
    const random = integer ? fc.integer({ min: -1000, max: 1000 }) : fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    return fc.oneof(fc.constantFrom(...fixed), random);
  }

  private array(node: Obj, depth: number): Arb {
    const min = typeof node['minItems'] === 'number' ? node['minItems'] : 0;
    const max = typeof node['maxItems'] === 'number' ? node['maxItems'] : min + 3;
    const items = node['items'];
    const prefix = Array.isArray(node['prefixItems']) ? node['prefixItems'] : Array.isArray(items) ? items : undefined;
    if (prefix) {
      const rest = Array.isArray(node['prefixItems']) && isObj(items) ? this.of(items, depth + 1) : anyJson;
      return fc
        .tuple(fc.tuple(...prefix.map((item) => this.of(item, depth + 1))), fc.nat(prefix.length + 1), fc.array(rest, { maxLength: 2 }))
        .map(([values, length, more]) => (length > prefix.length ? [...values, ...more] : values.slice(0, length)));
    }
    const item = items === undefined || items === true ? anyJson : this.of(items, depth + 1);
    const arrays = fc.array(item, { minLength: Math.max(0, min - 1), maxLength: Math.min(max + 1, Math.max(min, 1) + 2) });
    // Duplicates exercise uniqueItems.
    return fc.oneof(arrays, item.map((value) => [value, value]));
  }

  private object(node: Obj, depth: number): Arb {
    const properties = isObj(node['properties']) ? node['properties'] : {};
    const required = Array.isArray(node['required']) ? node['required'].filter((key): key is string => typeof key === 'string') : [];
    const keys = Object.keys(properties).slice(0, 40);
    const model: Record<string, Arb> = {};
    for (const key of keys) if (depth < 4 || required.includes(key)) model[key] = this.of(properties[key], depth + 1);
    for (const key of required) model[key] ??= anyJson;
    const additional = node['additionalProperties'];
    const extra = isObj(additional) ? this.of(additional, depth + 1) : anyJson;
    const record = fc.record(model, { requiredKeys: required.filter((key) => key in model) });
    const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
      fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
    const dropped = fc.constantFrom(...(required.length > 0 ? required : ['x']));
    return fc.tuple(record, sometimes(extra), sometimes(dropped)).map(([value, more, drop]) => {
      const out: Obj = { ...value };
      if (more !== undefined) out['extraKey'] = more;
      if (drop !== undefined) delete out[drop];
      return out;
    });
  }
}
