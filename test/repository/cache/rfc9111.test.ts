/**
 * RFC 9111 conformance of the cache, table-driven, with a manual clock and a scripted origin
 * (harness.ts). Each row stores one response, moves the clock, and asks again with
 * cache-first: a fresh entry answers without a request, a stale one goes to the origin.
 */
import { suite } from '../../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { runWithStrategy } from '../../../src/repository/cache/index.js';
import { NetworkError } from '../../../src/errors/network-error.js';
import { T0, get, harness, json, ORIGIN } from './harness.js';

const test = suite('cache: RFC 9111 conformance');
const S = 1000;
const H = 3600 * S;
const httpDate = (ms: number) => new Date(ms).toUTCString();

interface FreshnessRow {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly at: number;
  readonly fresh: boolean;
  readonly ttlMs?: number;
}

const FRESHNESS: FreshnessRow[] = [
  { name: 'max-age=60 is fresh at 59 s', headers: { 'cache-control': 'max-age=60' }, at: 59 * S, fresh: true },
  { name: 'max-age=60 is stale at 61 s', headers: { 'cache-control': 'max-age=60' }, at: 61 * S, fresh: false },
  { name: 'private, max-age=60 is stored by a private cache', headers: { 'cache-control': 'private, max-age=60' }, at: 30 * S, fresh: true },
  { name: 'Expires = Date + 60 s is fresh at 30 s', headers: { expires: httpDate(T0 + 60 * S) }, at: 30 * S, fresh: true },
  { name: 'Expires = Date + 60 s is stale at 61 s', headers: { expires: httpDate(T0 + 60 * S) }, at: 61 * S, fresh: false },
  { name: 'Expires is read against Date, not the local clock', headers: { date: httpDate(T0 - H), expires: httpDate(T0 - H + 60 * S) }, at: 30 * S, fresh: true },
  { name: 'an invalid Expires ("0") means already expired', headers: { expires: '0' }, at: 1 * S, fresh: false },
  { name: 'max-age wins over Expires', headers: { 'cache-control': 'max-age=10', expires: httpDate(T0 + H) }, at: 20 * S, fresh: false },
  { name: 'Age counts: max-age=60 with Age: 50 is stale 11 s later', headers: { 'cache-control': 'max-age=60', age: '50' }, at: 11 * S, fresh: false },
  { name: 'Age counts: max-age=60 with Age: 50 is fresh 9 s later', headers: { 'cache-control': 'max-age=60', age: '50' }, at: 9 * S, fresh: true },
  { name: 'heuristic: Last-Modified 10 days ago → fresh for 10% (23 h)', headers: { 'last-modified': httpDate(T0 - 240 * H) }, at: 23 * H, fresh: true },
  { name: 'heuristic: Last-Modified 10 days ago → stale after 24 h', headers: { 'last-modified': httpDate(T0 - 240 * H) }, at: 25 * H, fresh: false },
  { name: 'no heuristic without Last-Modified', headers: {}, at: 1 * S, fresh: false },
  { name: 's-maxage is ignored by a private cache', headers: { 'cache-control': 's-maxage=600' }, at: 1 * S, fresh: false },
  { name: 's-maxage does not override max-age here', headers: { 'cache-control': 's-maxage=600, max-age=10' }, at: 11 * S, fresh: false },
  { name: 'must-revalidate does not stop a fresh hit', headers: { 'cache-control': 'max-age=60, must-revalidate' }, at: 30 * S, fresh: true },
  { name: 'no-cache is never fresh', headers: { 'cache-control': 'no-cache, max-age=600' }, at: 1 * S, fresh: false },
  { name: 'Pragma: no-cache without Cache-Control is no-cache', headers: { pragma: 'no-cache', expires: httpDate(T0 + H) }, at: 1 * S, fresh: false },
  { name: 'ttlMs stands in when the server says nothing (fresh)', headers: {}, at: 4 * S, fresh: true, ttlMs: 5 * S },
  { name: 'ttlMs stands in when the server says nothing (stale)', headers: {}, at: 6 * S, fresh: false, ttlMs: 5 * S },
  { name: 'ttlMs replaces the heuristic', headers: { 'last-modified': httpDate(T0 - 240 * H) }, at: 10 * S, fresh: false, ttlMs: 5 * S },
  { name: 'explicit max-age wins over ttlMs', headers: { 'cache-control': 'max-age=1' }, at: 2 * S, fresh: false, ttlMs: 60 * S },
];

for (const row of FRESHNESS) {
  test(`freshness: ${row.name}`, async () => {
    const h = harness();
    h.reply(json({ v: 1 }, row.headers), json({ v: 2 }, row.headers, 200, T0 + row.at));
    const opts = row.ttlMs === undefined ? {} : { ttlMs: row.ttlMs };
    await runWithStrategy(h.cache, 'cache-first', get('/items'), h.send, opts);
    h.clock.advance(row.at);
    const second = await runWithStrategy(h.cache, 'cache-first', get('/items'), h.send, opts);
    assert.is(h.sent.length, row.fresh ? 1 : 2, 'requests sent');
    assert.is(second.source, row.fresh ? 'cache' : 'network');
    assert.equal(JSON.parse(second.body), { v: row.fresh ? 1 : 2 });
  });
}

test('request directives: no-cache and max-age=0 go to the origin, max-stale accepts a stale entry', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=60' }), json({ v: 2 }, { 'cache-control': 'max-age=60' }));
  await runWithStrategy(h.cache, 'cache-first', get('/r'), h.send);
  await runWithStrategy(h.cache, 'cache-first', get('/r', { 'cache-control': 'no-cache' }), h.send);
  assert.is(h.sent.length, 2);
  h.clock.advance(90 * S);
  const stale = await runWithStrategy(h.cache, 'cache-first', get('/r', { 'cache-control': 'max-stale=60' }), h.send);
  assert.is(stale.source, 'cache');
  assert.is(h.sent.length, 2);
});

interface NotStoredRow {
  readonly name: string;
  readonly response: ReturnType<typeof json>;
  readonly requestHeaders?: Record<string, string>;
}

const NOT_STORED: NotStoredRow[] = [
  { name: 'no-store in the response', response: json({ secret: 1 }, { 'cache-control': 'no-store, max-age=600' }) },
  { name: 'no-store in the request', response: json({ secret: 1 }, { 'cache-control': 'max-age=600' }), requestHeaders: { 'cache-control': 'no-store' } },
  { name: 'a 500', response: json({ error: 1 }, { 'cache-control': 'max-age=600' }, 500) },
  { name: 'a 503', response: json({ error: 1 }, { 'cache-control': 'max-age=600' }, 503) },
  { name: 'a 501 (cacheable by default in RFC 9110, a failure here)', response: json({ error: 1 }, {}, 501) },
  { name: 'a 429', response: json({ error: 1 }, { 'cache-control': 'max-age=600' }, 429) },
  { name: 'a 401 (status not understood as cacheable)', response: json({ error: 1 }, {}, 401) },
  { name: 'a JSON body that does not parse', response: { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'max-age=600' }, body: '{"trunc' } },
  { name: 'Vary: *', response: json({ v: 1 }, { 'cache-control': 'max-age=600', vary: '*' }) },
];

for (const row of NOT_STORED) {
  test(`never stored: ${row.name} (memory and storage dumped)`, async () => {
    const h = harness();
    h.reply(row.response);
    const result = await runWithStrategy(h.cache, 'cache-first', get('/never', row.requestHeaders), h.send);
    assert.is(result.status, row.response.status);
    const dump = await h.dump();
    assert.equal(dump.memory, []);
    assert.equal(dump.storage, {});
  });
}

test('a no-store answer also removes the copy stored before it', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=0' }), json({ v: 2 }, { 'cache-control': 'no-store' }));
  await runWithStrategy(h.cache, 'cache-first', get('/flip'), h.send);
  assert.is(Object.keys((await h.dump()).storage).length, 2, 'index + entry stored first');
  await runWithStrategy(h.cache, 'cache-first', get('/flip'), h.send);
  const dump = await h.dump();
  assert.equal(dump.memory, []);
  assert.ok(!Object.values(dump.storage).some((v) => v.includes('"body"')), 'no entry left in storage');
});

test('a 404 is cacheable by default (RFC 9110 §15.1) and served from the cache while fresh', async () => {
  const h = harness();
  h.reply(json({ error: 'gone' }, { 'cache-control': 'max-age=60' }, 404));
  await runWithStrategy(h.cache, 'cache-first', get('/missing'), h.send);
  const again = await runWithStrategy(h.cache, 'cache-first', get('/missing'), h.send);
  assert.is(again.status, 404);
  assert.is(again.source, 'cache');
});

test('validation: ETag and Last-Modified become If-None-Match / If-Modified-Since; a 304 serves the stored body with its headers merged', async () => {
  const h = harness();
  const lm = httpDate(T0 - H);
  h.reply(json({ v: 1 }, { etag: '"a1"', 'last-modified': lm, 'cache-control': 'no-cache', 'x-old': 'kept' }));
  await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  h.reply({ status: 304, headers: { etag: '"a1"', 'cache-control': 'max-age=100', 'x-new': 'added' }, body: '' });
  h.clock.advance(5 * S);
  const revalidated = await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  assert.is(h.sent[1]!.headers['if-none-match'], '"a1"');
  assert.is(h.sent[1]!.headers['if-modified-since'], lm);
  assert.is(revalidated.source, 'revalidated');
  assert.is(revalidated.status, 200);
  assert.equal(JSON.parse(revalidated.body), { v: 1 });
  assert.is(revalidated.headers['x-new'], 'added');
  assert.is(revalidated.headers['x-old'], 'kept');
  assert.is(revalidated.headers['cache-control'], 'max-age=100');
  // The merged max-age=100 now governs: fresh for a while without any request.
  h.clock.advance(50 * S);
  const hit = await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  assert.is(hit.source, 'cache');
  assert.is(h.sent.length, 2);
});

test('validation: a 200 to a conditional request replaces the stored body', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { etag: '"a1"', 'cache-control': 'max-age=0' }), json({ v: 2 }, { etag: '"a2"', 'cache-control': 'max-age=60' }));
  await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  const fresh = await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  assert.is(fresh.source, 'network');
  const hit = await runWithStrategy(h.cache, 'cache-first', get('/doc'), h.send);
  assert.equal(JSON.parse(hit.body), { v: 2 });
  assert.is(hit.source, 'cache');
});

test('must-revalidate: a stale entry is never served on a connection failure', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=10, must-revalidate' }));
  await runWithStrategy(h.cache, 'cache-first', get('/strict'), h.send);
  h.clock.advance(20 * S);
  h.reply(new NetworkError({ type: 'CONNECTION', summary: 'offline', method: 'GET', url: ORIGIN }));
  const error = await runWithStrategy(h.cache, 'network-first', get('/strict'), h.send).then(() => undefined, (e: unknown) => e);
  assert.instance(error, NetworkError);
  assert.is((error as NetworkError).type, 'CONNECTION');
});

test('Vary: Accept-Language keeps en and fr apart, each served from its own variant', async () => {
  const h = harness();
  const vary = { 'cache-control': 'max-age=600', vary: 'Accept-Language' };
  h.reply(json({ greeting: 'hello' }, vary), json({ greeting: 'bonjour' }, vary));
  const en = await runWithStrategy(h.cache, 'cache-first', get('/greeting', { 'accept-language': 'en' }), h.send);
  const fr = await runWithStrategy(h.cache, 'cache-first', get('/greeting', { 'Accept-Language': 'fr' }), h.send);
  assert.is(h.sent.length, 2, 'fr does not reuse the en variant');
  assert.is(JSON.parse(fr.body).greeting, 'bonjour');
  assert.is(JSON.parse(en.body).greeting, 'hello');
  const enAgain = await runWithStrategy(h.cache, 'cache-first', get('/greeting', { 'accept-language': 'en' }), h.send);
  const frAgain = await runWithStrategy(h.cache, 'cache-first', get('/greeting', { 'accept-language': 'fr' }), h.send);
  assert.is(h.sent.length, 2);
  assert.equal([JSON.parse(enAgain.body).greeting, JSON.parse(frAgain.body).greeting], ['hello', 'bonjour']);
  // A request without the header is a third variant, not either language.
  h.reply(json({ greeting: 'default' }, vary));
  const none = await runWithStrategy(h.cache, 'cache-first', get('/greeting'), h.send);
  assert.is(JSON.parse(none.body).greeting, 'default');
});

test('query order does not split entries; the fragment is ignored', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=60' }));
  await runWithStrategy(h.cache, 'cache-first', get('/list?b=2&a=1'), h.send);
  const hit = await runWithStrategy(h.cache, 'cache-first', get('/list?a=1&b=2#top'), h.send);
  assert.is(hit.source, 'cache');
});

interface InvalidationRow {
  readonly name: string;
  readonly method: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  /** Paths whose entries must be gone afterwards; the others must remain. */
  readonly gone: string[];
}

const INVALIDATION: InvalidationRow[] = [
  { name: 'POST to the URI', method: 'POST', status: 200, headers: {}, gone: ['/items/1'] },
  { name: 'PUT to the URI', method: 'PUT', status: 204, headers: {}, gone: ['/items/1'] },
  { name: 'PATCH to the URI', method: 'PATCH', status: 200, headers: {}, gone: ['/items/1'] },
  { name: 'DELETE to the URI', method: 'DELETE', status: 204, headers: {}, gone: ['/items/1'] },
  { name: 'a 3xx is a non-error status', method: 'POST', status: 303, headers: {}, gone: ['/items/1'] },
  { name: 'Location (relative) on the same origin', method: 'POST', status: 201, headers: { location: '/items/2' }, gone: ['/items/1', '/items/2'] },
  { name: 'Content-Location (absolute) on the same origin', method: 'PUT', status: 200, headers: { 'content-location': `${ORIGIN}/items/2` }, gone: ['/items/1', '/items/2'] },
  { name: 'Location on another origin is ignored', method: 'POST', status: 201, headers: { location: 'https://evil.example/items/2' }, gone: ['/items/1'] },
  { name: 'a failed unsafe request (500) invalidates nothing', method: 'DELETE', status: 500, headers: {}, gone: [] },
  { name: 'a failed unsafe request (409) invalidates nothing', method: 'PATCH', status: 409, headers: { location: '/items/2' }, gone: [] },
];

for (const row of INVALIDATION) {
  test(`invalidation: ${row.name}`, async () => {
    const h = harness();
    const cc = { 'cache-control': 'max-age=600' };
    h.reply(json({ id: 1 }, cc), json({ id: 2 }, cc), json({ id: 2 }, cc, 200));
    await runWithStrategy(h.cache, 'cache-first', get('/items/1'), h.send);
    await runWithStrategy(h.cache, 'cache-first', get('/items/2'), h.send);
    // Another scope's copy of the same URL goes too: it is just as outdated.
    await runWithStrategy(h.cache, 'cache-first', get('/items/2', {}, 'user-b'), h.send);
    h.reply({ status: row.status, headers: row.headers, body: '' });
    await runWithStrategy(h.cache, 'network-only', { method: row.method, url: `${ORIGIN}/items/1`, scope: 'user-a' }, h.send);
    for (const [path, scope] of [['/items/1', 'user-a'], ['/items/2', 'user-a'], ['/items/2', 'user-b']] as const) {
      const hit = await h.cache.lookup(get(path, {}, scope));
      assert.is(hit === undefined, row.gone.includes(path), `${scope} ${path}`);
    }
  });
}
test.run();
