/**
 * The full parameter serializer: every OpenAPI style per location (label/matrix paths,
 * spaceDelimited/pipeDelimited/deepObject queries, explode either way), `allowReserved`,
 * `content` parameters and cookies, each parameter as its descriptor (`OperationMeta.params`)
 * or the path template says. Generated metadata names it (`paramCodec: styledParams`) only on
 * operations that need it, so only apps calling those bundle these serializers.
 */
import type { ParamCodec } from '../../contract/operation.js';
import { fillPath } from '../path-template.js';
import { cookieHeader } from './cookie.js';
import { serializeHeaders } from './header.js';
import { paramsIn } from './lookup.js';
import { serializeQuery } from './query.js';

/** Serialises any declared parameter style; see the module comment. */
export const styledParams: ParamCodec = {
  path: (base, meta, values) => fillPath(base, meta.path, values, paramsIn(meta, 'path')),
  query: (meta, values) => serializeQuery(values, paramsIn(meta, 'query')),
  headers: (meta, values) => serializeHeaders(values, paramsIn(meta, 'header')),
  cookie: (meta, values) => cookieHeader(values, paramsIn(meta, 'cookie')),
};
