/**
 * Reading the loaded spec document for the API reference: JSON pointers (RFC 6901), local
 * `$ref`s, and the names of component schemas, so the reference shows what the spec wrote
 * (descriptions, examples) beside what the codegen model keeps.
 */
import type { SchemaNode } from '../codegen/model.js';

export type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The node at `pointer` (`#/paths/~1orders/get`), or undefined. */
export function at(document: Json, pointer: string): unknown {
  if (pointer === '#' || pointer === '') return document;
  let node: unknown = document;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isObject(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** Follows local `$ref`s (at most 20, so a cycle of refs ends) to the node they name. */
export function deref(document: Json, node: unknown): unknown {
  let current = node;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current['$ref'] === 'string'; hops++) {
    const ref = current['$ref'];
    current = ref.startsWith('#') ? at(document, ref) : undefined;
  }
  return current;
}

/** The object at `pointer` after following refs, or an empty object. */
export function objectAt(document: Json, pointer: string): Json {
  const node = deref(document, at(document, pointer));
  return isObject(node) ? node : {};
}

/** `Order` for `{ $ref: '#/components/schemas/Order' }`, else undefined. */
export function componentName(schema: SchemaNode | unknown): string | undefined {
  if (!isObject(schema) || typeof schema['$ref'] !== 'string') return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema['$ref']);
  return match ? decodeURIComponent(match[1]!).replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** The component schemas of the document, sorted by name (deterministic output). */
export function componentSchemas(document: Json): Array<[string, Json]> {
  const components = isObject(document['components']) ? document['components'] : {};
  const schemas = isObject(components['schemas']) ? components['schemas'] : {};
  return Object.keys(schemas)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => [name, isObject(schemas[name]) ? (schemas[name] as Json) : {}]);
}

/** A string field of a node, trimmed, or undefined. */
export function text(node: unknown, field: string): string | undefined {
  if (!isObject(node)) return undefined;
  const value = node[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export { isObject };
