/**
 * `x-tether-batch` on a single-item read: which batch operation can serve it, and how ids and
 * items map between the two. Checked here against both operations, so a typo is a SpecError
 * naming the pointer at generation time instead of a batch call that fails at run time.
 *
 * ```yaml
 * x-tether-batch:
 *   operation: batchGetUsers   # operationId of the batch operation (JSON request body)
 *   idParam: userId            # this operation's path or query parameter holding the id
 *   requestField: ids          # request body property listing the ids (absent: the body is the list)
 *   responseField: users       # success body property listing the items (absent: the body is the list)
 *   itemKey: id                # item property holding its id [id]
 * ```
 */
import { deref } from './refs.js';
import type { OperationModel, SchemaNode } from './model.js';
import { joinPointer, SpecError } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The checked relation, as operations.ts emits it (src/contract/operation.ts BatchMeta). */
export interface BatchModel {
  /** `<service>.<method>` of the batch operation. */
  operation: string;
  idParam: string;
  idIn: 'path' | 'query';
  requestField?: string;
  responseField?: string;
  itemKey: string;
  maxItems?: number;
}

const KEYS = new Set(['operation', 'idParam', 'requestField', 'responseField', 'itemKey']);

/** Reads and checks every `x-tether-batch`; sets `operation.batch`. Throws SpecError naming the pointer. */
export function collectBatch(document: Obj, operations: OperationModel[], file: string): void {
  const byOperationId = new Map(operations.filter((op) => op.operationId !== undefined).map((op) => [op.operationId!, op]));
  for (const op of operations) {
    const raw = lookup(document, op)?.['x-tether-batch'];
    if (raw === undefined) continue;
    const at = joinPointer(op.pointer, 'x-tether-batch');
    const fail = (where: string, detail: string): never => {
      throw new SpecError(file, where, `x-tether-batch: ${detail}`);
    };
    if (!isObj(raw)) fail(at, 'must be an object with operation, idParam, requestField, responseField, itemKey');
    const ext = raw as Obj;
    for (const key of Object.keys(ext)) if (!KEYS.has(key)) fail(joinPointer(at, key), `unknown key ${JSON.stringify(key)} (expected ${[...KEYS].join(', ')})`);
    if (op.method !== 'get') fail(at, `only a GET (a single-item read) can be batched, not ${op.method.toUpperCase()}`);
    const text = (key: string, required: boolean): string | undefined => {
      const value = ext[key];
      if (value === undefined && !required) return undefined;
      if (typeof value !== 'string' || value === '') fail(joinPointer(at, key), `${key} must be a non-empty string`);
      return value as string;
    };

    const targetId = text('operation', true)!;
    const target = byOperationId.get(targetId);
    if (!target) return fail(joinPointer(at, 'operation'), `no operation has operationId ${JSON.stringify(targetId)}`);
    if (target === op) fail(joinPointer(at, 'operation'), 'an operation cannot batch itself');

    const idParam = text('idParam', true)!;
    const param = op.parameters.find((p) => p.name === idParam && (p.in === 'path' || p.in === 'query'));
    if (!param) fail(joinPointer(at, 'idParam'), `${op.method.toUpperCase()} ${op.path} has no path or query parameter ${JSON.stringify(idParam)}`);

    const body = target.requestBody;
    if (!body || !/json/i.test(body.contentType)) fail(joinPointer(at, 'operation'), `${JSON.stringify(targetId)} has no JSON request body to send the ids in`);
    const requestField = text('requestField', false);
    const idList = listAt(document, body!.schema, body!.pointer, requestField, joinPointer(at, 'requestField'), `the request body of ${JSON.stringify(targetId)}`, fail);

    const success = target.responses.find((r) => /^2/.test(r.status) && r.body !== undefined && /json/i.test(r.body.contentType));
    if (!success?.body) return fail(joinPointer(at, 'operation'), `${JSON.stringify(targetId)} has no JSON success response to read the items from`);
    const responseField = text('responseField', false);
    const itemList = listAt(document, success.body.schema, success.body.pointer, responseField, joinPointer(at, 'responseField'), `the success body of ${JSON.stringify(targetId)}`, fail);

    const itemKey = text('itemKey', false) ?? 'id';
    const item = itemList ? deref(document, itemList.items, joinPointer(itemList.pointer, 'items')) : undefined;
    const itemProps = item ? propertiesOf(document, item.node) : undefined;
    if (itemProps && !(itemKey in itemProps)) fail(joinPointer(at, 'itemKey'), `the items of ${JSON.stringify(targetId)} (${item!.pointer}) have no property ${JSON.stringify(itemKey)}`);

    op.batch = {
      operation: `${target.service}.${target.name}`,
      idParam,
      idIn: param!.in as 'path' | 'query',
      ...(requestField !== undefined && { requestField }),
      ...(responseField !== undefined && { responseField }),
      itemKey,
      ...(typeof idList?.maxItems === 'number' && { maxItems: idList.maxItems }),
    };
  }
}

/**
 * The array schema at `field` of an object schema (or the schema itself when no field is named);
 * undefined when the spec gives no schema to check against. A named field that is absent, or a
 * schema that is declared as something other than an array, fails at `where`.
 */
function listAt(
  document: Obj,
  schema: SchemaNode | undefined,
  pointer: string,
  field: string | undefined,
  where: string,
  what: string,
  fail: (where: string, detail: string) => never,
): { items: unknown; maxItems: unknown; pointer: string } | undefined {
  if (schema === undefined) return undefined;
  let { node, pointer: at } = deref(document, schema, pointer);
  if (field !== undefined) {
    const props = propertiesOf(document, node);
    if (props === undefined) return undefined;
    if (!(field in props)) fail(where, `${what} (${at}) has no property ${JSON.stringify(field)}`);
    ({ node, pointer: at } = deref(document, props[field], joinPointer(at, 'properties', field)));
  }
  if (!isObj(node)) return undefined;
  const type = node.type;
  // A schema that declares no type and no items says nothing to check against.
  if (type === undefined && !('items' in node)) return undefined;
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array')) || (type === undefined && 'items' in node);
  if (!isArray) fail(where, `${what}${field === undefined ? '' : `.${field}`} (${at}) is not an array`);
  return { items: node.items, maxItems: node.maxItems, pointer: at };
}

/** Properties of an object schema, allOf parts merged; undefined when it declares none. */
function propertiesOf(document: Obj, schema: unknown, depth = 0): Obj | undefined {
  const { node } = deref(document, schema, '#');
  if (!isObj(node) || depth > 16) return undefined;
  let found: Obj | undefined = isObj(node.properties) ? { ...node.properties } : undefined;
  if (Array.isArray(node.allOf)) {
    for (const part of node.allOf) {
      const more = propertiesOf(document, part, depth + 1);
      if (more) found = { ...found, ...more };
    }
  }
  return found;
}

function lookup(document: Obj, operation: OperationModel): Obj | undefined {
  const paths = isObj(document.paths) ? document.paths : {};
  const { node: item } = deref(document, paths[operation.path], '#');
  const raw = isObj(item) ? item[operation.method] : undefined;
  return isObj(raw) ? raw : undefined;
}
