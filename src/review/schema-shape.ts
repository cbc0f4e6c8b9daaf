/**
 * Reads the generated validators of a live SDK (valibot schemas) for the few shapes the review
 * needs: is a response a list (bare or in a page object), is that list capped (`maxLength`, the
 * generated form of `maxItems`), and which query parameters exist. Only plain properties are
 * read (`type`, `item`, `entries`, `wrapped`, `pipe`), so nothing of valibot is imported.
 */
import type { StandardSchemaV1 } from '../contract/standard-schema.js';
import type { ListShape } from './types.js';

type Node = { readonly type?: unknown; readonly item?: unknown; readonly entries?: unknown; readonly wrapped?: unknown; readonly pipe?: unknown };
const ITEM_FIELDS = ['items', 'data', 'results', 'records', 'entries', 'nodes'];
const WRAPPERS = new Set(['optional', 'nullable', 'nullish', 'exact_optional', 'undefinedable', 'non_optional', 'non_nullable', 'non_nullish']);
const OBJECTS = new Set(['object', 'loose_object', 'strict_object', 'object_with_rest']);

const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' ? (value as Node) : undefined);

/** Strips optional/nullable wrappers. */
function unwrap(value: unknown): Node | undefined {
  let node = asNode(value);
  for (let i = 0; node !== undefined && i < 8 && typeof node.type === 'string' && WRAPPERS.has(node.type); i++) node = asNode(node.wrapped);
  return node;
}

const isArray = (node: Node | undefined): boolean => node?.type === 'array' || node?.type === 'tuple';
const isCapped = (node: Node): boolean => Array.isArray(node.pipe) && node.pipe.some((action) => asNode(action)?.type === 'max_length');

function entriesOf(node: Node | undefined): Record<string, unknown> | undefined {
  if (node === undefined || typeof node.type !== 'string' || !OBJECTS.has(node.type)) return undefined;
  return asNode(node.entries) as Record<string, unknown> | undefined;
}

/** The list a response validator describes; undefined when it is none (or opaque, e.g. lazy). */
export function listShapeOf(schema: StandardSchemaV1 | undefined, pointer: string): ListShape | undefined {
  const node = unwrap(schema);
  if (node === undefined) return undefined;
  if (isArray(node)) return { kind: 'array', field: undefined, bounded: isCapped(node), pointer };
  const entries = entriesOf(node);
  if (entries === undefined) return undefined;
  const arrays = Object.keys(entries).filter((key) => isArray(unwrap(entries[key])));
  const field = ITEM_FIELDS.find((name) => arrays.includes(name)) ?? (arrays.length === 1 ? arrays[0] : undefined);
  if (field === undefined) return undefined;
  return { kind: 'wrapped', field, bounded: isCapped(unwrap(entries[field])!), pointer: `${pointer}/properties/${field}` };
}

/**
 * Query parameter names from an operation's params validator (`{ path?, query?, header? }`);
 * `[]` when it takes no parameters, undefined when the validator is not readable.
 */
export function queryParamsOf(schema: StandardSchemaV1 | undefined): string[] | undefined {
  if (schema === undefined) return [];
  const params = entriesOf(unwrap(schema));
  if (params === undefined) return undefined;
  if (params.query === undefined) return [];
  const query = entriesOf(unwrap(params.query));
  return query === undefined ? undefined : Object.keys(query);
}
