/**
 * What one batched caller's synthesized answer carries from the batch answer (item-response.ts):
 * freshness and Vary, never validators or deprecation headers. A unit test of one function.
 */
import * as assert from 'uvu/assert';
import { test } from '../helpers/timed-suite.js';
import { itemResponse } from '../../src/repository/batch/item-response.js';

test('freshness (Cache-Control, Expires, Date, Age) and Vary are carried; validators and deprecation are not', async () => {
  const batch = new Headers({
    'cache-control': 'private, max-age=30',
    expires: 'Thu, 01 Jan 2037 00:00:00 GMT',
    date: 'Sun, 29 Nov 2026 12:00:00 GMT',
    age: '5',
    vary: 'Accept-Language',
    etag: '"batch"',
    'last-modified': 'Sun, 29 Nov 2026 11:00:00 GMT',
    deprecation: '@1700000000',
    sunset: 'Mon, 01 Jun 2026 00:00:00 GMT',
    link: '<https://example.com/changelog>; rel="deprecation"',
    'content-length': '999',
    'x-request-id': 'r-1',
  });
  const response = itemResponse({ id: 'u1', name: 'U' }, batch, 'https://api.example.com/users/u1');
  assert.is(response.status, 200);
  assert.is(response.url, 'https://api.example.com/users/u1');
  const kept = Object.fromEntries(response.headers);
  assert.equal(kept, {
    age: '5',
    'cache-control': 'private, max-age=30',
    'content-type': 'application/json',
    date: 'Sun, 29 Nov 2026 12:00:00 GMT',
    expires: 'Thu, 01 Jan 2037 00:00:00 GMT',
    vary: 'Accept-Language',
  });
  assert.equal(await response.json(), { id: 'u1', name: 'U' });
});

test('a batch answer without freshness gives an item without any (the cache then uses ttlMs, never a heuristic)', () => {
  const response = itemResponse({ id: 'u1' }, new Headers({ 'last-modified': 'Sun, 29 Nov 2026 11:00:00 GMT' }), 'https://api.example.com/users/u1');
  assert.equal([...response.headers.keys()], ['content-type']);
});

test.run();
