/**
 * The parameter serializer every operation gets unless its metadata names another
 * (`paramCodec`): path and header parameters `simple`, query parameters `form` exploded, the
 * defaults OpenAPI gives each location. The generator names the full serializer
 * (styled-params.ts) on every operation that declares anything else or any cookie parameter,
 * so metadata reaching this one with descriptors or cookie values was made by hand or by an
 * older generator: such a call is refused (a VALIDATION error before sending), never sent
 * with its parameters in the wrong form or silently left out.
 */
import type { OperationMeta, ParamCodec } from '../../contract/operation.js';
import { fillSimplePath } from '../path-template.js';
import { ParameterSerializationError } from './errors.js';
import { formQuery } from './form-query.js';
import { serializeHeaders } from './header.js';

const REGENERATE = "the operation's metadata names no paramCodec to serialise it (regenerate the SDK)";

/** Serialises default-style parameters; see the module comment. */
export const defaultParams: ParamCodec = {
  path: (base, meta, values) => fillSimplePath(base, meta.path, values),
  query: (_meta, values) => formQuery(values),
  headers: (_meta, values) => serializeHeaders(values, undefined),
  cookie(_meta, values) {
    if (values === undefined) return undefined;
    const given = Object.keys(values).filter((name) => values[name] !== undefined && values[name] !== null);
    if (given.length === 0) return undefined;
    throw new ParameterSerializationError('unsupported_value', 'cookie', given.join(', '), `cookie parameters are not declared by this operation, or ${REGENERATE}`);
  },
};

/** Refuses a call whose metadata describes non-default parameters but names no codec for them. */
export function checkDefaultParams(meta: OperationMeta): void {
  const first = meta.params?.[0];
  if (first !== undefined) throw new ParameterSerializationError('unsupported_value', first.in, first.name, REGENERATE);
}
