/**
 * `application/x-www-form-urlencoded` bodies as OpenAPI defines them: each top-level property is
 * serialised like a query parameter with its Encoding Object's `style`/`explode` (default
 * `form`, exploded: arrays repeat the key, objects spread their properties), or, when the
 * encoding names a `contentType` (e.g. JSON), as that text in one field.
 * @see https://spec.openapis.org/oas/v3.1.1#encoding-the-x-www-form-urlencoded-media-type
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
import type { PartEncoding } from '../../contract/operation.js';
import { RequestBodyError } from './errors.js';
import { mediaClass } from './media-type.js';
import { isRecord } from './raw-body.js';

// RFC 3986 reserved characters `allowReserved` leaves as they are, minus the ones that would
// change how the body parses (`&`, `=`, `+`, `#`).
const RESERVED_KEPT = /%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi;

/** Serialises a record as a urlencoded body, honouring per-property encodings. */
export function toUrlEncoded(body: Record<string, unknown>, encoding?: Readonly<Record<string, PartEncoding>>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const enc = encoding?.[name];
    const style: PartEncoding['style'] = enc?.style ?? 'form';
    const explode = enc?.explode ?? style === 'form';
    const encode = (text: string): string => {
      const out = encodeURIComponent(text);
      return enc?.allowReserved ? out.replace(RESERVED_KEPT, decodeURIComponent) : out;
    };
    const add = (key: string, text: string): void => {
      pairs.push(`${encodeURIComponent(key)}=${encode(text)}`);
    };
    // Delimited styles: each item encoded, the delimiter itself left as the spec's table shows.
    const addJoined = (key: string, items: string[]): void => {
      pairs.push(`${encodeURIComponent(key)}=${items.map(encode).join(delimiter(style))}`);
    };
    if (enc?.contentType !== undefined) {
      // A declared content type: the value as that text, in one field.
      add(name, mediaClass(enc.contentType) === 'json' ? JSON.stringify(value) : scalar(value, name));
      continue;
    }
    if (Array.isArray(value)) {
      if (explode && style !== 'deepObject') for (const item of value) add(name, scalar(item, name));
      else addJoined(name, value.map((item) => scalar(item, name)));
    } else if (isRecord(value)) {
      const entries = Object.entries(value).filter(([, v]) => v !== undefined);
      if (style === 'deepObject') for (const [k, v] of entries) add(`${name}[${k}]`, scalar(v, name));
      else if (explode) for (const [k, v] of entries) add(k, scalar(v, name));
      else addJoined(name, entries.flatMap(([k, v]) => [k, scalar(v, name)]));
    } else {
      add(name, scalar(value, name));
    }
  }
  return pairs.join('&');
}

function delimiter(style: PartEncoding['style']): string {
  return style === 'spaceDelimited' ? '%20' : style === 'pipeDelimited' ? '|' : ',';
}

/** One value as form text: null is empty, dates ISO 8601, nested structures JSON. */
function scalar(value: unknown, name: string): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return JSON.stringify(value);
    default:
      throw new RequestBodyError('unsupported-value', `form field ${JSON.stringify(name)} holds a ${typeof value}, which a form body cannot carry`);
  }
}
