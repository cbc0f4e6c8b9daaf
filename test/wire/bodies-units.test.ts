/**
 * Given/want tables for the pieces under the wire tests: what the generator records about bodies
 * (collect-bodies.ts), how the runtime picks a media type and encodes forms, and how an answer's
 * type is judged. Pure functions, no network.
 */
import * as assert from 'uvu/assert';
import { suite } from '../helpers/timed-suite.js';
import { collectBodies } from '../../scripts/codegen/collect-bodies.js';
import { chooseMedia } from '../../src/service/body/choose-media.js';
import { contentTypeFor } from '../../src/service/body.js';
import { refusalBeforeSend, refusalReason } from '../../src/service/refused-request.js';
import { toUrlEncoded } from '../../src/service/body/urlencoded.js';
import { isDeclared, mediaClass } from '../../src/service/body/media-type.js';
import { answerKind } from '../../src/service/body/answer-kind.js';
import { RequestBodyError, UnexpectedContentTypeError } from '../../src/service/body/errors.js';
import type { OperationMeta } from '../../src/contract/operation.js';

const test = suite('wire: body units');

const ok = (...types: string[]) => ({ '200': { description: 'ok', content: Object.fromEntries(types.map((t) => [t, {}])) } });

test('Accept: JSON first at full weight, the rest in order with falling q; none without a success body', () => {
  const accept = (responses: unknown) => collectBodies({}, undefined, responses, '#/paths/~1x/get').accept;
  assert.is(accept(ok('application/json')), 'application/json');
  assert.is(accept(ok('text/plain', 'application/json')), 'application/json, text/plain;q=0.9');
  assert.is(accept(ok('application/pdf')), 'application/pdf');
  assert.is(accept(ok('application/pdf', 'image/*', 'application/hal+json')), 'application/hal+json, application/pdf;q=0.9, image/*;q=0.8');
  assert.is(accept({ ...ok('application/json'), '201': { description: 'made', content: { 'application/json': {}, 'text/csv': {} } } }), 'application/json, text/csv;q=0.9');
  assert.is(accept({ '204': { description: 'none' }, '404': { description: 'x', content: { 'application/problem+json': {} } } }), undefined);
  // A $ref'd response is followed.
  const doc = { components: { responses: { R: { description: 'r', content: { 'text/plain': {} } } } } };
  assert.is(collectBodies(doc, undefined, { '200': { $ref: '#/components/responses/R' } }, '#').accept, 'text/plain');
});

test('requestMedia: only when several types or an encoding; contentMediaType becomes the part type', () => {
  const media = (content: unknown) => collectBodies({}, { content }, undefined, '#').requestMedia;
  assert.is(media({ 'application/json': { schema: {} } }), undefined);
  assert.equal(media({ 'application/json': {}, 'text/plain': {} }), [{ type: 'application/json' }, { type: 'text/plain' }]);
  assert.equal(media({ 'application/x-www-form-urlencoded': { encoding: { a: { style: 'pipeDelimited', explode: false, headers: {} }, b: { style: 'bogus' } } } }), [
    { type: 'application/x-www-form-urlencoded', encoding: { a: { style: 'pipeDelimited', explode: false } } },
  ]);
  assert.equal(media({ 'multipart/form-data': { schema: { properties: { f: { type: 'string', contentMediaType: 'image/png' } } } } }), [
    { type: 'multipart/form-data', encoding: { f: { contentType: 'image/png' } } },
  ]);
  // Encoding on a JSON media type means nothing (the spec ignores it there).
  assert.is(media({ 'application/json': { encoding: { a: { contentType: 'text/plain' } } } }), undefined);
});

const meta = (types: string[]): Pick<OperationMeta, 'id' | 'requestContentType' | 'requestMedia'> => ({
  id: 'x.op',
  requestContentType: types[0],
  requestMedia: types.map((type) => ({ type })),
});

test('choosing a media type by the body, or by init.contentType among the declared ones', () => {
  const m = meta(['application/json', 'multipart/form-data', 'application/octet-stream', 'text/plain', 'application/x-www-form-urlencoded']);
  assert.is(chooseMedia(m, { a: 1 })?.type, 'application/json');
  assert.is(chooseMedia(m, new FormData())?.type, 'multipart/form-data');
  assert.is(chooseMedia(m, new Blob(['x']))?.type, 'application/octet-stream');
  assert.is(chooseMedia(m, new Uint8Array(1))?.type, 'application/octet-stream');
  assert.is(chooseMedia(m, 'text')?.type, 'text/plain');
  assert.is(chooseMedia(m, new URLSearchParams())?.type, 'application/x-www-form-urlencoded');
  assert.is(chooseMedia(m, { a: 1 }, 'Multipart/Form-Data')?.type, 'multipart/form-data', 'case-insensitive');
  assert.throws(() => chooseMedia(m, { a: 1 }, 'text/csv'), (e: unknown) => e instanceof RequestBodyError && e.reason === 'undeclared-content-type');
  // Without JSON an object goes as a form.
  assert.is(chooseMedia(meta(['image/png', 'application/x-www-form-urlencoded']), { a: 1 })?.type, 'application/x-www-form-urlencoded');
  // One declared type is always that type.
  assert.is(chooseMedia(meta(['application/json']), new Blob(['x']))?.type, 'application/json');
});

test('Content-Type: the declared type; a raw body under no or a wildcard type says its own', () => {
  assert.is(contentTypeFor({ a: 1 }, undefined), 'application/json');
  assert.is(contentTypeFor(new Blob(['x'], { type: 'image/gif' }), undefined), 'image/gif');
  assert.is(contentTypeFor(new Uint8Array(1), undefined), 'application/octet-stream');
  assert.is(contentTypeFor(new URLSearchParams('a=1'), undefined), undefined, 'fetch sets urlencoded itself');
  assert.is(contentTypeFor(new Blob(['x']), 'image/*'), 'application/octet-stream');
  assert.is(contentTypeFor(new Blob(['x'], { type: 'image/png' }), 'multipart/form-data'), 'image/png');
  assert.is(contentTypeFor({ a: 1 }, 'multipart/form-data'), undefined, 'FormData: fetch writes the boundary');
  assert.is(contentTypeFor('x', 'application/vnd.a+json'), 'application/vnd.a+json');
});

test('urlencoded styles, per the spec’s style table', () => {
  const enc = (style: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject', explode: boolean) => ({ v: { style, explode } });
  const arr = { v: ['blue', 'black'] };
  const obj = { v: { R: 100, G: 200 } };
  assert.is(toUrlEncoded(arr), 'v=blue&v=black');
  assert.is(toUrlEncoded(arr, enc('form', false)), 'v=blue,black');
  assert.is(toUrlEncoded(arr, enc('spaceDelimited', false)), 'v=blue%20black');
  assert.is(toUrlEncoded(arr, enc('pipeDelimited', false)), 'v=blue|black');
  assert.is(toUrlEncoded(obj), 'R=100&G=200');
  assert.is(toUrlEncoded(obj, enc('form', false)), 'v=R,100,G,200');
  assert.is(toUrlEncoded(obj, enc('deepObject', true)), 'v%5BR%5D=100&v%5BG%5D=200');
  assert.is(toUrlEncoded({ a: null, b: undefined, c: true, d: new Date(Date.UTC(2024, 0, 2)) }), 'a=&c=true&d=2024-01-02T00%3A00%3A00.000Z');
  assert.is(toUrlEncoded({ q: 'a&b=c' }, { q: { allowReserved: true } }), 'q=a%26b%3Dc', 'never the separators');
  assert.is(toUrlEncoded({ q: 'a/b?c:d+e#f' }, { q: { allowReserved: true } }), 'q=a/b?c:d%2Be%23f', 'reserved kept, but not + or #');
});

test('urlencoded: nested structures are JSON text in their field; values a form cannot carry are RequestBodyErrors', () => {
  assert.is(toUrlEncoded({ v: [{ a: 1 }, 'x'] }), 'v=%7B%22a%22%3A1%7D&v=x');
  assert.is(toUrlEncoded({ v: { a: [1, 2] } }, { v: { style: 'deepObject', explode: true } }), 'v%5Ba%5D=%5B1%2C2%5D');
  assert.is(toUrlEncoded({ v: { a: 1 } }, { v: { contentType: 'application/json' } }), 'v=%7B%22a%22%3A1%7D');
  const refused = (body: Record<string, unknown>) =>
    assert.throws(() => toUrlEncoded(body), (e: unknown) => e instanceof RequestBodyError && e.reason === 'unsupported-value' && e.message.includes('"f"'));
  refused({ f: 'a\uD800' });
  refused({ f: () => 1 });
  refused({ f: new Date(Number.NaN) });
});

test('media classes and declared-type matching', () => {
  assert.is(mediaClass('application/problem+json; charset=utf-8'), 'json');
  assert.is(mediaClass('text/event-stream'), 'stream');
  assert.is(mediaClass('application/xml'), 'text');
  assert.is(mediaClass('image/png'), 'binary');
  assert.ok(isDeclared('image/png', ['image/*']));
  assert.ok(isDeclared('application/vnd.api+json', ['application/json']));
  assert.ok(isDeclared('TEXT/PLAIN;charset=utf-8', ['text/plain']));
  assert.not.ok(isDeclared('text/html', ['application/json', 'text/plain']));
});

test('answer kind by Content-Type; an undeclared one throws the typed error', () => {
  const op = { responseKind: 'json', accept: 'application/json, text/plain;q=0.9' } as OperationMeta;
  const answer = (type?: string) => new Response('x', type ? { headers: { 'content-type': type } } : {});
  assert.is(answerKind(op, answer('text/plain; charset=utf-8')), 'text');
  assert.is(answerKind(op, answer('application/json')), 'json');
  const untyped = new Response('x');
  untyped.headers.delete('content-type');
  assert.is(answerKind(op, untyped), 'json', 'no type: the declared kind');
  assert.throws(() => answerKind(op, answer('text/html')), (e: unknown) => e instanceof UnexpectedContentTypeError && e.actual === 'text/html');
  assert.is(answerKind({ responseKind: 'text' } as OperationMeta, answer('text/html')), 'text', 'no accept: as before');
});

test('requests fetch refuses are named by what is wrong, never by the platform message', () => {
  assert.match(String(refusalBeforeSend({ method: 'GET', body: '{}' })), /body with GET/);
  assert.match(String(refusalBeforeSend({ method: 'HEAD', body: new Uint8Array(1) })), /body with HEAD/);
  assert.match(String(refusalBeforeSend({ method: 'TRACE', body: null })), /forbids the TRACE method/);
  assert.is(refusalBeforeSend({ method: 'GET', body: null }), undefined);
  assert.is(refusalBeforeSend({ method: 'POST', body: '{}' }), undefined);
  // After the platform refused: the cause it can see, else only the error's class.
  const secret = new TypeError('Headers.append: "Bearer s3cr3t\n" is an invalid header value.');
  assert.match(refusalReason({ method: 'POST', body: null, url: 'https://u:p@api.example.com/x' }, secret), /carries credentials/);
  assert.match(refusalReason({ method: 'POST', body: null, url: 'not a url' }, secret), /URL is not valid/);
  const other = refusalReason({ method: 'POST', body: null, url: 'https://api.example.com/x' }, secret);
  assert.match(other, /TypeError/);
  assert.not.match(other, /s3cr3t/);
});

test.run();
