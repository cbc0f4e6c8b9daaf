/**
 * `schema.d.ts`: the spec's types (`paths`, `components`, `operations`) from openapi-typescript's
 * Node API, fed the already-sanitised document so one flaw it cannot load does not block us.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import type { ApiModel } from './model.js';

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
  const nodes = await openapiTS(document as unknown as OpenAPI3, {
    silent: true,
    // Keep output stable across spec edits that only reorder keys.
    alphabetize: false,
  });
  return astToString(nodes);
}
