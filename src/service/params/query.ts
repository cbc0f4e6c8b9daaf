/**
 * The query string of a call, per OpenAPI's query styles: `form` (default, explode true),
 * `spaceDelimited`, `pipeDelimited`, `deepObject`, with or without explode, `allowReserved`
 * and `content`. Combinations the specification leaves undefined (a delimited or deepObject
 * primitive, a delimited style exploded, a deepObject array) are sent as `form` with the same
 * explode, the reading servers most often share.
 * @see https://spec.openapis.org/oas/v3.1.1#style-examples
 */
import type { ParameterMeta } from '../../contract/operation.js';
import { classify, encodeReserved, encodeStrict, primitiveText, type ValueKind } from './encode.js';
import { ParameterSerializationError } from './errors.js';
import type { LocationParams } from './lookup.js';

// The delimiters of the delimited styles, percent-encoded as RFC 3986 wants them in a query.
const DELIMITER: Readonly<Record<string, string>> = { form: ',', spaceDelimited: '%20', pipeDelimited: '%7C' };

/** `a=1&b=2` (no `?`) for the call's query values; `''` when nothing is sent. */
export function serializeQuery(values: Readonly<Record<string, unknown>>, params: LocationParams): string {
  let out = '';
  for (const name in values) {
    if (!Object.prototype.hasOwnProperty.call(values, name)) continue;
    const value = values[name];
    const declared = params?.get(name);
    let part: string;
    // The usual case: an undeclared-style string or number, one `name=value`.
    if (declared === undefined && (typeof value === 'string' || typeof value === 'number')) {
      part = `${encodeStrict(name, 'query', name)}=${encodeStrict(String(value), 'query', name)}`;
    } else {
      part = serializeOne(name, value, declared);
    }
    if (part !== '') out = out === '' ? part : `${out}&${part}`;
  }
  return out;
}

/** One parameter's `name=value` pairs, joined with `&`; `''` when it is absent. */
export function serializeOne(name: string, value: unknown, declared: ParameterMeta | undefined): string {
  const style = declared?.style ?? 'form';
  const explode = declared?.explode ?? style === 'form';
  const encValue = declared?.allowReserved === true ? encodeReserved : encodeStrict;
  const v = (text: string): string => encValue(text, 'query', name);
  const k = (text: string): string => encodeStrict(text, 'query', name);
  if (style === 'deepObject' && declared?.content === undefined && isPlainObject(value)) return deepObject(name, value, k, v);
  const delimiter = DELIMITER[style] ?? ',';
  return formPairs(name, classify(value, 'query', name, declared?.content), style, explode)
    .map(([key, parts]) => `${k(key)}=${parts.map(v).join(delimiter)}`)
    .join('&');
}

/** One `key=value` of a form-style expansion before encoding: `parts` are encoded one by one, then joined by the style's delimiter. */
export type FormPair = readonly [key: string, parts: ReadonlyArray<string>];

/**
 * The pairs a classified value expands to under a query style, without encoding: the rules a
 * query parameter and an `application/x-www-form-urlencoded` body field share (each caller
 * encodes and delimits for its own medium). Exploded arrays repeat the key, exploded objects
 * spread their properties, unexploded values become one pair of delimited parts, deepObject
 * members are `name[key]` pairs. A deepObject array repeats its key (undefined by the
 * specification; what servers read).
 */
export function formPairs(name: string, kind: ValueKind, style: string, explode: boolean): FormPair[] {
  switch (kind.kind) {
    case 'absent':
      return [];
    case 'primitive':
      return [[name, [kind.text]]];
    case 'array':
      if (explode || style === 'deepObject') return kind.items.map((item) => [name, [item]]);
      return [[name, kind.items]];
    case 'object':
      if (style === 'deepObject') return kind.entries.map(([key, text]) => [`${name}[${key}]`, [text]]);
      if (explode) return kind.entries.map(([key, text]) => [key, [text]]);
      return [[name, kind.entries.flat()]];
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * `name[k]=v` per property; nested objects go one bracket deeper (`name[a][b]=v`) and arrays
 * repeat their key (`name[a]=1&name[a]=2`): the specification defines one level only, this is
 * what qs, Rails and PHP read. Brackets are percent-encoded (RFC 3986 reserves them).
 */
function deepObject(name: string, value: Record<string, unknown>, k: (t: string) => string, v: (t: string) => string): string {
  const pairs: string[] = [];
  const walk = (prefix: string, node: unknown, depth: number): void => {
    if (node === undefined || node === null) return;
    // Beyond any sane nesting; the validator's own limit is far below this.
    if (depth > 32) throw new ParameterSerializationError('unsupported_value', 'query', name, 'a deepObject value nested deeper than 32 levels');
    if (Array.isArray(node)) for (const item of node) walk(prefix, item, depth + 1);
    else if (isPlainObject(node)) for (const key of Object.keys(node)) walk(`${prefix}%5B${k(key)}%5D`, node[key], depth + 1);
    else pairs.push(`${prefix}=${v(primitiveText(node, 'query', name))}`);
  };
  walk(k(name), value, 0);
  return pairs.join('&');
}
