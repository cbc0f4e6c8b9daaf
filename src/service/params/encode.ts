/**
 * Values to text and text to URL-safe text, as RFC 6570 expansions do it: strict encoding keeps
 * only RFC 3986 unreserved characters (so `!'()*`, which encodeURIComponent leaves, are encoded
 * too, and a value can never add structure); reserved encoding (`allowReserved`) also keeps the
 * reserved set and existing `%XX` triples, except `#`, which would cut the URL at a fragment.
 * @see https://www.rfc-editor.org/rfc/rfc6570#section-3.2.1
 */
import { ParameterSerializationError } from './errors.js';

type Location = ParameterSerializationError['location'];

const UNRESERVED = /^[A-Za-z0-9\-._~]*$/;
const SUB_DELIMS_LEFT = /[!'()*]/g;
// A `%XX` triple, or one code point outside unreserved ∪ reserved-minus-`#` (the `u` flag keeps
// a surrogate pair together, so only a lone surrogate reaches encodeURIComponent's throw).
const NOT_RESERVED = /%[0-9A-Fa-f]{2}|[^A-Za-z0-9\-._~:/?[\]@!$&'()*+,;=]/gu;

const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** Percent-encodes everything but RFC 3986 unreserved characters. */
export function encodeStrict(text: string, location: Location, name: string): string {
  if (UNRESERVED.test(text)) return text;
  return uriComponent(text, location, name).replace(SUB_DELIMS_LEFT, hex);
}

/** Percent-encodes what `allowReserved` may not keep: not unreserved, not reserved, `#`, a bare `%`. */
export function encodeReserved(text: string, location: Location, name: string): string {
  if (UNRESERVED.test(text)) return text;
  return text.replace(NOT_RESERVED, (match) => (match.length === 3 && match[0] === '%' ? match : uriComponent(match, location, name)));
}

function uriComponent(text: string, location: Location, name: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    // URIError: a lone surrogate has no UTF-8 form; replacing it would change the app's data.
    throw new ParameterSerializationError('malformed_unicode', location, name, 'the value contains a lone UTF-16 surrogate');
  }
}

/** What a parameter value is, as OpenAPI's style table distinguishes it. */
export type ValueKind =
  | { readonly kind: 'absent' }
  | { readonly kind: 'primitive'; readonly text: string }
  | { readonly kind: 'array'; readonly items: ReadonlyArray<string> }
  | { readonly kind: 'object'; readonly entries: ReadonlyArray<readonly [string, string]> };

const ABSENT: ValueKind = { kind: 'absent' };

/**
 * Classifies a value. `undefined`/`null` are absent (RFC 6570: undefined), as are empty arrays
 * and objects; absent members of an array or object are skipped. A Date is its ISO string.
 * `content` (a media type) makes the whole value one primitive: JSON text for JSON types.
 */
export function classify(value: unknown, location: Location, name: string, content?: string): ValueKind {
  if (value === undefined || value === null) return ABSENT;
  if (content !== undefined) return { kind: 'primitive', text: contentText(value, content, location, name) };
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (const item of value) if (item !== undefined && item !== null) items.push(primitiveText(item, location, name));
    return items.length === 0 ? ABSENT : { kind: 'array', items };
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries: Array<readonly [string, string]> = [];
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined && member !== null) entries.push([key, primitiveText(member, location, name)]);
    }
    return entries.length === 0 ? ABSENT : { kind: 'object', entries };
  }
  return { kind: 'primitive', text: primitiveText(value, location, name) };
}

/** The text of one primitive (string, number, boolean, bigint, Date). */
export function primitiveText(value: unknown, location: Location, name: string): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      throw new ParameterSerializationError('unsupported_value', location, name, `a ${describe(value)} cannot be a parameter value here`);
  }
}

function contentText(value: unknown, mediaType: string, location: Location, name: string): string {
  if (/json/i.test(mediaType)) {
    const text = JSON.stringify(value) as string | undefined;
    if (text === undefined) throw new ParameterSerializationError('unsupported_value', location, name, `a ${describe(value)} has no JSON form`);
    return text;
  }
  return primitiveText(value, location, name);
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'invalid Date';
  if (Array.isArray(value)) return 'nested array';
  return value === null ? 'null' : typeof value === 'object' ? 'nested object' : typeof value;
}
