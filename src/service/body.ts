/**
 * Turns the typed `body` of a call into what fetch sends, by the media type chosen for it
 * (body/choose-media.ts). openapi-fetch's default serializer JSON-encodes everything, which
 * would send a Blob upload as "{}"; binary, text and form bodies pass through or convert here.
 */
import type { PartEncoding } from '../contract/operation.js';
import { RequestBodyError } from './body/errors.js';
import { essence, mediaClass } from './body/media-type.js';
import { toMultipart } from './body/multipart.js';
import { isBinaryBody, isRawBody, isRecord, isStream } from './body/raw-body.js';
import { toUrlEncoded } from './body/urlencoded.js';

/**
 * Serialises `body` for `contentType` (with its form `encoding`); bodies already in fetch's own
 * shapes (Blob, FormData, URLSearchParams, bytes, streams) pass through. Throws a
 * RequestBodyError for a value the media type cannot carry (an object as octet-stream).
 */
export function serializeBody(body: unknown, contentType: string | undefined, encoding?: Readonly<Record<string, PartEncoding>>): unknown {
  if (isRawBody(body)) return body;
  const type = contentType ?? 'application/json';
  switch (mediaClass(type)) {
    case 'multipart':
      return isRecord(body) ? toMultipart(body, encoding) : refuse(body, type);
    case 'urlencoded':
      if (typeof body === 'string') return body; // already encoded by the app
      return isRecord(body) ? toUrlEncoded(body, encoding) : refuse(body, type);
    case 'text':
      if (typeof body === 'string') return body;
      if (typeof body === 'number' || typeof body === 'boolean' || typeof body === 'bigint') return String(body);
      // XML and friends have no object mapping; an object here would go out as "[object Object]".
      return refuse(body, type);
    case 'binary':
    case 'stream':
      if (typeof body === 'string') return body;
      return refuse(body, type);
    case 'json':
      return JSON.stringify(body);
  }
}

function refuse(body: unknown, type: string): never {
  const what = Array.isArray(body) ? 'an array' : body === null ? 'null' : typeof body === 'object' ? 'an object' : `a ${typeof body}`;
  const want = mediaClass(type) === 'binary' ? 'a Blob, ArrayBuffer, typed array or ReadableStream' : mediaClass(type) === 'text' ? 'a string' : 'an object of fields';
  throw new RequestBodyError('unsupported-value', `the ${essence(type)} body must be ${want}, not ${what}`);
}

/**
 * The Content-Type to send, or undefined to let fetch set it (FormData and multipart need
 * their boundary). A wildcard declaration (`image/*`) takes the Blob's own type.
 */
export function contentTypeFor(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return undefined;
  // A multipart body the SDK builds is a FormData; anything else under it says its own type.
  if (contentType !== undefined && mediaClass(contentType) === 'multipart') return ownType(body);
  if (contentType === undefined || contentType.includes('*') || contentType.includes(',')) {
    if (isRawBody(body)) return ownType(body);
    return contentType === undefined ? 'application/json' : undefined;
  }
  return contentType;
}

/** What a raw body says of itself: a Blob's type, octet-stream for bytes; none for URLSearchParams (fetch sets it). */
function ownType(body: unknown): string | undefined {
  if (typeof Blob !== 'undefined' && body instanceof Blob && body.type !== '') return body.type;
  return isBinaryBody(body) ? 'application/octet-stream' : undefined;
}

/**
 * A body that can be read only once (a stream the caller hands us): a request carrying it
 * cannot be replayed, so the retry layer sends it once.
 */
export function isOneShotBody(body: unknown): boolean {
  return isStream(body);
}
