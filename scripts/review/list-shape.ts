/**
 * Finds the list in a success body's JSON Schema: the body itself (`type: array`) or the one
 * array property of a page object (`items`, `data`… as pagination.ts names them), with whether
 * it declares `maxItems`. Follows `$ref` and `allOf` like the generator's pagination detection.
 */
import { deref } from '../codegen/refs.js';
import { joinPointer } from '../codegen/spec-error.js';
import type { ListShape } from '../../src/review/types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const ITEM_FIELDS = ['items', 'data', 'results', 'records', 'entries', 'nodes'];
const MAX_ALLOF_DEPTH = 8;

function isArray(node: Obj): boolean {
  return node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array')) || isObj(node.items) || Array.isArray(node.prefixItems);
}

/** Array-valued properties of an object schema (own and through allOf), with their pointers. */
function arrayProperties(document: Obj, node: Obj, pointer: string, depth = 0): Map<string, { node: Obj; pointer: string }> {
  const found = new Map<string, { node: Obj; pointer: string }>();
  if (depth > MAX_ALLOF_DEPTH) return found;
  if (Array.isArray(node.allOf)) {
    node.allOf.forEach((part, index) => {
      const target = deref(document, part, joinPointer(pointer, 'allOf', index));
      if (isObj(target.node)) for (const [k, v] of arrayProperties(document, target.node, target.pointer, depth + 1)) found.set(k, v);
    });
  }
  if (isObj(node.properties)) {
    for (const [key, raw] of Object.entries(node.properties)) {
      const target = deref(document, raw, joinPointer(pointer, 'properties', key));
      if (isObj(target.node) && isArray(target.node)) found.set(key, { node: target.node, pointer: target.pointer });
    }
  }
  return found;
}

/** The list a response body is or holds; undefined when it is neither. */
export function listShape(document: Obj, schema: unknown, pointer: string): ListShape | undefined {
  const body = deref(document, schema, pointer);
  if (!isObj(body.node)) return undefined;
  // A bounded bare array that is small by contract (a pair, a fixed tuple) is still a list.
  if (isArray(body.node)) return { kind: 'array', field: undefined, bounded: typeof body.node.maxItems === 'number', pointer: body.pointer };
  const arrays = arrayProperties(document, body.node, body.pointer);
  const field = ITEM_FIELDS.find((name) => arrays.has(name)) ?? (arrays.size === 1 ? [...arrays.keys()][0] : undefined);
  if (field === undefined) return undefined;
  const list = arrays.get(field)!;
  return { kind: 'wrapped', field, bounded: typeof list.node.maxItems === 'number', pointer: list.pointer };
}
