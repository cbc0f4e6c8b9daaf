import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { parseRetryAfter } from '../../src/errors/retry-after.js';

const now = Date.parse('2024-01-01T00:00:00Z');
const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now);

test('delay-seconds', () => {
  assert.is(parse({ 'retry-after': '0' }), 0);
  assert.is(parse({ 'retry-after': '120' }), 120_000);
  assert.is(parse({ 'retry-after': ' 7 ' }), 7000);
});

test('HTTP-date in all three RFC 9110 forms, relative to now', () => {
  assert.is(parse({ 'retry-after': 'Mon, 01 Jan 2024 00:00:30 GMT' }), 30_000);
  assert.is(parse({ 'retry-after': 'Monday, 01-Jan-24 00:01:00 GMT' }), 60_000);
  assert.is(parse({ 'retry-after': 'Mon Jan  1 00:00:05 2024' }), 5000);
});

test('a date in the past means no wait', () => {
  assert.is(parse({ 'retry-after': 'Sun, 31 Dec 2023 23:00:00 GMT' }), 0);
});

test('retry-after-ms wins and allows fractions', () => {
  assert.is(parse({ 'retry-after-ms': '250', 'retry-after': '10' }), 250);
  assert.is(parse({ 'retry-after-ms': '12.5' }), 12.5);
});

test('malformed values are undefined, never guessed', () => {
  for (const value of ['', 'soon', '-1', '1.5', '1e3', '0x10', 'Mon, 01 Jan 2024', 'Mon, 99 Foo 2024 00:00:00 GMT']) {
    assert.is(parse({ 'retry-after': value }), undefined, JSON.stringify(value));
  }
  assert.is(parse({}), undefined);
  // A malformed ms hint falls back to Retry-After.
  assert.is(parse({ 'retry-after-ms': 'abc', 'retry-after': '2' }), 2000);
});

test.run();
