/**
 * A schema in one line of Markdown for the API reference: `string (date-time)`, `'a' | 'b'`,
 * [`Order`](#order)`[]`. Not a type checker: the generated `schema.d.ts` is the exact type;
 * this is what a reader scanning a table needs.
 */
import { componentName, isObject } from './spec-nodes.js';

/** The heading anchor GitHub gives `### Order` (lower case, spaces to dashes, punctuation dropped). */
export function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** A link to a component schema's section. */
export const typeLink = (name: string): string => `[\`${name}\`](#${anchor(name)})`;

const code = (value: string): string => `\`${value.replace(/`/g, "'")}\``;

/** One schema as a short Markdown type; `depth` keeps deeply nested inline schemas short. */
export function summarize(schema: unknown, depth = 0): string {
  if (schema === true || schema === undefined) return code('unknown');
  if (schema === false) return code('never');
  if (!isObject(schema)) return code('unknown');
  const ref = componentName(schema);
  if (ref) return typeLink(ref);
  if (Array.isArray(schema['enum'])) return schema['enum'].map((value) => code(JSON.stringify(value))).join(' \\| ');
  if ('const' in schema) return code(JSON.stringify(schema['const']));
  for (const [key, joiner] of [['oneOf', ' \\| '], ['anyOf', ' \\| '], ['allOf', ' & ']] as const) {
    const parts = schema[key];
    if (Array.isArray(parts) && parts.length > 0) return depth > 2 ? code(key) : parts.map((part) => summarize(part, depth + 1)).join(joiner);
  }
  const types = Array.isArray(schema['type']) ? schema['type'].filter((t): t is string => typeof t === 'string') : typeof schema['type'] === 'string' ? [schema['type']] : [];
  const nullable = schema['nullable'] === true && !types.includes('null');
  const shown = types.length === 0 ? [inferred(schema)] : types;
  const parts = shown.map((type) => one(type, schema, depth));
  if (nullable) parts.push(code('null'));
  return parts.join(' \\| ');
}

function inferred(schema: Record<string, unknown>): string {
  if ('properties' in schema || 'additionalProperties' in schema) return 'object';
  if ('items' in schema) return 'array';
  return 'unknown';
}

function one(type: string, schema: Record<string, unknown>, depth: number): string {
  if (type === 'array') {
    const items = summarize(schema['items'], depth + 1);
    return items.includes(' ') ? `array of ${items}` : `${items}[]`;
  }
  if (type === 'object') {
    const additional = schema['additionalProperties'];
    if (!isObject(schema['properties']) && isObject(additional)) return `map of ${summarize(additional, depth + 1)}`;
    return code('object');
  }
  const format = typeof schema['format'] === 'string' ? ` (${schema['format']})` : '';
  return `${code(type === 'integer' ? 'integer' : type)}${format}`;
}

/** Constraints worth a reader's eye (length, range, pattern, default), as a short phrase. */
export function constraints(schema: unknown): string {
  if (!isObject(schema)) return '';
  const notes: string[] = [];
  const pairs: Array<[string, string]> = [
    ['minLength', 'min length'], ['maxLength', 'max length'], ['minimum', '≥'], ['maximum', '≤'],
    ['exclusiveMinimum', '>'], ['exclusiveMaximum', '<'], ['minItems', 'min items'], ['maxItems', 'max items'],
  ];
  for (const [key, label] of pairs) if (typeof schema[key] === 'number') notes.push(`${label} ${String(schema[key])}`);
  if (typeof schema['pattern'] === 'string') notes.push(`pattern ${code(schema['pattern'])}`);
  if ('default' in schema) notes.push(`default ${code(JSON.stringify(schema['default']))}`);
  if (schema['readOnly'] === true) notes.push('read-only');
  if (schema['writeOnly'] === true) notes.push('write-only');
  if (schema['deprecated'] === true) notes.push('deprecated');
  return notes.join(', ');
}
