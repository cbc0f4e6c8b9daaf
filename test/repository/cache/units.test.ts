/** Units of the cache: scope ids, the memory LRU and promotion, dedupe's aborts, strategies' edges, subscriptions. */
import { suite } from '../../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { NetworkError } from '../../../src/errors/network-error.js';
import { MemoryLru } from '../../../src/repository/cache/memory-lru.js';
import { InFlight } from '../../../src/repository/cache/dedupe.js';
import { isCacheMiss, runWithStrategy, scopeFromName, scopeFromToken, type CacheEvent } from '../../../src/repository/cache/index.js';
import { jwtSubject } from '../../../src/auth/jwt-subject.js';
import { get, harness, json, ORIGIN } from './harness.js';

const test = suite('cache: units');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'HS256' })}.${b64(claims)}.c2lnbmF0dXJl`;

test('scopeFromToken: a JWT\'s sub gives a stable id across refreshed tokens; no token text leaks', () => {
  const first = jwt({ sub: 'user-42', exp: 1 });
  const refreshed = jwt({ sub: 'user-42', exp: 2 });
  assert.is(jwtSubject(first), 'user-42');
  assert.is(scopeFromToken(first), scopeFromToken(refreshed));
  assert.is.not(scopeFromToken(first), scopeFromToken(jwt({ sub: 'user-43' })));
  assert.ok(!scopeFromToken(first).includes('user-42'));
  assert.is.not(scopeFromToken(first, 'app-1'), scopeFromToken(first, 'app-2'), 'salted');
  assert.ok(/^[\w-]+$/.test(scopeFromToken(first)), 'usable as a key segment');
});

test('scopeFromToken: opaque tokens (and JWT-looking junk) are hashed whole', () => {
  const opaque = 'sk_live_abcdef123456';
  assert.is(jwtSubject(opaque), undefined);
  assert.is(jwtSubject('a.b.c'), undefined);
  assert.is(jwtSubject(jwt({ name: 'no sub' })), undefined);
  assert.ok(scopeFromToken(opaque).startsWith('tok-'));
  assert.ok(!scopeFromToken(opaque).includes('abcdef'));
  assert.is.not(scopeFromToken(opaque), scopeFromToken(opaque + 'x'));
  assert.is.not(scopeFromName('user-42'), scopeFromToken(jwt({ sub: 'user-42' })));
});

test('MemoryLru: bounded by entries and by bytes, least recently used out first', () => {
  const lru = new MemoryLru<string>({ maxEntries: 3, maxBytes: 100 });
  lru.set('a', 'A', 10);
  lru.set('b', 'B', 10);
  lru.set('c', 'C', 10);
  lru.get('a');
  lru.set('d', 'D', 10);
  assert.equal(lru.keys(), ['c', 'a', 'd']);
  lru.set('e', 'E', 85);
  assert.equal(lru.keys(), ['d', 'e']);
  assert.is(lru.totalBytes, 95);
  lru.set('huge', 'H', 101);
  assert.is(lru.get('huge'), undefined, 'larger than the whole budget: not kept');
});

test('a memory miss that hits storage is promoted; evicted entries still answer from storage', async () => {
  const h = harness({ maxEntries: 2 });
  const cc = { 'cache-control': 'max-age=600' };
  h.reply(json({ n: 1 }, cc), json({ n: 2 }, cc), json({ n: 3 }, cc));
  for (const n of [1, 2, 3]) await runWithStrategy(h.cache, 'cache-first', get(`/p/${n}`), h.send);
  await h.cache.flush();
  assert.is(h.cache.memoryKeys().entries.length, 2);
  const first = await runWithStrategy(h.cache, 'cache-first', get('/p/1'), h.send);
  assert.is(first.source, 'cache');
  assert.equal(JSON.parse(first.body), { n: 1 });
  assert.is(h.sent.length, 3);
  assert.is(h.cache.memoryKeys().entries.length, 2, 'promoted, still bounded');
});

test('dedupe: when every caller aborts, the shared request is aborted; a later call starts afresh', async () => {
  const flights = new InFlight<string>();
  const signals: AbortSignal[] = [];
  const start = (signal: AbortSignal) => {
    signals.push(signal);
    return new Promise<string>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new Error('aborted')));
      setTimeout(() => resolve('done'), 50);
    });
  };
  const a = new AbortController();
  const b = new AbortController();
  const pa = flights.run('k', start, a.signal, 'GET', ORIGIN);
  const pb = flights.run('k', start, b.signal, 'GET', ORIGIN);
  const both = Promise.allSettled([pa, pb]);
  a.abort();
  assert.is(signals[0]?.aborted, false, 'one caller left: the request goes on');
  b.abort();
  assert.is(signals[0]?.aborted, true);
  for (const outcome of await both) assert.is(((outcome as PromiseRejectedResult).reason as NetworkError).type, 'CANCELLED');
  assert.is(await flights.run('k', start, undefined, 'GET', ORIGIN), 'done');
  assert.is(signals.length, 2);
});

test('cache-only: a miss and a too-stale entry reject NOT_FOUND with a CacheMissError cause; never a request', async () => {
  const h = harness();
  const miss = await runWithStrategy(h.cache, 'cache-only', get('/x'), h.send).then(() => undefined, (e: unknown) => e);
  assert.ok(isCacheMiss(miss));
  assert.is((miss as NetworkError).type, 'NOT_FOUND');
  assert.is((miss as NetworkError).status, undefined);
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=10' }));
  await runWithStrategy(h.cache, 'network-only', get('/x'), h.send);
  h.clock.advance(30_000);
  const stale = await runWithStrategy(h.cache, 'cache-only', get('/x'), h.send, { maxStaleMs: 60_000 });
  assert.equal([stale.source, stale.stale], ['cache', true]);
  const tooStale = await runWithStrategy(h.cache, 'cache-only', get('/x'), h.send, { maxStaleMs: 1_000 }).then(() => undefined, (e: unknown) => e);
  assert.ok(isCacheMiss(tooStale));
  assert.is(h.sent.length, 1);
});

test('stale-while-revalidate: a failed background refresh goes to onError, not to the caller or an unhandled rejection', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=1' }));
  await runWithStrategy(h.cache, 'cache-first', get('/s'), h.send);
  h.clock.advance(5_000);
  const failure = new NetworkError({ type: 'CONNECTION', summary: 'offline', method: 'GET', url: ORIGIN });
  h.reply(failure, json({ e: 1 }, {}, 503));
  const answer = await runWithStrategy(h.cache, 'stale-while-revalidate', get('/s'), h.send);
  assert.equal([answer.source, answer.stale], ['cache', true]);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.equal(h.errors, [failure]);
  await runWithStrategy(h.cache, 'stale-while-revalidate', get('/s'), h.send);
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.is((h.errors[1] as NetworkError).type, 'SERVER');
});

test('stale-while-revalidate: a fresh entry answers without any request; a miss waits for the network', async () => {
  const h = harness();
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=60' }));
  const miss = await runWithStrategy(h.cache, 'stale-while-revalidate', get('/f'), h.send);
  assert.is(miss.source, 'network');
  const fresh = await runWithStrategy(h.cache, 'stale-while-revalidate', get('/f'), h.send);
  assert.equal([fresh.source, fresh.stale, h.sent.length], ['cache', false, 1]);
});

test('subscribe: stored, invalidated and cleared events; a throwing listener goes to onError; unsubscribe stops them', async () => {
  const h = harness();
  const events: string[] = [];
  const off = h.cache.subscribe({ scope: 'user-a', url: `${ORIGIN}/sub` }, (e: CacheEvent) => events.push(e.type));
  h.cache.subscribe({ scope: 'user-a', url: `${ORIGIN}/sub` }, () => {
    throw new Error('listener bug');
  });
  h.reply(json({ v: 1 }, { 'cache-control': 'max-age=60' }));
  await runWithStrategy(h.cache, 'cache-first', get('/sub'), h.send);
  await h.cache.invalidate({ scope: 'user-a', url: `${ORIGIN}/sub` });
  assert.is(await h.cache.lookup(get('/sub')), undefined);
  await h.cache.clearScope('user-a');
  off();
  await h.cache.clear();
  assert.equal(events, ['stored', 'invalidated', 'cleared']);
  assert.is(h.errors.length, 4, 'the throwing listener heard all four events');
});

test('clearScope removes one scope only; clear leaves storage keys the cache did not write', async () => {
  const h = harness();
  await h.storage.setItem('app.setting', 'keep');
  const cc = { 'cache-control': 'max-age=60' };
  h.reply(json({ v: 'a' }, cc), json({ v: 'b' }, cc));
  await runWithStrategy(h.cache, 'cache-first', get('/me', {}, 'user-a'), h.send);
  await runWithStrategy(h.cache, 'cache-first', get('/me', {}, 'user-b'), h.send);
  await h.cache.clearScope('user-a');
  assert.is(await h.cache.lookup(get('/me', {}, 'user-a')), undefined);
  assert.ok(await h.cache.lookup(get('/me', {}, 'user-b')));
  await h.cache.clear();
  assert.equal(await h.storage.getAllKeys(), ['app.setting']);
});

test('options are checked: a negative ttlMs and a scope with spaces are refused', async () => {
  const h = harness();
  await runWithStrategy(h.cache, 'cache-first', get('/o'), h.send, { ttlMs: -1 }).then(() => assert.unreachable(), (e) => assert.instance(e, RangeError));
  await runWithStrategy(h.cache, 'cache-first', get('/o', {}, 'two words'), h.send).then(() => assert.unreachable(), (e) => assert.instance(e, TypeError));
});

test.run();
