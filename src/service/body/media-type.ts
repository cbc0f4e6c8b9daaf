/**
 * Media types as the SDK classifies them: which reader an answer needs, which serializer a
 * body needs, and whether an answer's type is one the operation declared. Parameters (charset,
 * boundary, q) never change the class, and comparison is case-insensitive (RFC 9110 §8.3.1).
 */

/** How a body is read or written: JSON, text, an event stream, form encodings, or raw bytes. */
export type MediaClass = 'json' | 'text' | 'stream' | 'multipart' | 'urlencoded' | 'binary';

/** `type/subtype` in lower case, without parameters; '' for an empty or missing header. */
export function essence(type: string | null | undefined): string {
  if (!type) return '';
  const semicolon = type.indexOf(';');
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase();
}

/** The class of a media type (its essence or the full header value). */
export function mediaClass(type: string): MediaClass {
  const e = essence(type);
  if (e === 'application/json' || e.endsWith('+json') || e === 'text/json') return 'json';
  if (e === 'text/event-stream' || e === 'application/x-ndjson' || e === 'application/jsonl') return 'stream';
  if (e.startsWith('multipart/')) return 'multipart';
  if (e === 'application/x-www-form-urlencoded') return 'urlencoded';
  if (e.startsWith('text/') || /^application\/([\w.-]+\+)?(xml|yaml|x-yaml|javascript|ecmascript|csv|graphql)$/.test(e)) return 'text';
  return 'binary';
}

/**
 * Whether an answer of type `actual` is one of `declared` (as in the spec, wildcards allowed:
 * `*\/*`, `image/*`). Two JSON types count as the same (a declared `application/json` answered
 * with `application/hal+json` or `problem+json` is still JSON the SDK reads correctly).
 */
export function isDeclared(actual: string, declared: ReadonlyArray<string>): boolean {
  const e = essence(actual);
  const json = mediaClass(e) === 'json';
  for (const d of declared) {
    const want = essence(d);
    if (want === e || want === '*/*' || want === '*') return true;
    if (want.endsWith('/*') && e.startsWith(want.slice(0, -1))) return true;
    if (json && mediaClass(want) === 'json') return true;
  }
  return false;
}
