/**
 * The parameter serializer every operation gets unless its metadata names another
 * (`paramCodec`): each location's default style, path and header `simple`, query `form`,
 * with `explode` either way (descriptors that set only `explode` are read here). The generator
 * names the full serializer (styled-params.ts) on every operation that declares another style,
 * `allowReserved`, a `content` parameter, any cookie parameter or a label/matrix template, so
 * metadata reaching this one with such a descriptor or with cookie values was made by hand or
 * by an older generator: that call is refused (a VALIDATION error before sending), never sent
 * with its parameters in the wrong form or silently left out.
 */
import type { OperationMeta, ParamCodec } from '../../contract/operation.js';
import { fillSimplePath } from '../path-template.js';
import { ParameterSerializationError } from './errors.js';
import { formQuery } from './form-query.js';
import { serializeHeaders } from './header.js';
import { paramsIn } from './lookup.js';

const REGENERATE = "the operation's metadata names no paramCodec to serialise it (regenerate the SDK)";

/** Serialises default-style parameters; see the module comment. */
export const defaultParams: ParamCodec = {
  path: (base, meta, values) => fillSimplePath(base, meta.path, values, paramsIn(meta, 'path')),
  query: (meta, values) => formQuery(values, paramsIn(meta, 'query')),
  headers: (meta, values) => serializeHeaders(values, paramsIn(meta, 'header')),
  cookie(_meta, values) {
    if (values === undefined) return undefined;
    const given = Object.keys(values).filter((name) => values[name] !== undefined && values[name] !== null);
    if (given.length === 0) return undefined;
    throw new ParameterSerializationError('unsupported_value', 'cookie', given.join(', '), `cookie parameters are not declared by this operation, or ${REGENERATE}`);
  },
};

/** Refuses a call whose metadata describes parameters the default serializer cannot write. */
export function checkDefaultParams(meta: OperationMeta): void {
  const list = meta.params;
  if (list === undefined) return;
  for (const param of list) {
    if (param.in === 'cookie' || param.allowReserved !== undefined || param.content !== undefined || (param.style !== undefined && param.style !== (param.in === 'query' ? 'form' : 'simple'))) {
      throw new ParameterSerializationError('unsupported_value', param.in, param.name, REGENERATE);
    }
  }
}
