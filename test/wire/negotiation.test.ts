/**
 * Content negotiation against test/server's /__respond (answers with the status, type and body
 * a test asks for): the Accept header built from the declared success media types, answers read
 * by their actual Content-Type, and an undeclared type (a proxy's HTML page) as a typed UNKNOWN
 * naming what came and what was expected, with the status kept and nothing retried.
 */
import * as assert from 'uvu/assert';
import { rejection } from '../helpers/rejection.js';
import { serverSuite } from '../helpers/server-suite.js';
import { loadBodiesSdk, type BodiesSdkModule } from './bodies-sdk.js';

type Sdk = ReturnType<BodiesSdkModule['createSdk']>;
const test = serverSuite<{ sdk: Sdk }>('wire: content negotiation', { timeoutMs: 60_000 });

test.before(async (ctx) => {
  const mod = await loadBodiesSdk();
  ctx.sdk = mod.createSdk({ baseUrl: ctx.server.url, logLevel: 'off' });
});

const answer = (status: number, type: string | undefined, body: string) => ({ params: { query: { status, ...(type === undefined ? {} : { type }), body } } });

test('Accept lists the declared success types, JSON first, q-values for the rest', async ({ sdk }) => {
  const both = await sdk.default.jsonOrText.raw(answer(200, 'application/json', '{"title":"T"}'));
  assert.is(both.response.headers.get('x-echo-accept'), 'application/json, text/plain;q=0.9');
  const files = await sdk.default.download.raw(answer(200, 'application/pdf', '%PDF'));
  assert.is(files.response.headers.get('x-echo-accept'), 'application/pdf;q=0.9, image/*;q=0.8');
  const json = await sdk.default.jsonOnly.raw(answer(200, 'application/json', '{"title":"T"}'));
  assert.is(json.response.headers.get('x-echo-accept'), 'application/json');
});

test('an operation declaring JSON and text reads whichever came, by its Content-Type', async ({ sdk }) => {
  assert.equal(await sdk.default.jsonOrText(answer(200, 'application/json; charset=utf-8', '{"title":"T"}')), { title: 'T' });
  // Text is not held to the JSON schema (it would fail: a string is not a Note).
  assert.is(await sdk.default.jsonOrText(answer(200, 'text/plain; charset=utf-8', 'just text')), 'just text');
});

test('binary answers are Blobs with their type', async ({ sdk }) => {
  const pdf = await sdk.default.download(answer(200, 'application/pdf', '%PDF-1.7'));
  assert.instance(pdf, Blob);
  assert.is(pdf.type, 'application/pdf');
  assert.is(await pdf.text(), '%PDF-1.7');
  const png = await sdk.default.download({ params: { query: { type: 'image/png', body: Buffer.from([0x89, 0x50]).toString('base64'), base64: '1' } } });
  assert.is(png.type, 'image/png', 'a declared image/* takes any image');
  assert.equal([...new Uint8Array(await png.arrayBuffer())], [0x89, 0x50]);
});

test('an event stream is read as events (data as text where the spec gives no event schema)', async ({ sdk }) => {
  // The answer ends after one event; the stream would reconnect (SSE semantics), so stop at the first.
  for await (const event of sdk.default.events(answer(200, 'text/event-stream', 'data: 1\n\n'))) {
    assert.equal(event, { id: undefined, event: 'message', data: '1' });
    break;
  }
});

test('an HTML page where JSON was declared is UNKNOWN naming both types, with the status, never retried', async ({ sdk }) => {
  const error = await rejection(sdk.default.jsonOnly(answer(200, 'text/html', '<html>Sign in to the Wi-Fi</html>')));
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.status, 200);
  assert.is(error.attempts, 1);
  assert.match(error.message, /text\/html/);
  assert.match(error.message, /application\/json/);
  assert.not.match(error.message, /could not read/i);
  const binary = await rejection(sdk.default.download(answer(200, 'text/html', '<html></html>')));
  assert.is(binary.type, 'UNKNOWN');
  assert.match(binary.message, /text\/html, not one of application\/pdf, image\/\*/);
});

test('other JSON types, and an untyped answer, are read as the declared JSON', async ({ sdk }) => {
  assert.equal(await sdk.default.jsonOnly(answer(200, 'application/vnd.api+json', '{"title":"T"}')), { title: 'T' });
  assert.equal(await sdk.default.jsonOnly(answer(200, undefined, '{"title":"U"}')), { title: 'U' });
  assert.is(await sdk.default.jsonOnly(answer(204, undefined, '')), undefined);
});

test('an error status keeps its own type whatever the body is (a gateway’s HTML 502 is SERVER)', async ({ sdk }) => {
  const error = await rejection(sdk.default.jsonOnly({ ...answer(502, 'text/html', '<html>Bad gateway</html>') }, { retry: false }));
  assert.is(error.type, 'SERVER');
  assert.is(error.status, 502);
  assert.is(error.data, '<html>Bad gateway</html>');
});

test.run();
