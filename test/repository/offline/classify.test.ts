/**
 * Unit tests of the replay verdicts and the backoff (pure functions): which failures keep an
 * entry, which pause the queue, which bury it, and that a DELETE answering 404 after an earlier
 * attempt counts as done.
 */
import * as assert from 'uvu/assert';
import { suite } from '../../helpers/timed-suite.js';
import { NetworkError, type NetworkErrorType } from '../../../src/errors/network-error.js';
import type { OperationMeta } from '../../../src/contract/operation.js';
import { backoffMs, classify, isRetryable } from '../../../src/repository/offline/classify.js';

const test = suite('offline queue: classify and backoff');

const error = (type: NetworkErrorType, status?: number, retryAfterMs?: number) =>
  new NetworkError({ type, status, retryAfterMs, summary: 'x', method: 'post', url: 'https://api.example.com/orders' });
const post = { method: 'post' } as OperationMeta;
const del = { method: 'delete' } as OperationMeta;

test('connection, timeout, 5xx, 429, 408 and 409 with Retry-After are retried', () => {
  for (const e of [error('CONNECTION'), error('TIMEOUT'), error('SERVER', 503), error('RATE_LIMITED', 429), error('CLIENT', 408), error('CLIENT', 409, 1000)]) {
    assert.ok(isRetryable(e), `${e.type} ${e.status}`);
    assert.is(classify(post, e, true), 'retry');
  }
});

test('a 409 without Retry-After, 404, 412 and 422 are permanent; a caller abort is not retryable for the per-call path', () => {
  for (const e of [error('CLIENT', 409), error('NOT_FOUND', 404), error('CLIENT', 412), error('VALIDATION', 422), error('FORBIDDEN', 403)]) {
    assert.is(classify(post, e, false), 'dead', `${e.type} ${e.status}`);
  }
  assert.not.ok(isRetryable(error('CANCELLED')));
  assert.is(classify(post, error('CANCELLED'), false), 'retry', 'a replay cut short is tried again');
  assert.is(classify(post, new Error('bug'), false), 'dead');
});

test('UNAUTHORIZED pauses; a repeated DELETE answering 404/410 is already done, a first one is not', () => {
  assert.is(classify(post, error('UNAUTHORIZED', 401), true), 'auth');
  assert.is(classify(del, error('NOT_FOUND', 404), true), 'gone');
  assert.is(classify(del, error('CLIENT', 410), true), 'gone');
  assert.is(classify(del, error('NOT_FOUND', 404), false), 'dead');
});

test('backoff: full jitter under a doubling ceiling capped at max, never below Retry-After', () => {
  assert.is(backoffMs(1, 1000, 300_000, () => 0.999, undefined), 999);
  assert.is(backoffMs(3, 1000, 300_000, () => 0.5, undefined), 2000);
  assert.is(backoffMs(40, 1000, 300_000, () => 0.5, undefined), 150_000);
  assert.is(backoffMs(1, 1000, 300_000, () => 0, 5000), 5000);
  assert.is(backoffMs(1, 1000, 300_000, () => 0, undefined), 0);
});

test.run();
