/**
 * Type tests: request bodies and answers of every media type (checked by `tsc --noEmit`, never
 * run), against the SDK generated from test/fixtures/wire/bodies.yaml (committed in
 * ./generated-bodies, kept fresh by test/codegen/wire-types.test.ts). Every `@ts-expect-error`
 * line is a call that must not compile.
 */
import type { Sdk } from './generated-bodies/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

declare const sdk: Sdk;
declare const file: File;
declare const blob: Blob;
declare const stream: ReadableStream<Uint8Array>;

export async function fileParts(): Promise<void> {
  await sdk.default.upload({ body: { file, caption: 'c', tags: ['a'], meta: { album: 'x' } } });
  await sdk.default.upload({ body: { file: blob, thumbnail: blob, raw: blob } });
  // A FormData the app built itself is accepted for a multipart operation.
  await sdk.default.upload({ body: new FormData() });
  // @ts-expect-error a file part takes a Blob or File, not a string
  await sdk.default.upload({ body: { file: 'photo.png' } });
  // @ts-expect-error a contentMediaType part (3.1) is binary too
  await sdk.default.upload({ body: { file, thumbnail: 'data:image/png;base64,AAAA' } });
  // @ts-expect-error the file part is required
  await sdk.default.upload({ body: { caption: 'no file' } });
}

export async function binaryBodies(): Promise<void> {
  await sdk.default.putBinary({ body: blob });
  await sdk.default.putBinary({ body: new Uint8Array(4) });
  await sdk.default.putBinary({ body: new ArrayBuffer(4) });
  await sdk.default.putBinary({ body: stream });
  // @ts-expect-error an octet-stream body is bytes, not an object
  await sdk.default.putBinary({ body: { bytes: [1, 2] } });
}

export async function textAndJson(): Promise<void> {
  await sdk.default.sendText({ body: 'hello' });
  // @ts-expect-error a text/plain body is a string
  await sdk.default.sendText({ body: { text: 'hello' } });
  await sdk.default.sendJson({ body: { title: 'T' } });
  // @ts-expect-error a JSON-only operation takes no Blob
  await sdk.default.sendJson({ body: blob });
}

export async function severalMediaTypes(): Promise<void> {
  await sdk.default.sendSeveral({ body: { title: 'T' } });
  await sdk.default.sendSeveral({ body: new FormData() });
  await sdk.default.sendSeveral({ body: blob });
  await sdk.default.sendSeveral({ body: new URLSearchParams() });
  await sdk.default.sendSeveral({ body: { title: 'T' }, contentType: 'application/x-www-form-urlencoded' });
  await sdk.default.sendSeveral({ body: { title: 'T' }, contentType: 'multipart/form-data' });
  // @ts-expect-error contentType is one of the declared media types
  await sdk.default.sendSeveral({ body: { title: 'T' }, contentType: 'text/csv' });
  // @ts-expect-error contentType exists only where a body does
  await sdk.default.jsonOnly({ contentType: 'application/json' });
}

export async function answers(): Promise<void> {
  // A binary answer is a Blob, with its methods.
  const pdf = await sdk.default.download();
  expectType<Equal<typeof pdf, Blob>>();
  await pdf.arrayBuffer();
  // JSON preferred where an answer may be JSON or text.
  const note = await sdk.default.jsonOrText();
  expectType<Equal<typeof note, { title: string; pages?: number }>>();
}
