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

/** True for media types whose text is JSON (`application/json`, `application/problem+json`). */
const isJsonMedia = (type: string): boolean => /^application\/(?:[\w.-]+\+)?json\b/i.test(type.trim());

/**
 * The schema a parameter's value is typed and validated by: its `schema`, or for a `content`
 * parameter with a JSON media type, that media type's schema (the SDK serialises the value to
 * JSON). Other `content` types stay untyped text.
 */
export function parameterSchema(node: Obj): Obj | boolean | undefined {
  if (isObj(node.schema) || typeof node.schema === 'boolean') return node.schema;
  if (!isObj(node.content)) return undefined;
  const [mediaType, media] = Object.entries(node.content)[0] ?? [];
  if (mediaType === undefined || !isJsonMedia(mediaType) || !isObj(media)) return undefined;
  return isObj(media.schema) || typeof media.schema === 'boolean' ? media.schema : undefined;
}

/**
 * Gives each JSON `content` parameter under `node` (a copy of the document's paths or
 * components.parameters) its media type's schema as `schema`, so openapi-typescript types the
 * value as that schema instead of `string` (it reads only `schema`).
 */
export function typeContentParameters(node: unknown, seen = new Set<unknown>()): void {
  if (node === null || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const item of node) typeContentParameters(item, seen);
    return;
  }
  const record = node as Obj;
  if (typeof record.in === 'string' && typeof record.name === 'string' && record.schema === undefined) {
    const schema = parameterSchema(record);
    if (schema !== undefined) record.schema = schema;
    return;
  }
  for (const value of Object.values(record)) typeContentParameters(value, seen);
}
