/**
 * Declared response headers (`ETag`, `Location`, `X-Next-Cursor`, rate-limit headers…): what the
 * app may read besides the body. Names compare case-insensitively, as HTTP does.
 * @see https://spec.openapis.org/oas/v3.1.0#header-object
 */
import { deref, resolvePointer } from '../codegen/refs.js';
import { joinPointer } from '../codegen/spec-error.js';
import type { ResponseModel } from '../codegen/model.js';
import type { Report } from './collector.js';
import type { Docs } from './operations.js';
import { compareSchemas, type SchemaWalk } from './schema-walk.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

interface Header {
  readonly name: string;
  readonly pointer: string;
  readonly required: boolean;
  readonly schema: unknown;
}

/** The headers a response declares, by lower-cased name (`Content-Type` is not a header here). */
function headersOf(doc: Obj, response: ResponseModel): Map<string, Header> {
  const out = new Map<string, Header>();
  const { node } = deref(doc, resolvePointer(doc, response.pointer), response.pointer);
  if (!isObj(node) || !isObj(node.headers)) return out;
  const base = deref(doc, resolvePointer(doc, response.pointer), response.pointer).pointer;
  for (const [name, raw] of Object.entries(node.headers)) {
    if (name.toLowerCase() === 'content-type') continue;
    const { node: header, pointer } = deref(doc, raw, joinPointer(base, 'headers', name));
    if (!isObj(header)) continue;
    out.set(name.toLowerCase(), { name, pointer, required: header.required === true, schema: header.schema });
  }
  return out;
}

/**
 * Compares the headers of one matched response. A header gone from a success breaks apps that
 * read it (an ETag for conditional requests, a cursor for the next page); from an error
 * response it is noted only, since errors reach the app as NetworkError either way.
 */
export function compareResponseHeaders(docs: Docs, walk: SchemaWalk, before: ResponseModel, after: ResponseModel, name: string, success: boolean, report: Report): void {
  const a = headersOf(docs.oldDoc, before);
  const b = headersOf(docs.newDoc, after);
  const say = (breaking: boolean, message: string, oldPointer: string | undefined, newPointer: string | undefined): void =>
    report({ rule: 'response-header', breaking, subject: name, message, oldPointer, newPointer, direction: 'response' });
  for (const [key, old] of a) {
    const now = b.get(key);
    if (!now) {
      say(success, `response ${before.status} header ${old.name} removed${success ? ': apps that read it get nothing' : ''}`, old.pointer, after.pointer);
      continue;
    }
    if (old.required && !now.required) say(success, `response ${before.status} header ${old.name} became optional${success ? ': readers must handle its absence' : ''}`, old.pointer, now.pointer);
    if (old.schema !== undefined && now.schema !== undefined) {
      compareSchemas(walk, { node: old.schema, pointer: joinPointer(old.pointer, 'schema') }, { node: now.schema, pointer: joinPointer(now.pointer, 'schema') }, `${name} response ${before.status} header ${now.name}`);
    }
  }
  for (const [key, now] of b) {
    if (!a.has(key)) say(false, `response ${after.status} header ${now.name} added`, before.pointer, now.pointer);
  }
}
