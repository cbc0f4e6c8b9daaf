/**
 * A small JSON Schema (2020-12 subset, as used by OpenAPI 3.1) validator. It reports every
 * issue with a JSON pointer to the offending value, which is what 422 ValidationProblem bodies
 * carry. The server validates requests with it against the spec itself, so the spec and the
 * server cannot drift apart silently; tests use it to check responses.
 *
 * Supported: $ref (local), type (incl. arrays), const, enum, string length/pattern/format,
 * numeric bounds, array bounds/items/uniqueItems, object properties/required/
 * additionalProperties/min/maxProperties, allOf, anyOf, oneOf (+ discriminator), not.
 */

export interface Issue {
  /** JSON pointer (RFC 6901) to the value, `''` for the root. */
  pointer: string;
  detail: string;
  /** The failed keyword, e.g. `required`, `maximum`. */
  code: string;
}

type Schema = Record<string, unknown> | boolean;

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function resolveRef(root: unknown, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`Only local $refs are supported: ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  }
  if (node === undefined) throw new Error(`Unresolvable $ref: ${ref}`);
  return node as Schema;
}

/** Validates `value` against `schema`; `root` is the document `$ref`s resolve against. */
export function validate(schema: unknown, value: unknown, root: unknown, pointer = ''): Issue[] {
  const issues: Issue[] = [];
  check(schema as Schema, value, pointer, issues, root);
  return issues;
}

const FORMATS: Record<string, (s: string) => boolean> = {
  email: (s) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  uri: (s) => URL.canParse(s),
  'date-time': (s) =>
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)),
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeOf(value) === type;
  }
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const list = (values: unknown[]) => values.map((v) => JSON.stringify(v)).join(', ');

function check(schema: Schema, value: unknown, ptr: string, out: Issue[], root: unknown): void {
  if (schema === true) return;
  if (schema === false) {
    out.push({ pointer: ptr, detail: 'is not allowed', code: 'false' });
    return;
  }
  const s = schema;
  const add = (detail: string, code: string, at = ptr) => out.push({ pointer: at, detail, code });

  if (typeof s.$ref === 'string') check(resolveRef(root, s.$ref), value, ptr, out, root);

  if (s.type !== undefined) {
    const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
    if (!types.some((t) => hasType(value, t))) {
      add(`must be ${types.map(article).join(' or ')}`, 'type');
      return; // further keywords would only repeat the same mistake
    }
  }
  if ('const' in s && JSON.stringify(s.const) !== JSON.stringify(value)) add(`must be ${JSON.stringify(s.const)}`, 'const');
  if (Array.isArray(s.enum) && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) {
    add(`must be one of: ${list(s.enum)}`, 'enum');
  }

  if (typeof value === 'string') checkString(s, value, add);
  if (typeof value === 'number') checkNumber(s, value, add);
  if (Array.isArray(value)) checkArray(s, value, ptr, out, root, add);
  else if (value !== null && typeof value === 'object') checkObject(s, value as Record<string, unknown>, ptr, out, root, add);

  if (Array.isArray(s.allOf)) for (const sub of s.allOf) check(sub as Schema, value, ptr, out, root);
  if (Array.isArray(s.anyOf)) {
    const results = s.anyOf.map((sub) => validate(sub, value, root, ptr));
    if (!results.some((r) => r.length === 0)) out.push(...closest(results));
  }
  if (Array.isArray(s.oneOf)) checkOneOf(s, value, ptr, out, root, add);
  if (s.not !== undefined && validate(s.not, value, root, ptr).length === 0) add('must not match the excluded shape', 'not');
}

type Add = (detail: string, code: string, at?: string) => void;

function checkString(s: Record<string, unknown>, value: string, add: Add): void {
  const length = [...value].length;
  if (typeof s.minLength === 'number' && length < s.minLength) {
    add(s.minLength === 1 ? 'must not be empty' : `must be at least ${s.minLength} characters`, 'minLength');
  }
  if (typeof s.maxLength === 'number' && length > s.maxLength) add(`must be at most ${s.maxLength} characters`, 'maxLength');
  if (typeof s.pattern === 'string' && !new RegExp(s.pattern, 'u').test(value)) add(`must match ${s.pattern}`, 'pattern');
  const format = typeof s.format === 'string' ? FORMATS[s.format] : undefined;
  if (format && !format(value)) add(`must be a valid ${s.format as string}`, 'format');
}

function checkNumber(s: Record<string, unknown>, value: number, add: Add): void {
  if (typeof s.minimum === 'number' && value < s.minimum) add(`must be >= ${s.minimum}`, 'minimum');
  if (typeof s.maximum === 'number' && value > s.maximum) add(`must be <= ${s.maximum}`, 'maximum');
  if (typeof s.exclusiveMinimum === 'number' && value <= s.exclusiveMinimum) add(`must be > ${s.exclusiveMinimum}`, 'exclusiveMinimum');
  if (typeof s.exclusiveMaximum === 'number' && value >= s.exclusiveMaximum) add(`must be < ${s.exclusiveMaximum}`, 'exclusiveMaximum');
  if (typeof s.multipleOf === 'number' && !Number.isInteger(value / s.multipleOf)) add(`must be a multiple of ${s.multipleOf}`, 'multipleOf');
}

function checkArray(s: Record<string, unknown>, value: unknown[], ptr: string, out: Issue[], root: unknown, add: Add): void {
  if (typeof s.minItems === 'number' && value.length < s.minItems) add(`must have at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`, 'minItems');
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) add(`must have at most ${s.maxItems} items`, 'maxItems');
  if (s.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) add('must not contain duplicates', 'uniqueItems');
  if (s.items !== undefined) value.forEach((item, i) => check(s.items as Schema, item, `${ptr}/${i}`, out, root));
}

function checkObject(
  s: Record<string, unknown>,
  value: Record<string, unknown>,
  ptr: string,
  out: Issue[],
  root: unknown,
  add: Add,
): void {
  const props = (s.properties ?? {}) as Record<string, Schema>;
  const keys = Object.keys(value);
  if (Array.isArray(s.required)) {
    for (const name of s.required as string[]) if (!(name in value)) add('is required', 'required', `${ptr}/${escapePointer(name)}`);
  }
  if (typeof s.minProperties === 'number' && keys.length < s.minProperties) add(`must have at least ${s.minProperties} propert${s.minProperties === 1 ? 'y' : 'ies'}`, 'minProperties');
  if (typeof s.maxProperties === 'number' && keys.length > s.maxProperties) add(`must have at most ${s.maxProperties} properties`, 'maxProperties');
  for (const key of keys) {
    const at = `${ptr}/${escapePointer(key)}`;
    const sub = props[key];
    if (sub !== undefined) check(sub, value[key], at, out, root);
    else if (s.additionalProperties === false) add('is not a known property', 'additionalProperties', at);
    else if (s.additionalProperties !== undefined) check(s.additionalProperties as Schema, value[key], at, out, root);
  }
}

function checkOneOf(s: Record<string, unknown>, value: unknown, ptr: string, out: Issue[], root: unknown, add: Add): void {
  const branches = s.oneOf as Schema[];
  const disc = s.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  if (disc && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const tag = (value as Record<string, unknown>)[disc.propertyName];
    const at = `${ptr}/${escapePointer(disc.propertyName)}`;
    const mapping = disc.mapping ?? implicitMapping(branches);
    if (tag === undefined) return add('is required', 'required', at);
    const ref = typeof tag === 'string' ? mapping[tag] : undefined;
    if (ref === undefined) return add(`must be one of: ${list(Object.keys(mapping))}`, 'discriminator', at);
    return check({ $ref: ref }, value, ptr, out, root);
  }
  const results = branches.map((sub) => validate(sub, value, root, ptr));
  const passed = results.filter((r) => r.length === 0).length;
  if (passed === 0) out.push(...closest(results));
  else if (passed > 1) add('matches more than one allowed shape', 'oneOf');
}

function implicitMapping(branches: Schema[]): Record<string, string> {
  const mapping: Record<string, string> = {};
  for (const b of branches) {
    const ref = typeof b === 'object' && typeof b.$ref === 'string' ? b.$ref : undefined;
    if (ref) mapping[ref.slice(ref.lastIndexOf('/') + 1)] = ref;
  }
  return mapping;
}

/** The failing branch that came closest (fewest issues, and not a bare type mismatch if avoidable). */
function closest(results: Issue[][]): Issue[] {
  const score = (r: Issue[]) => r.length + (r.length === 1 && r[0]?.code === 'type' ? 0.5 : 0);
  return results.reduce((best, r) => (score(r) < score(best) ? r : best));
}
