/**
 * The body writer every operation gets unless its metadata names another (`bodyCodec`): JSON,
 * plus fetch's own shapes (Blob, FormData, bytes, a stream) passed through as they are. The
 * generator names the full writer (media-body.ts) on every operation that declares a non-JSON
 * media type or several, so this one only ever sees the single declared type, or none.
 */
import type { BodyCodec, OperationMeta, WrittenBody } from '../../contract/operation.js';
import { RequestBodyError } from './errors.js';
import { essence, mediaClass } from './media-type.js';
import { isBinaryBody, isRawBody } from './raw-body.js';

const NONE: WrittenBody = { body: undefined, contentType: undefined };

/** The declared type for this call; throws when the app names one the operation does not declare. */
function declaredType(meta: OperationMeta, explicit: string | undefined): string | undefined {
  const declared = meta.requestContentType;
  if (explicit !== undefined && (declared === undefined || essence(explicit) !== essence(declared))) {
    throw new RequestBodyError('undeclared-content-type', `contentType ${JSON.stringify(explicit)} is not declared for ${meta.id} (declared: ${declared ?? 'no request body'})`);
  }
  return declared;
}

/** JSON bodies, and raw bodies as they are; see the module comment. */
export const jsonBodies: BodyCodec = {
  write(meta, body, explicit) {
    const type = declaredType(meta, explicit);
    if (body === undefined) return NONE;
    if (isRawBody(body)) {
      // FormData and URLSearchParams say their own type (a boundary); a declared concrete type wins.
      if (typeof FormData !== 'undefined' && body instanceof FormData) return { body, contentType: undefined };
      if (type !== undefined && !type.includes('*') && !type.includes(',') && mediaClass(type) !== 'multipart') return { body, contentType: type };
      if (typeof Blob !== 'undefined' && body instanceof Blob && body.type !== '') return { body, contentType: body.type };
      return { body, contentType: isBinaryBody(body) ? 'application/octet-stream' : undefined };
    }
    if (type !== undefined && mediaClass(type) !== 'json') {
      // Only metadata written by hand (or by an older generator) gets here: the generator names
      // the full writer on every operation with a non-JSON type.
      throw new RequestBodyError('unsupported-value', `${meta.id} declares a ${essence(type)} body but its metadata names no bodyCodec to write it (regenerate the SDK)`);
    }
    return { body: JSON.stringify(body), contentType: type ?? 'application/json' };
  },
  sentAsJson(meta, body, explicit) {
    if (isRawBody(body)) return false;
    const declared = meta.requestContentType;
    if (explicit !== undefined && (declared === undefined || essence(explicit) !== essence(declared))) return false;
    return declared === undefined || mediaClass(declared) === 'json';
  },
};
