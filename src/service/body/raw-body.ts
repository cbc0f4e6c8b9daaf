/**
 * Bodies the app already prepared in the platform's own shapes: they are sent as they are,
 * never JSON-encoded (which would turn a Blob into "{}") and never validated against the
 * spec's object schema.
 */

/** A body in one of fetch's own shapes: Blob/File, FormData, URLSearchParams, bytes, a stream. */
export function isRawBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return (
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    isStream(body)
  );
}

/** Raw bytes of any kind: Blob, ArrayBuffer, a typed array or DataView, or a stream. */
export function isBinaryBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  return (typeof Blob !== 'undefined' && body instanceof Blob) || body instanceof ArrayBuffer || ArrayBuffer.isView(body) || isStream(body);
}

/** A ReadableStream (also one from another realm or polyfill: checked by shape). */
export function isStream(body: unknown): body is ReadableStream<Uint8Array> {
  if (typeof ReadableStream !== 'undefined' && body instanceof ReadableStream) return true;
  return typeof body === 'object' && body !== null && typeof (body as { getReader?: unknown }).getReader === 'function';
}

/** A plain record (not an array, not a raw body): what form encodings spread into fields. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isRawBody(value) && !(value instanceof Date);
}
