/**
 * How each parameter goes on the wire, kept in the model only where it differs from its
 * location's default (path and header: `simple`, query and cookie: `form`; explode true for
 * `form` only), so `operations.js` lists only the unusual ones and stays small.
 * @see https://spec.openapis.org/oas/v3.1.1#parameter-object
 */
import type { ParameterModel, ParameterWireModel } from './model.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The styles the specification allows per location; any other is ignored (the default is used). */
const STYLES: Readonly<Record<ParameterModel['in'], ReadonlyArray<string>>> = {
  path: ['simple', 'label', 'matrix'],
  query: ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'],
  header: ['simple'],
  cookie: ['form'],
};

/** The non-default serialisation of one parameter object, or undefined when all is default. */
export function parameterWire(node: Obj, location: ParameterModel['in']): ParameterWireModel | undefined {
  const wire: ParameterWireModel = {};
  // `content` replaces style and explode: the value is the media type's text (one entry, per the spec).
  if (isObj(node.content)) {
    const mediaType = Object.keys(node.content)[0];
    if (mediaType !== undefined) wire.content = mediaType;
  } else {
    const allowed = STYLES[location] ?? [];
    const style = typeof node.style === 'string' && allowed.includes(node.style) ? node.style : allowed[0];
    if (style !== undefined && style !== allowed[0]) wire.style = style as ParameterWireModel['style'];
    const defaultExplode = style === 'form';
    if (typeof node.explode === 'boolean' && node.explode !== defaultExplode) wire.explode = node.explode;
  }
  if (location === 'query' && node.allowReserved === true) wire.allowReserved = true;
  return Object.keys(wire).length > 0 ? wire : undefined;
}
