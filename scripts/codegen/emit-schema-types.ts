/**
 * `schema.d.ts`: the spec's types (`paths`, `webhooks`, `components`, `operations`) from
 * openapi-typescript's Node API, fed the already-sanitised document so one flaw it cannot load
 * does not block us.
 *
 * Types match the wire, in both directions:
 * - `default` never makes a field required (`defaultNonNullable: false`). A default is what the
 *   *receiver* assumes when the field is absent (JSON Schema §9.2 calls it an annotation), so a
 *   request may omit it and a response is not promised to carry it either; the validators agree
 *   (they never require it). The value stays in the JSDoc as `@default`.
 * - `readOnly` / `writeOnly` properties are wrapped in `$Read<T>` / `$Write<T>` markers
 *   (`readWriteMarkers`); the runtime's `Readable`/`Writable` (src/service/operation.ts) strip them
 *   per direction: a request body cannot carry a readOnly field, a response does not promise a
 *   writeOnly one.
 * - Binary content (`format: binary` in 3.0, `contentMediaType` without `contentEncoding` in
 *   3.1) is a `Blob`, not a `string`: a file part or an octet-stream body takes a Blob (or File),
 *   and a binary response is read as one (service/body/answer-kind.ts).
 * @see https://openapi-ts.dev/node
 * @see https://spec.openapis.org/oas/v3.1.0#fixed-fields-19
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { ts } from './ast.js';
import type { ApiModel } from './model.js';

import { typeContentParameters } from './collect-parameters.js';
import { IDEMPOTENCY_HEADER } from './collect-operations.js';

/**
 * The runtime generates an idempotency key when the caller passes none, so a header the spec
 * marks required must not be required of the caller in the types.
 */
function relaxIdempotencyHeaders(node: unknown, seen = new Set<object>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) relaxIdempotencyHeaders(item, seen);
    return;
  }
  const record = node as Record<string, unknown>;
  if (record.in === 'header' && typeof record.name === 'string' && IDEMPOTENCY_HEADER.test(record.name) && record.required === true) {
    record.required = false;
    const note = 'Optional here: the SDK generates a UUID v4 key when none is given.';
    record.description = typeof record.description === 'string' ? `${record.description}\n\n${note}` : note;
  }
  for (const value of Object.values(record)) relaxIdempotencyHeaders(value, seen);
}

/** Renders the type declarations for the whole document. */
export async function emitSchemaTypes(model: Pick<ApiModel, 'document'>): Promise<string> {
  // A copy: the model stays as loaded for the other emitters.
  const document = structuredClone(model.document);
  relaxIdempotencyHeaders(document.paths);
  relaxIdempotencyHeaders((document.components as Record<string, unknown> | undefined)?.parameters);
  typeContentParameters(document.paths);
  typeContentParameters((document.components as Record<string, unknown> | undefined)?.parameters);
  const nodes = await openapiTS(document as unknown as OpenAPI3, {
    silent: true,
    // Keep output stable across spec edits that only reorder keys.
    alphabetize: false,
    defaultNonNullable: false,
    readWriteMarkers: true,
    transform: binaryAsBlob,
  });
  return astToString(nodes.filter((node) => !isHelperAlias(node)));
}

/** Media types whose content a JSON string can carry as text (`contentMediaType: application/json`). */
const TEXTUAL_MEDIA = /^text\/|[/+](json|xml)\b|^application\/(x-www-form-urlencoded|javascript|yaml)\b/i;

/**
 * openapi-typescript's `transform` hook: a schema for raw bytes becomes `Blob` (`Blob | null`
 * when nullable). Base64 (`format: byte`, `contentEncoding`) stays a string: it is text.
 * @see https://spec.openapis.org/oas/v3.1.0#working-with-binary-data
 */
function binaryAsBlob(schema: unknown): ts.TypeNode | undefined {
  if (schema === null || typeof schema !== 'object' || '$ref' in schema) return undefined;
  const s = schema as { format?: unknown; contentMediaType?: unknown; contentEncoding?: unknown; type?: unknown; nullable?: unknown };
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? ['string'] : [s.type];
  if (!types.includes('string') || types.some((t) => t !== 'string' && t !== 'null')) return undefined;
  const binary =
    s.format === 'binary' ||
    (typeof s.contentMediaType === 'string' && s.contentEncoding === undefined && !TEXTUAL_MEDIA.test(s.contentMediaType));
  if (!binary) return undefined;
  const blob = ts.factory.createTypeReferenceNode('Blob');
  const nullable = s.nullable === true || types.includes('null');
  return nullable ? ts.factory.createUnionTypeNode([blob, ts.factory.createLiteralTypeNode(ts.factory.createNull())]) : blob;
}

/**
 * openapi-typescript emits its own `Readable`/`Writable` helpers next to the markers; they are
 * written with `any` and would compete with the runtime's, so only the markers are kept.
 */
function isHelperAlias(node: ts.Node): boolean {
  return ts.isTypeAliasDeclaration(node) && (node.name.text === 'Readable' || node.name.text === 'Writable');
}
