/**
 * Which declared media type a call's body goes out as. An operation may declare several
 * (JSON and multipart, an image type and octet-stream…); the body the app passes decides, or
 * the app says so per call with `init.contentType`, which must be one the spec declares.
 *
 * By body: a FormData → multipart, URLSearchParams → urlencoded, a Blob → its own type when
 * declared, else the first binary type, bytes or a stream → the first binary type, a string →
 * the first text type, anything else → JSON first, then a form encoding. Nothing fits → the
 * first declared type (the operation's preferred one), as before several were declared.
 */
import type { OperationMeta, RequestMedia } from '../../contract/operation.js';
import { RequestBodyError } from './errors.js';
import { essence, isDeclared, mediaClass, type MediaClass } from './media-type.js';
import { isBinaryBody, isRawBody } from './raw-body.js';

/** Every media type the operation's body may be sent as, preferred first; [] when none. */
export function declaredMedia(meta: Pick<OperationMeta, 'requestContentType' | 'requestMedia'>): ReadonlyArray<RequestMedia> {
  if (meta.requestMedia && meta.requestMedia.length > 0) return preferredFirst(meta.requestMedia, meta.requestContentType);
  return meta.requestContentType === undefined ? [] : [{ type: meta.requestContentType }];
}

// The usual case, one declared type without encoding: one object per operation, not per call.
const single = new WeakMap<object, RequestMedia>();
function singleMedia(meta: Pick<OperationMeta, 'requestContentType'> & object, type: string): RequestMedia {
  let media = single.get(meta);
  if (media === undefined || media.type !== type) {
    media = { type };
    single.set(meta, media);
  }
  return media;
}

// The generator lists them in the spec's order; requestContentType names the preferred one.
const ordered = new WeakMap<ReadonlyArray<RequestMedia>, ReadonlyArray<RequestMedia>>();
function preferredFirst(media: ReadonlyArray<RequestMedia>, preferred: string | undefined): ReadonlyArray<RequestMedia> {
  let out = ordered.get(media);
  if (out === undefined) {
    const first = media.find((m) => m.type === preferred);
    out = first ? [first, ...media.filter((m) => m !== first)] : media;
    ordered.set(media, out);
  }
  return out;
}

/**
 * The media type for this body; undefined when the operation declares none. Throws a
 * RequestBodyError when `explicit` is not declared.
 */
export function chooseMedia(meta: Pick<OperationMeta, 'id' | 'requestContentType' | 'requestMedia'>, body: unknown, explicit?: string): RequestMedia | undefined {
  if (explicit === undefined && meta.requestMedia === undefined) {
    return meta.requestContentType === undefined ? undefined : singleMedia(meta, meta.requestContentType);
  }
  const media = declaredMedia(meta);
  if (explicit !== undefined) {
    const wanted = essence(explicit);
    const found = media.find((m) => essence(m.type) === wanted);
    if (!found) {
      const list = media.map((m) => m.type).join(', ') || 'no request body';
      throw new RequestBodyError('undeclared-content-type', `contentType ${JSON.stringify(explicit)} is not declared for ${meta.id} (declared: ${list})`);
    }
    return found;
  }
  if (media.length <= 1) return media[0];
  return byBody(media, body) ?? media[0];
}

function byBody(media: ReadonlyArray<RequestMedia>, body: unknown): RequestMedia | undefined {
  const first = (...classes: MediaClass[]): RequestMedia | undefined => {
    for (const c of classes) {
      const found = media.find((m) => mediaClass(m.type) === c);
      if (found) return found;
    }
    return undefined;
  };
  if (typeof FormData !== 'undefined' && body instanceof FormData) return first('multipart');
  if (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams) return first('urlencoded');
  if (typeof Blob !== 'undefined' && body instanceof Blob && body.type !== '') {
    const own = media.find((m) => isDeclared(body.type, [m.type]) && mediaClass(m.type) !== 'json');
    if (own) return own;
  }
  if (isBinaryBody(body)) return first('binary', 'text');
  if (typeof body === 'string') return first('text', 'json');
  if (isRawBody(body)) return undefined;
  return first('json', 'urlencoded', 'multipart');
}

/** Whether the body goes out as JSON, so the spec's JSON schema applies to it. */
export function sentAsJson(meta: Pick<OperationMeta, 'id' | 'requestContentType' | 'requestMedia'>, body: unknown, explicit?: string): boolean {
  if (isRawBody(body)) return false;
  let media: RequestMedia | undefined;
  try {
    media = chooseMedia(meta, body, explicit);
  } catch {
    return false; // refused when the request is built, with its own message
  }
  return media === undefined || mediaClass(media.type) === 'json';
}
