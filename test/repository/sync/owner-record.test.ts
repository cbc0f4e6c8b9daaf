/**
 * The owner and cursor-record functions alone (owner.ts, cursor-record.ts): JWT subjects stay
 * one owner across tokens, names and tokens never reach the digest's text, the record formats.
 */
import * as assert from 'uvu/assert';
import { test } from '../../helpers/timed-suite.js';
import { memoryTokenStore } from '../../../src/auth/token-store.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import { decodeCursor, encodeCursor } from '../../../src/repository/sync/cursor-record.js';
import { namedOwner, queueOwner, tokenOwner } from '../../../src/repository/sync/owner.js';

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: object) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.sig`;

test('a JWT owner is its subject: a new token of the same user is the same owner, another subject is not', async () => {
  const store = memoryTokenStore({ accessToken: jwt({ sub: 'alice', iat: 1 }) });
  const owner = tokenOwner(store, memoryStorage(), 'tether.sync:test.session');
  const first = await owner();
  await store.set({ accessToken: jwt({ sub: 'alice', iat: 2 }) });
  assert.is(await owner(), first, 'refreshed JWT, same subject');
  await store.set({ accessToken: jwt({ sub: 'bob', iat: 3 }) });
  assert.is.not(await owner(), first);
  assert.match(first, /^sub-[0-9a-f]{64}$/);
  assert.not.ok(first.includes('alice'));
  await store.set(null);
  assert.is(await owner(), 'anonymous', 'signed out');
});

test('an opaque token is its own owner; names are digested apart from tokens and salted apart from the cache', async () => {
  const store = memoryTokenStore({ accessToken: 'opaque-1' });
  const byToken = await tokenOwner(store, memoryStorage(), 'tether.sync:test.session')();
  assert.match(byToken, /^tok-[0-9a-f]{64}$/);
  const byName = await namedOwner(() => 'opaque-1')();
  assert.match(byName, /^app-[0-9a-f]{64}$/);
  assert.is.not(byName.slice(4), byToken.slice(4), 'a name equal to a token text is another owner');
  assert.is(await namedOwner(() => undefined)(), 'anonymous');
  assert.is(await namedOwner(async () => '')(), 'anonymous');
  const queue = { enabled: true, process: async () => undefined, pending: async () => [], owner: async () => 'sub-abc' };
  const fromQueue = await queueOwner(queue)();
  assert.match(fromQueue, /^app-[0-9a-f]{64}$/, 'the queue\'s digest, digested again with the sync\'s salt');
  assert.is(await queueOwner({ ...queue, owner: async () => 'anonymous' })(), 'anonymous');
});

test('cursor records: format 2 with and without owner, format 1 as no known owner, anything else unreadable', () => {
  assert.equal(decodeCursor(encodeCursor({ cursor: 'c1', owner: 'app-x' })), { cursor: 'c1', owner: 'app-x' });
  assert.equal(decodeCursor(encodeCursor({ cursor: 'c1', owner: undefined })), { cursor: 'c1', owner: undefined });
  assert.equal(decodeCursor('{"v":1,"cursor":"c0"}'), { cursor: 'c0', owner: undefined });
  for (const bad of ['', 'x', '[]', 'null', '{"v":2}', '{"v":2,"cursor":""}', '{"v":2,"cursor":"c","owner":""}', '{"v":2,"cursor":"c","owner":{}}', '{"v":3,"cursor":"c"}']) {
    assert.is(decodeCursor(bad), undefined, bad);
  }
  assert.is(decodeCursor(null), undefined);
});

test.run();
