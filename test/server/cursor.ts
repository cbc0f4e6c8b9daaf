/**
 * Opaque cursors: base64url JSON. Clients must treat them as opaque; the server checks their
 * shape and answers 422 (location query) when one was tampered with.
 */
import { HttpError, validationProblem } from './http.js';

export function encodeCursor(value: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Decodes a cursor whose fields must have the given types; throws a 422 naming `param`. */
export function decodeCursor<T extends Record<string, 'string' | 'number'>>(
  cursor: string,
  shape: T,
  param: string,
): { [K in keyof T]: T[K] extends 'string' ? string : number } {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const ok = value !== null && typeof value === 'object' &&
    Object.entries(shape).every(([key, type]) => typeof (value as Record<string, unknown>)[key] === type);
  if (!ok) {
    throw new HttpError(validationProblem([{ pointer: `/${param}`, detail: 'is not a valid cursor', code: 'format' }], 'query'));
  }
  return value as { [K in keyof T]: T[K] extends 'string' ? string : number };
}
