/**
 * The full body writer: every declared media type (JSON, multipart, urlencoded, text, binary),
 * chosen per call by the body or `init.contentType` (choose-media.ts) and serialised by body.ts.
 * Generated metadata names it (`bodyCodec: mediaBodies`) only on operations that declare a
 * non-JSON type or several, so only apps calling those bundle the form and binary serializers.
 */
import type { BodyCodec } from '../../contract/operation.js';
import { contentTypeFor, serializeBody } from '../body.js';
import { chooseMedia, sentAsJson } from './choose-media.js';

/** Writes any declared media type; see the module comment. */
export const mediaBodies: BodyCodec = {
  write(meta, body, explicit) {
    const media = chooseMedia(meta, body, explicit);
    if (body === undefined) return { body: undefined, contentType: undefined };
    return { body: serializeBody(body, media?.type, media?.encoding), contentType: contentTypeFor(body, media?.type) };
  },
  sentAsJson,
};
