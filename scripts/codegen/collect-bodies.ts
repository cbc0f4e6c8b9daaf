/**
 * What the runtime needs about an operation's bodies on the wire, beyond the one media type the
 * types and validators use: every request media type with its `encoding` (so the app may send a
 * FormData, a Blob or an object and get the right one), and the `Accept` header built from the
 * success media types (so a server that negotiates answers in a type the SDK reads).
 *
 * Compact on purpose (issue #10 counts bytes): an operation with one request media type and no
 * encoding gets no `requestMedia`; one without a success body gets no `accept`.
 * @see https://spec.openapis.org/oas/v3.1.0#media-type-object
 * @see https://spec.openapis.org/oas/v3.1.0#encoding-object
 */
import { deref } from './refs.js';
import { joinPointer } from './spec-error.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** One property's encoding as the runtime reads it (OperationMeta's PartEncoding). */
export interface PartEncodingModel {
  contentType?: string;
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  allowReserved?: boolean;
}

/** One request media type (OperationMeta's RequestMedia). */
export interface RequestMediaModel {
  type: string;
  encoding?: Record<string, PartEncodingModel>;
}

/** The wire facts of one operation; each undefined when the runtime's default already fits. */
export interface WireBodiesModel {
  requestMedia: RequestMediaModel[] | undefined;
  accept: string | undefined;
}

const STYLES = new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);
const isJson = (type: string): boolean => /^application\/json\b/i.test(type) || /[/+]json\b/i.test(type);
const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

/** Collects the request media types and the Accept header of one operation. */
export function collectBodies(document: Obj, requestBody: unknown, responses: unknown, pointer: string): WireBodiesModel {
  return { requestMedia: requestMediaOf(document, requestBody), accept: acceptOf(document, responses, pointer) };
}

function requestMediaOf(document: Obj, requestBody: unknown): RequestMediaModel[] | undefined {
  if (!isObj(requestBody) || !isObj(requestBody.content)) return undefined;
  const media: RequestMediaModel[] = [];
  for (const [type, raw] of Object.entries(requestBody.content)) {
    const entry: RequestMediaModel = { type };
    const encoding = isObj(raw) ? encodingOf(document, type, raw) : undefined;
    if (encoding) entry.encoding = encoding;
    media.push(entry);
  }
  // One type without encoding: `requestContentType` already says everything.
  if (media.length === 1 && media[0]!.encoding === undefined) return undefined;
  return media.length === 0 ? undefined : media;
}

/**
 * The media type's `encoding`, only for form bodies (the spec ignores it elsewhere). A 3.1
 * property with `contentMediaType` and no explicit part type gets that type as its part's
 * Content-Type, which is what the spec says the default is.
 */
function encodingOf(document: Obj, type: string, media: Obj): Record<string, PartEncodingModel> | undefined {
  const multipart = /^multipart\//i.test(type);
  if (!multipart && !/^application\/x-www-form-urlencoded\b/i.test(type)) return undefined;
  const out: Record<string, PartEncodingModel> = {};
  if (isObj(media.encoding)) {
    for (const [name, raw] of Object.entries(media.encoding)) {
      if (!isObj(raw)) continue;
      const part: PartEncodingModel = {};
      if (typeof raw.contentType === 'string' && raw.contentType.trim() !== '') part.contentType = raw.contentType.trim();
      if (typeof raw.style === 'string' && STYLES.has(raw.style)) part.style = raw.style as PartEncodingModel['style'];
      if (typeof raw.explode === 'boolean') part.explode = raw.explode;
      if (typeof raw.allowReserved === 'boolean') part.allowReserved = raw.allowReserved;
      if (Object.keys(part).length > 0) out[name] = part;
    }
  }
  if (multipart) {
    const { node: schema } = deref(document, media.schema, '#');
    const properties = isObj(schema) && isObj(schema.properties) ? schema.properties : {};
    for (const [name, rawProperty] of Object.entries(properties)) {
      const { node: property } = deref(document, rawProperty, '#');
      const declared = isObj(property) && typeof property.contentMediaType === 'string' ? property.contentMediaType : undefined;
      if (declared !== undefined && out[name]?.contentType === undefined) out[name] = { ...out[name], contentType: declared };
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * `Accept` from the success responses' media types: JSON ones first at full weight, the rest in
 * the spec's order with falling q-values (0.9, 0.8, … never below 0.1), so a server that can
 * answer several ways picks JSON and one that cannot still finds its type listed.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-12.5.1
 */
function acceptOf(document: Obj, responses: unknown, pointer: string): string | undefined {
  if (!isObj(responses)) return undefined;
  const seen = new Map<string, string>();
  for (const [status, raw] of Object.entries(responses)) {
    if (!isSuccess(status)) continue;
    const { node } = deref(document, raw, joinPointer(pointer, 'responses', status));
    if (!isObj(node) || !isObj(node.content)) continue;
    for (const type of Object.keys(node.content)) {
      const clean = type.trim();
      if (clean !== '' && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
    }
  }
  const types = [...seen.values()];
  if (types.length === 0) return undefined;
  const json = types.filter(isJson);
  const rest = types.filter((t) => !isJson(t));
  if (json.length === 0 && rest.length === 1) return rest[0];
  const weighted = rest.map((type, i) => `${type};q=${Math.max(1, 9 - i) / 10}`);
  return [...json, ...weighted].join(', ');
}
