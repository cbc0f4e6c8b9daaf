/**
 * Request bodies on the wire, generated from test/fixtures/wire/bodies.yaml and sent to
 * test/server's raw /__echo: JSON and +json, urlencoded and multipart with the spec's
 * `encoding` object, binary in every shape the platform uploads, text, an operation declaring
 * several media types, and requests that cannot be sent (VALIDATION, never sent).
 */
import * as assert from 'uvu/assert';
import { rejection } from '../helpers/rejection.js';
import { serverSuite } from '../helpers/server-suite.js';
import type { EchoReply } from '../server/routes/echo.js';
import { bodyOf, formOf, loadBodiesSdk, multipartText, type BodiesSdkModule } from './bodies-sdk.js';

type Sdk = ReturnType<BodiesSdkModule['createSdk']>;
const test = serverSuite<{ sdk: Sdk; mod: BodiesSdkModule }>('wire: request bodies', { timeoutMs: 60_000 });

test.before(async (ctx) => {
  ctx.mod = await loadBodiesSdk();
  ctx.sdk = ctx.mod.createSdk({ baseUrl: `${ctx.server.url}/__echo`, logLevel: 'off', retry: false });
});

const echo = (reply: unknown): EchoReply => reply as EchoReply;

test('JSON and +json bodies are JSON with their declared type; Accept names the declared answer', async ({ sdk }) => {
  const json = echo(await sdk.default.sendJson({ body: { title: 'Hi', pages: 2 } }));
  assert.is(json.contentType, 'application/json');
  assert.equal(JSON.parse(bodyOf(json).toString()), { title: 'Hi', pages: 2 });
  assert.is(json.headers['accept'], 'application/json');
  const merge = echo(await sdk.default.sendMergePatch({ body: { title: null } }));
  assert.is(merge.contentType, 'application/merge-patch+json');
  assert.is(bodyOf(merge).toString(), '{"title":null}');
});

test('an Accept the app sets wins over the declared one', async ({ sdk }) => {
  const reply = echo(await sdk.default.sendJson({ body: { title: 'Hi' }, headers: { accept: 'application/vnd.custom+json' } }));
  assert.is(reply.headers['accept'], 'application/vnd.custom+json');
});

test('urlencoded: form/explode by default, the encoding object’s style, deepObject, JSON content and allowReserved', async ({ sdk }) => {
  const reply = echo(
    await sdk.default.sendForm({
      body: {
        name: 'Zoë & co',
        tags: ['a', 'b'],
        pipes: ['x', 'y'],
        color: { R: 100, G: 200 },
        filter: { kind: 'cat', age: '3' },
        meta: { nested: [1, 2] },
        path: '/a/b?c',
      },
    }),
  );
  assert.is(reply.contentType, 'application/x-www-form-urlencoded');
  assert.is(
    bodyOf(reply).toString(),
    'name=Zo%C3%AB%20%26%20co&tags=a&tags=b&pipes=x|y&R=100&G=200&filter%5Bkind%5D=cat&filter%5Bage%5D=3&meta=%7B%22nested%22%3A%5B1%2C2%5D%7D&path=/a/b?c',
  );
  const parsed = new URLSearchParams(bodyOf(reply).toString());
  assert.equal(parsed.getAll('tags'), ['a', 'b']);
  assert.is(parsed.get('filter[kind]'), 'cat');
  assert.equal(JSON.parse(parsed.get('meta')!), { nested: [1, 2] });
});

test('multipart: files with names and types, text fields, repeated arrays, JSON parts, encoding content types', async ({ sdk }) => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const reply = echo(
    await sdk.default.upload({
      body: {
        file: new File([png], 'photo.png', { type: 'image/png' }),
        thumbnail: new Blob([png]),
        caption: 'Beach',
        count: 3,
        tags: ['sea', 'sun'],
        meta: { album: 'Summer' },
        csv: ['a', 'b', 'c'],
        raw: new Blob(['bytes']),
      },
    }),
  );
  assert.match(String(reply.contentType), /^multipart\/form-data; ?boundary=/);
  const form = await formOf(reply);
  const file = form.get('file') as File;
  assert.is(file.name, 'photo.png');
  assert.is(file.type, 'image/png');
  assert.equal(new Uint8Array(await file.arrayBuffer()), png);
  // 3.1 contentMediaType types an untyped Blob's part.
  assert.is((form.get('thumbnail') as File).type, 'image/png');
  assert.is(form.get('caption'), 'Beach');
  assert.is(form.get('count'), '3');
  assert.equal(form.getAll('tags'), ['sea', 'sun'], 'arrays are repeated parts');
  const meta = form.get('meta') as File;
  assert.is(meta.type, 'application/json', 'objects are JSON parts');
  assert.equal(JSON.parse(await meta.text()), { album: 'Summer' });
  assert.is(form.get('csv'), 'a,b,c', 'a non-exploded form style joins into one field');
  assert.is((form.get('raw') as File).type, 'application/octet-stream');
  const text = multipartText(reply);
  assert.match(text, /name="caption"\r\n\r\nBeach/, 'a text field has no Content-Type of its own');
  assert.match(text, /name="meta"; filename="blob"\r\nContent-Type: application\/json/);
});

test('binary: Blob, ArrayBuffer, typed arrays and a ReadableStream upload their bytes as octet-stream', async ({ sdk }) => {
  const bytes = new Uint8Array([0, 1, 2, 254, 255]);
  const bodies = [
    new Blob([bytes]),
    bytes.buffer.slice(0),
    bytes,
    new DataView(bytes.buffer.slice(0)),
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 2));
        controller.enqueue(bytes.subarray(2));
        controller.close();
      },
    }),
  ];
  for (const body of bodies) {
    const reply = echo(await sdk.default.putBinary({ body }));
    assert.is(reply.method, 'PUT');
    assert.is(reply.contentType, 'application/octet-stream', body.constructor.name);
    assert.equal([...bodyOf(reply)], [...bytes], body.constructor.name);
  }
});

test('text/plain sends the string as is', async ({ sdk }) => {
  const reply = echo(await sdk.default.sendText({ body: 'héllo {"not": "json"}' }));
  assert.is(reply.contentType, 'text/plain');
  assert.is(bodyOf(reply).toString(), 'héllo {"not": "json"}');
});

test('several declared media types: chosen by the body the app passes', async ({ sdk }) => {
  const asJson = echo(await sdk.default.sendSeveral({ body: { title: 'T' } }));
  assert.is(asJson.contentType, 'application/json');
  const form = new FormData();
  form.append('title', 'T');
  const asMultipart = echo(await sdk.default.sendSeveral({ body: form }));
  assert.match(String(asMultipart.contentType), /^multipart\/form-data; ?boundary=/);
  assert.is((await formOf(asMultipart)).get('title'), 'T');
  const asImage = echo(await sdk.default.sendSeveral({ body: new Blob(['gif'], { type: 'image/gif' }) }));
  assert.is(asImage.contentType, 'image/gif', 'a Blob matching image/* keeps its own type');
  const untyped = echo(await sdk.default.sendSeveral({ body: new Uint8Array([1]) }));
  assert.is(untyped.contentType, 'application/octet-stream', 'a wildcard type is not sent as such');
  const params = echo(await sdk.default.sendSeveral({ body: new URLSearchParams({ title: 'T' }) }));
  assert.is(params.contentType, 'application/x-www-form-urlencoded');
  assert.is(bodyOf(params).toString(), 'title=T');
});

test('several declared media types: init.contentType chooses among the declared ones', async ({ sdk }) => {
  const asForm = echo(await sdk.default.sendSeveral({ body: { title: 'T', pages: 3 }, contentType: 'application/x-www-form-urlencoded' }));
  assert.is(asForm.contentType, 'application/x-www-form-urlencoded');
  assert.is(bodyOf(asForm).toString(), 'title=T&pages=3');
  const asMultipart = echo(await sdk.default.sendSeveral({ body: { title: 'T' }, contentType: 'multipart/form-data' }));
  assert.is((await formOf(asMultipart)).get('title'), 'T');
  // An undeclared type is refused before anything is sent.
  const error = await rejection(sdk.default.sendSeveral({ body: { title: 'T' }, contentType: 'text/csv' as 'application/json' }));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.match(error.message, /text\/csv.*not declared/);
});

test('the JSON schema checks JSON bodies only; a FormData for the same operation is not held to it', async ({ sdk }) => {
  const invalid = await rejection(sdk.default.sendSeveral({ body: { title: '' } }));
  assert.is(invalid.type, 'VALIDATION');
  assert.equal(Object.keys(invalid.fieldErrors ?? {}), ['title']);
  const form = new FormData();
  form.append('other', 'x');
  const reply = echo(await sdk.default.sendSeveral({ body: form }));
  assert.match(String(reply.contentType), /^multipart\/form-data/);
});

test('a body its media type cannot carry is VALIDATION naming why, never sent', async ({ sdk }) => {
  const error = await rejection(sdk.default.putBinary({ body: { not: 'bytes' } as unknown as Blob }));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.match(error.message, /application\/octet-stream body must be a Blob/);
  const stream = await rejection(sdk.default.upload({ body: { file: new ReadableStream() as unknown as Blob } }));
  assert.is(stream.type, 'VALIDATION');
  assert.match(stream.message, /part "file" is a stream/);
});

test('a GET with a body (declared by the spec) is VALIDATION naming the reason, not CONNECTION', async ({ sdk }) => {
  const error = await rejection(sdk.default.getWithBody({ body: { q: 1 } }));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.match(error.message, /cannot send a body with GET/);
  // Without the body the same operation is sent.
  assert.is(echo(await sdk.default.getWithBody()).method, 'GET');
});

test('a Blob upload is retried on a 503 (PUT is idempotent); a stream body is sent once', async ({ server, mod }) => {
  const sdk = mod.createSdk({ baseUrl: server.url, logLevel: 'off', retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 2 } });
  const fail = { params: { query: { status: 503, type: 'text/plain', body: 'busy' } } };
  const blob = await rejection(sdk.default.uploadAndAnswer({ ...fail, body: new Blob(['data']) }));
  assert.is(blob.type, 'SERVER');
  assert.is(blob.attempts, 3);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('data'));
      controller.close();
    },
  });
  const once = await rejection(sdk.default.uploadAndAnswer({ ...fail, body: stream }));
  assert.is(once.type, 'SERVER');
  assert.is(once.attempts, 1, 'a one-shot body is never repeated');
  assert.is(await sdk.default.uploadAndAnswer({ params: { query: { status: 204 } }, body: new Uint8Array([1]) }), undefined);
});

test.run();
