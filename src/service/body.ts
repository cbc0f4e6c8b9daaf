/**
 * Turns the typed `body` of a call into what fetch sends, by the media type the spec declares
 * (meta.requestContentType). openapi-fetch's default serializer JSON-encodes everything, which
 * would send a Blob upload as "{}"; binary, text and form bodies pass through or convert here.
 */

/** Serialises `body` for `contentType`; binary and FormData bodies are passed through. */
export function serializeBody(body: unknown, contentType: string | undefined): unknown {
  if (isBinaryOrForm(body)) return body;
  const type = contentType?.toLowerCase() ?? 'application/json';
  if (type.startsWith('multipart/form-data') && isRecord(body)) return toFormData(body);
  if (type.startsWith('application/x-www-form-urlencoded') && isRecord(body)) return toSearchParams(body).toString();
  if (typeof body === 'string' && !isJson(type)) return body;
  return JSON.stringify(body);
}

/** The Content-Type to send, or undefined to let fetch set it (FormData needs its boundary). */
export function contentTypeFor(body: unknown, contentType: string | undefined): string | undefined {
  if (body === undefined) return undefined;
  if (typeof FormData !== 'undefined' && body instanceof FormData) return undefined;
  if (contentType?.toLowerCase().startsWith('multipart/form-data')) return undefined;
  return contentType ?? 'application/json';
}

function isJson(type: string): boolean {
  return /[/+]json\b/.test(type);
}

function isBinaryOrForm(body: unknown): boolean {
  return (
    (typeof FormData !== 'undefined' && body instanceof FormData) ||
    (typeof Blob !== 'undefined' && body instanceof Blob) ||
    (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body)
  );
}

function toFormData(body: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (typeof Blob !== 'undefined' && item instanceof Blob) form.append(key, item);
      else form.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

function toSearchParams(body: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      params.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return params;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A body that can be read only once (a stream the caller hands us): a request carrying it
 * cannot be replayed, so the retry layer sends it once.
 */
export function isOneShotBody(body: unknown): boolean {
  return typeof ReadableStream !== 'undefined' && body instanceof ReadableStream;
}
