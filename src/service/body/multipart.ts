/**
 * `multipart/form-data` bodies as OpenAPI defines them, built as a FormData (the one shape every
 * platform's fetch uploads natively, React Native included, with its own boundary):
 * - a Blob/File is a file part (a File keeps its name); bytes become a Blob part;
 * - a primitive is a plain text field;
 * - an array is repeated parts of one name (unless its encoding sets a non-exploded `style`,
 *   then one text field joined by the style's delimiter);
 * - an object is a JSON part (`application/json`, the spec's default for objects);
 * - an Encoding Object's `contentType` types the part (a primitive with a non-text type, or
 *   any value whose type it names, goes as a typed Blob part).
 * FormData can only type a part that has a file name; typed non-file parts carry the name
 * the platform gives a Blob ("blob"), which servers reading parts by name ignore.
 * @see https://spec.openapis.org/oas/v3.1.1#encoding-multipart-media-types
 */
import type { PartEncoding } from '../../contract/operation.js';
import { RequestBodyError } from './errors.js';
import { essence, mediaClass } from './media-type.js';
import { isStream } from './raw-body.js';

type BlobPart = NonNullable<ConstructorParameters<typeof Blob>[0]>[number];

/** Serialises a record as a multipart FormData, honouring per-property encodings. */
export function toMultipart(body: Record<string, unknown>, encoding?: Readonly<Record<string, PartEncoding>>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    const enc = encoding?.[name];
    if (Array.isArray(value)) {
      if (enc?.style !== undefined && enc.explode === false && enc.contentType === undefined) {
        const joined = value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(enc.style === 'spaceDelimited' ? ' ' : enc.style === 'pipeDelimited' ? '|' : ',');
        form.append(name, joined);
      } else {
        for (const item of value) if (item !== undefined && item !== null) appendPart(form, name, item, enc?.contentType);
      }
      continue;
    }
    appendPart(form, name, value, enc?.contentType);
  }
  return form;
}

function appendPart(form: FormData, name: string, value: unknown, declared: string | undefined): void {
  // A declared list (`image/png, image/jpeg`) or wildcard types nothing by itself.
  const type = declared !== undefined && !declared.includes(',') && !declared.includes('*') ? declared : undefined;
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    if (type === undefined || value.type !== '') return form.append(name, value);
    // An untyped Blob under a declared part type: typed, keeping a File's name.
    const named = (value as { name?: unknown }).name;
    const typed = new Blob([value], { type });
    return typeof named === 'string' ? form.append(name, typed, named) : form.append(name, typed);
  }
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    return form.append(name, new Blob([value as BlobPart], { type: type ?? 'application/octet-stream' }));
  }
  if (isStream(value)) {
    throw new RequestBodyError('unsupported-value', `multipart part ${JSON.stringify(name)} is a stream; pass a Blob or File (a part needs its whole size up front)`);
  }
  if (value instanceof Date) return form.append(name, value.toISOString());
  if (typeof value === 'object') {
    // Objects (and Dates as JSON strings) default to a JSON part.
    const json = JSON.stringify(value);
    if (type !== undefined && mediaClass(type) === 'text' && essence(type) === 'text/plain') return form.append(name, json);
    return form.append(name, new Blob([json], { type: type ?? 'application/json' }));
  }
  if (typeof value === 'function' || typeof value === 'symbol') {
    throw new RequestBodyError('unsupported-value', `multipart part ${JSON.stringify(name)} holds a ${typeof value}, which cannot be sent`);
  }
  const text = String(value);
  if (type === undefined || essence(type) === 'text/plain') return form.append(name, text);
  return form.append(name, new Blob([text], { type }));
}
