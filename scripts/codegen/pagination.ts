/**
 * Recognises the common list-endpoint shapes so the runtime can page through them: cursor or
 * next-token, offset/limit, page/size, and the RFC 8288 `Link` header (GitHub-style).
 */
import { deref } from './refs.js';
import type { PaginationModel, ParameterModel, ResponseModel } from './model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const CURSOR_PARAMS = /^(cursor|after|starting_?after|next_?token|page_?token|continuation_?token|marker)$/i;
const CURSOR_FIELDS = /^(next_?cursor|next_?token|next_?page_?token|next|cursor|continuation_?token|next_?marker)$/i;
const ITEM_FIELDS = ['items', 'data', 'results', 'records', 'entries', 'nodes'];

/** Collects an object schema's properties, following `$ref` and `allOf` (shallow merge). */
function propertiesOf(document: Obj, schema: unknown, depth = 0): Record<string, unknown> {
  const { node } = deref(document, schema, '#');
  if (!isObj(node) || depth > 8) return {};
  const own = isObj(node.properties) ? node.properties : {};
  const inherited = Array.isArray(node.allOf) ? node.allOf.map((part) => propertiesOf(document, part, depth + 1)) : [];
  return Object.assign({}, ...inherited, own);
}

function isArraySchema(document: Obj, schema: unknown): boolean {
  const { node } = deref(document, schema, '#');
  if (!isObj(node)) return false;
  return node.type === 'array' || (Array.isArray(node.type) && node.type.includes('array')) || isObj(node.items);
}

function itemsField(document: Obj, properties: Record<string, unknown>): string | undefined {
  const arrays = Object.keys(properties).filter((key) => isArraySchema(document, properties[key]));
  return ITEM_FIELDS.find((name) => arrays.includes(name)) ?? (arrays.length === 1 ? arrays[0] : undefined);
}

/** Returns the pagination shape of a GET operation, or undefined when none is recognised. */
export function detectPagination(document: Obj, parameters: ParameterModel[], success: ResponseModel[]): PaginationModel | undefined {
  const response = success.find((r) => r.body && /json/i.test(r.body.contentType)) ?? success[0];
  if (!response) return undefined;
  const query = parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const find = (re: RegExp): string | undefined => query.find((name) => re.test(name));
  const bodyIsArray = response.body?.schema !== undefined && isArraySchema(document, response.body.schema);
  const properties = response.body?.schema !== undefined && !bodyIsArray ? propertiesOf(document, response.body.schema) : {};
  const items = itemsField(document, properties);

  const cursorParam = find(CURSOR_PARAMS);
  const cursorField = Object.keys(properties).find((key) => CURSOR_FIELDS.test(key) && !isArraySchema(document, properties[key]));
  if (cursorParam && cursorField && items) {
    return { kind: 'cursor', requestParam: cursorParam, responseField: cursorField, itemsField: items };
  }
  if (response.headers.includes('link')) return { kind: 'link-header', itemsField: bodyIsArray ? undefined : items };
  const offset = find(/^(offset|skip|start)$/i);
  const limit = find(/^(limit|count|take|max_?results|page_?size|per_?page|size)$/i);
  if (offset && limit && items) return { kind: 'offset', offsetParam: offset, limitParam: limit, itemsField: items };
  const page = find(/^(page|page_?number|page_?index)$/i);
  const size = find(/^(per_?page|page_?size|size|limit)$/i);
  if (page && items) return { kind: 'page', pageParam: page, sizeParam: size, itemsField: items };
  return undefined;
}
