/**
 * Local writes (local-write.ts) on the HTTP cache alone, over the scripted-origin harness: a
 * local `stored` event, freshness and validators kept, a change computed while a newer answer
 * landed is computed again on it, stacked changes undo newest first, the overlay survives
 * storage and its decoding is strict, nothing stored → the change is never asked for.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { decodeEnvelope } from '../../../src/repository/cache/envelope.js';
import type { CacheEvent } from '../../../src/repository/cache/types.js';
import { harness, ORIGIN } from './harness.js';

const test = suite('cache: local writes');
const request = { method: 'GET', url: `${ORIGIN}/orders/1`, headers: {}, scope: 'alice' };
const answer = (body: string) => ({ status: 200, headers: { 'cache-control': 'max-age=60', etag: `"${body}"`, 'content-length': String(body.length) }, body });

async function stored(h: ReturnType<typeof harness>, body: string) {
  await h.cache.update(request, answer(body));
}

test('a local write changes the body only, is heard as local, and its restore puts the body back', async () => {
  const h = harness();
  await stored(h, 'v1');
  const events: CacheEvent[] = [];
  h.cache.subscribe({ scope: 'alice', url: request.url }, (event) => void events.push(event));
  const write = await h.cache.writeLocally(request, (body) => `${body}+local`, 'w1');
  assert.ok(write);
  const hit = await h.cache.lookup(request);
  assert.is(hit?.entry.envelope.body, 'v1+local');
  assert.is(hit?.freshness.fresh, true, 'freshness kept');
  assert.equal(hit?.conditionalHeaders, { 'if-none-match': '"v1"' }, "the server's validator kept");
  assert.is(hit?.entry.envelope.headers['content-length'], undefined, "the server's length does not describe the new body");
  assert.equal(hit?.entry.envelope.overlay, { id: 'w1', base: 'v1' });
  assert.equal(events.map((e) => e.type === 'stored' && [e.result.body, e.local]), [['v1+local', true]]);
  await write!.restore();
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v1');
  assert.is((await h.cache.lookup(request))?.entry.envelope.overlay, undefined);
  assert.is(events.length, 2);
});

test('nothing stored: the change is never asked for', async () => {
  const h = harness();
  let asked = 0;
  assert.is(await h.cache.writeLocally(request, (body) => (asked++, body), 'w1'), undefined);
  assert.is(asked, 0);
});

test('a newer answer landing while the change is computed: computed again on the newer answer', async () => {
  const h = harness();
  await stored(h, 'v1');
  const seen: string[] = [];
  const write = await h.cache.writeLocally(request, async (body) => {
    seen.push(body);
    if (body === 'v1') await stored(h, 'v2');
    return `${body}+local`;
  }, 'w1');
  assert.equal(seen, ['v1', 'v2']);
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v2+local');
  await write!.restore();
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v2');
});

test('stacked writes: the older restore does nothing while the newer holds the entry; the base stays the server body', async () => {
  const h = harness();
  await stored(h, 'v1');
  const a = await h.cache.writeLocally(request, (body) => `${body}+a`, 'a');
  const b = await h.cache.writeLocally(request, (body) => `${body}+b`, 'b');
  assert.equal((await h.cache.lookup(request))?.entry.envelope.overlay, { id: 'b', base: 'v1' });
  await a!.restore();
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v1+a+b', 'not ours: left alone');
  await b!.restore();
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v1+a');
  assert.equal((await h.cache.lookup(request))?.entry.envelope.overlay, { id: 'a', base: 'v1' });
});

test('a restore after the entry was replaced by a server answer or invalidated leaves it alone', async () => {
  const h = harness();
  await stored(h, 'v1');
  const first = await h.cache.writeLocally(request, (body) => `${body}+local`, 'w1');
  await stored(h, 'v2');
  await first!.restore();
  assert.is((await h.cache.lookup(request))?.entry.envelope.body, 'v2');
  const second = await h.cache.writeLocally(request, (body) => `${body}+local`, 'w2');
  await h.cache.invalidate({ scope: 'alice', url: request.url });
  await second!.restore();
  assert.is(await h.cache.lookup(request), undefined, 'not brought back');
});

test('the overlay is persisted and read back; a malformed one makes the envelope corrupt', async () => {
  const h = harness();
  await stored(h, 'v1');
  await h.cache.writeLocally(request, (body) => `${body}+local`, 'w1');
  const { storage } = await h.dump();
  const texts = Object.values(storage).filter((text) => text.includes('"overlay"'));
  assert.is(texts.length, 1);
  const envelope = decodeEnvelope(texts[0]!);
  assert.equal(envelope?.overlay, { id: 'w1', base: 'v1' });
  assert.is(decodeEnvelope(JSON.stringify({ ...envelope, overlay: 'w1' })), undefined);
  assert.is(decodeEnvelope(JSON.stringify({ ...envelope, overlay: { id: 'w1' } })), undefined);
});

test.run();
