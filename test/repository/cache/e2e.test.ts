/**
 * The cache against the reference server over loopback with a real fetch-based send: ETag
 * revalidation on the Shop API's orders, Vary, dedupe of concurrent GETs, scopes of two
 * signed-in users, a corrupted persistent entry, SWR notifications, offline fallback.
 */
import * as assert from 'uvu/assert';
import { serverSuite, whenRequested } from '../../helpers/server-suite.js';
import { NetworkError } from '../../../src/errors/network-error.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import {
  createHttpCache, isCacheMiss, runWithStrategy, scopeFromToken, type CacheEvent,
} from '../../../src/repository/cache/index.js';
import type { StorageAdapter } from '../../../src/platform/storage/types.js';
import { fetchSend } from './fetch-send.js';

const test = serverSuite('cache: end to end against test/server');
const send = fetchSend();

function manualCache(storage: StorageAdapter = memoryStorage()) {
  let now = Date.now();
  const errors: unknown[] = [];
  const cache = createHttpCache({ storage, clock: { now: () => now }, onError: (e) => errors.push(e) });
  return { cache, storage, errors, advance: (ms: number) => void (now += ms) };
}

const pathHits = (requests: ReadonlyArray<{ path: string }>, path: string) => requests.filter((r) => r.path === path).length;

async function firstOrderId(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/orders`, { headers: { authorization: `Bearer ${token}` } });
  const list = (await response.json()) as { items: Array<{ id: string }> };
  return list.items[0]!.id;
}

test('ETag: a stale order is revalidated with If-None-Match and the 304 serves the stored body', async ({ server }) => {
  const { accessToken } = server.tokens.issue('alice@example.com');
  const id = await firstOrderId(server.url, accessToken);
  const { cache, advance } = manualCache();
  const request = { method: 'GET', url: `${server.url}/orders/${id}`, headers: { authorization: `Bearer ${accessToken}` }, scope: scopeFromToken(accessToken) };
  const first = await runWithStrategy(cache, 'cache-first', request, send);
  assert.is(first.source, 'network');
  assert.ok(first.headers['etag'], 'the server sends an ETag');
  const hit = await runWithStrategy(cache, 'cache-first', request, send);
  assert.is(hit.source, 'cache', 'fresh for max-age=60');
  advance(61_000);
  const second = await runWithStrategy(cache, 'cache-first', request, send);
  const seen = server.requests.filter((r) => r.path === `/orders/${id}`);
  assert.is(seen.length, 2);
  assert.is(seen[1]!.headers['if-none-match'], first.headers['etag']);
  assert.is(second.source, 'revalidated');
  assert.is(second.status, 200);
  assert.is(second.body, first.body);
});

test('Vary: Accept-Language — en and fr never cross', async ({ server }) => {
  const { cache } = manualCache();
  const url = `${server.url}/__cache/greeting?cc=max-age%3D600&vary=Accept-Language`;
  const ask = (lang: string) => runWithStrategy(cache, 'cache-first', { method: 'GET', url, headers: { 'accept-language': lang }, scope: 'anonymous' }, send);
  const langs = [];
  for (const lang of ['en', 'fr', 'en', 'fr']) langs.push((JSON.parse((await ask(lang)).body) as { lang: string }).lang);
  assert.equal(langs, ['en', 'fr', 'en', 'fr']);
  assert.is(pathHits(server.requests, '/__cache/greeting'), 2);
});

test('100 concurrent identical GETs reach the server once; one caller\'s abort ends only its own wait', async ({ server }) => {
  const { cache } = manualCache();
  const url = `${server.url}/__cache/hot?cc=max-age%3D60&delayMs=150`;
  const request = { method: 'GET', url, scope: 'anonymous' };
  const quitter = new AbortController();
  const calls = Array.from({ length: 100 }, (_, i) => runWithStrategy(cache, 'network-first', request, send, i === 0 ? { signal: quitter.signal } : {}));
  // Abort once the shared request is truly in flight (the server holds it for 150 ms).
  await whenRequested(server, (r) => r.path === '/__cache/hot');
  quitter.abort();
  const settled = await Promise.allSettled(calls);
  assert.is(pathHits(server.requests, '/__cache/hot'), 1);
  const first = settled[0]!;
  assert.is(first.status, 'rejected');
  assert.is(((first as PromiseRejectedResult).reason as NetworkError).type, 'CANCELLED');
  const bodies = new Set(settled.slice(1).map((s) => (s as PromiseFulfilledResult<{ body: string }>).value.body));
  assert.is(bodies.size, 1);
});

test('scopes: user A\'s entries are invisible to user B, and clearScope wipes A from memory and storage', async ({ server }) => {
  const alice = server.tokens.issue('alice@example.com').accessToken;
  const bob = server.tokens.issue('bob@example.com').accessToken;
  const id = await firstOrderId(server.url, alice);
  const { cache, storage } = manualCache();
  const url = `${server.url}/orders/${id}`;
  const as = (token: string) => ({ method: 'GET', url, headers: { authorization: `Bearer ${token}` }, scope: scopeFromToken(token) });
  const own = await runWithStrategy(cache, 'cache-first', as(alice), send);
  assert.is(own.status, 200);
  const other = await runWithStrategy(cache, 'cache-first', as(bob), send);
  assert.is(other.source, 'network', 'bob does not get alice\'s copy');
  assert.is(other.status, 403);
  const bobOffline = await runWithStrategy(cache, 'cache-only', as(bob), send).then(() => undefined, (e: unknown) => e);
  assert.ok(isCacheMiss(bobOffline));
  await cache.flush();
  const stored = await Promise.all((await storage.getAllKeys()).map((k) => storage.getItem(k)));
  assert.ok(stored.length > 0 && stored.every((v) => !v!.includes(alice) && !v!.includes(bob)), 'no token in storage');
  await cache.clearScope(scopeFromToken(alice));
  const after = await runWithStrategy(cache, 'cache-only', as(alice), send).then(() => undefined, (e: unknown) => e);
  assert.ok(isCacheMiss(after));
  assert.equal(await storage.getAllKeys(), []);
});

test('persistence: a restarted cache serves from storage; a corrupted or old-format entry is a miss, removed, then refetched', async ({ server }) => {
  const storage = memoryStorage();
  const url = `${server.url}/__cache/doc?cc=max-age%3D600`;
  const request = { method: 'GET', url, scope: 'anonymous' };
  const first = manualCache(storage);
  await runWithStrategy(first.cache, 'cache-first', request, send);
  await first.cache.flush();
  const restarted = await runWithStrategy(manualCache(storage).cache, 'cache-first', request, send);
  assert.is(restarted.source, 'cache');
  assert.is(pathHits(server.requests, '/__cache/doc'), 1);
  const entryKey = (await storage.getAllKeys()).find((k) => k.split(':').length === 4)!;
  const valid = (await storage.getItem(entryKey))!;
  for (const [i, broken] of [valid.slice(0, valid.length / 2), valid.replace('"v":1', '"v":0'), '{"v":1,"status":"x"}'].entries()) {
    await storage.setItem(entryKey, broken);
    const again = manualCache(storage);
    const result = await runWithStrategy(again.cache, 'cache-first', request, send);
    assert.is(result.source, 'network', `case ${i}`);
    assert.is(result.status, 200);
    await again.cache.flush();
    assert.is(await storage.getItem(entryKey).then((v) => v !== broken), true, `case ${i}: replaced`);
    assert.equal(again.errors, []);
  }
  assert.is(pathHits(server.requests, '/__cache/doc'), 4);
});

test('stale-while-revalidate answers from memory at once, then notifies subscribers with the new body', async ({ server }) => {
  const { cache, advance } = manualCache();
  const url = `${server.url}/__cache/feed?cc=max-age%3D1`;
  const request = { method: 'GET', url, scope: 'anonymous' };
  await runWithStrategy(cache, 'cache-first', request, send);
  advance(5_000);
  const events: CacheEvent[] = [];
  const refreshed = new Promise<CacheEvent>((resolve) => {
    cache.subscribe({ scope: 'anonymous', url }, (event) => {
      events.push(event);
      resolve(event);
    });
  });
  const answer = await runWithStrategy(cache, 'stale-while-revalidate', request, send);
  assert.is(answer.source, 'cache');
  assert.is(answer.stale, true);
  assert.is((JSON.parse(answer.body) as { hits: number }).hits, 1);
  const event = await refreshed;
  assert.is(event.type, 'stored');
  if (event.type !== 'stored') return;
  assert.is(event.background, true);
  assert.is((JSON.parse(event.result.body) as { hits: number }).hits, 2);
  assert.is(pathHits(server.requests, '/__cache/feed'), 2);
});

test('network-first falls back to the stored copy on CONNECTION and SERVER failures and says so', async ({ server }) => {
  const { cache, advance, errors } = manualCache();
  const url = `${server.url}/__cache/offline?cc=max-age%3D10`;
  const request = { method: 'GET', url, scope: 'anonymous' };
  await runWithStrategy(cache, 'network-first', request, send);
  advance(60_000);
  server.faults.add({ method: 'GET', path: '/__cache/offline', fault: { type: 'reset-before' } });
  const dropped = await runWithStrategy(cache, 'network-first', request, send);
  assert.equal([dropped.source, dropped.stale, dropped.fallbackReason], ['cache', true, 'CONNECTION']);
  server.faults.add({ method: 'GET', path: '/__cache/offline', fault: { type: 'status', status: 503 } });
  const failing = await runWithStrategy(cache, 'network-first', request, send);
  assert.equal([failing.source, failing.fallbackReason], ['cache', 'SERVER']);
  // Past maxStaleMs the failure is the caller's to see.
  server.faults.add({ method: 'GET', path: '/__cache/offline', fault: { type: 'reset-before' } });
  const tooOld = await runWithStrategy(cache, 'network-first', request, send, { maxStaleMs: 1_000 }).then(() => undefined, (e: unknown) => e);
  assert.is((tooOld as NetworkError).type, 'CONNECTION');
  assert.equal(errors, []);
});

test('a successful POST with Location invalidates the target and the Location in the cache', async ({ server }) => {
  const { cache } = manualCache();
  const read = (name: string) => ({ method: 'GET', url: `${server.url}/__cache/${name}`, scope: 'anonymous' });
  const cc = '?cc=max-age%3D600';
  await runWithStrategy(cache, 'cache-first', { ...read('list'), url: read('list').url + cc }, send);
  await runWithStrategy(cache, 'cache-first', read('item-9'), send);
  const probe = (r: { url: string }) => cache.lookup({ method: 'GET', url: r.url, scope: 'anonymous' });
  assert.ok(await probe({ url: read('list').url + cc }));
  await runWithStrategy(cache, 'network-only', { method: 'POST', url: `${server.url}/__cache/list${cc}&location=%2F__cache%2Fitem-9`, scope: 'anonymous' }, send);
  assert.is(await probe({ url: read('item-9').url }), undefined);
});

test.run();
