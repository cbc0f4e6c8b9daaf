/**
 * `application/x-www-form-urlencoded` bodies as OpenAPI defines them: each top-level property is
 * serialised like a query parameter with its Encoding Object's `style`/`explode` (default
 * `form`, exploded: arrays repeat the key, objects spread their properties), or, when the
 * encoding names a `contentType` (e.g. JSON), as that text in one field.
 * @see https://spec.openapis.org/oas/v3.1.1#encoding-the-x-www-form-urlencoded-media-type
 * @see https://spec.openapis.org/oas/v3.1.0#style-examples
 */
import type { PartEncoding } from '../../contract/operation.js';
import { classify, encodeReserved, encodeStrict } from '../params/encode.js';
import { ParameterSerializationError } from '../params/errors.js';
import { formPairs } from '../params/query.js';
import { RequestBodyError } from './errors.js';
import { mediaClass } from './media-type.js';
import { isRecord } from './raw-body.js';

// The delimiters of the unexploded styles as the spec's table writes them in a form body (a
// form body may carry `|` as it is; a query string may not, hence params' own table).
const DELIMITER: Readonly<Record<string, string>> = { form: ',', spaceDelimited: '%20', pipeDelimited: '|' };

// What `allowReserved` may keep in a query but not in a form body, where they split it.
const BODY_SEPARATORS = /[&=+]/g;
const hex = (c: string): string => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/** Serialises a record as a urlencoded body, honouring per-property encodings. */
export function toUrlEncoded(body: Record<string, unknown>, encoding?: Readonly<Record<string, PartEncoding>>): string {
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    try {
      pairs.push(...fieldPairs(name, value, encoding?.[name]));
    } catch (error) {
      // The shared rules speak of parameters; the app sees a body error naming the field.
      if (!(error instanceof ParameterSerializationError)) throw error;
      const why = error.code === 'malformed_unicode' ? 'a string with a lone UTF-16 surrogate (it has no UTF-8 form)' : 'a value';
      throw new RequestBodyError('unsupported-value', `form field ${JSON.stringify(name)} holds ${why} a form body cannot carry`);
    }
  }
  return pairs.join('&');
}

/** One body property's `key=value` pairs, by the query-style rules with the body's own differences. */
function fieldPairs(name: string, value: unknown, enc: PartEncoding | undefined): string[] {
  const style = enc?.style ?? 'form';
  const explode = enc?.explode ?? style === 'form';
  const key = (text: string): string => encodeStrict(text, 'query', name);
  const text = (part: string): string =>
    enc?.allowReserved === true ? encodeReserved(part, 'query', name).replace(BODY_SEPARATORS, hex) : encodeStrict(part, 'query', name);
  // Body-only: a declared content type sends the value as that text (JSON for JSON types) in
  // one field, and a null field is sent empty (a cleared form field), not left out as in a query.
  const kind =
    value === null
      ? ({ kind: 'primitive', text: '' } as const)
      : enc?.contentType !== undefined
        ? classify(value, 'query', name, mediaClass(enc.contentType) === 'json' ? 'application/json' : 'text/plain')
        : classify(nestedAsJson(value), 'query', name);
  const delimiter = DELIMITER[style] ?? ',';
  return formPairs(name, kind, style, explode).map(([k, parts]) => `${key(k)}=${parts.map(text).join(delimiter)}`);
}

/**
 * A body field's array items and object members that are structures themselves become JSON
 * text (the style rules define one level only; a form body has no nesting of its own).
 */
function nestedAsJson(value: unknown): unknown {
  const json = (member: unknown): unknown => (Array.isArray(member) || isRecord(member) ? JSON.stringify(member) : member);
  if (Array.isArray(value)) return value.map(json);
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, json(v)]));
  return value;
}
