/**
 * `schema.d.ts`: the spec's types (`paths`, `components`, `operations`) from openapi-typescript's
 * Node API, fed the already-sanitised document so one flaw it cannot load does not block us.
 * @see https://openapi-ts.dev/node
 */
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import type { ApiModel } from './model.js';

/** Renders the type declarations for the whole document. */
export async function emitSchemaTypes(model: Pick<ApiModel, 'document'>): Promise<string> {
  // openapi-typescript bundles/validates the object it is given and mutates nothing we keep,
  // but it may annotate nodes: hand it a copy so the model stays as loaded.
  const nodes = await openapiTS(structuredClone(model.document) as unknown as OpenAPI3, {
    silent: true,
    // Keep output stable across spec edits that only reorder keys.
    alphabetize: false,
  });
  return astToString(nodes);
}
