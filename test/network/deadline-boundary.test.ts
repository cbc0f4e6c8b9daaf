/**
 * The deadline at its exact boundaries, with an injected clock and manual timers (no wall
 * clock): the attempt timer fires at `timeoutMs`, not a millisecond later or earlier; a backoff
 * that would end exactly at the call's `deadlineMs` is not slept (nothing would be left for the
 * next attempt), one that ends a millisecond before it is; and each attempt's timeout is cut to
 * exactly the time that is left.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createAttempt } from '../../src/network/attempt.js';
import { retry } from '../../src/network/retry.js';
import { timeout } from '../../src/network/timeout.js';
import type { FetchLike, RequestContext } from '../../src/network/types.js';
import { context } from '../runtime/helpers/context.js';
import { manualTimers, flush } from '../runtime/helpers/manual-timers.js';
import { rejection } from '../helpers/rejection.js';
import { fakeClock } from './helpers-retry.js';

const url = 'https://api.example.com/items';

const POLICY = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 30_000, maxRetryAfterMs: 60_000, statusCodes: [503], shouldRetry: undefined };

/** A call context with the retry policy and `deadlineMs`. */
function callContext(deadlineMs: number | undefined, timeoutMs = 10_000): RequestContext {
  const base = context({ timeoutMs });
  return { ...base, options: { ...base.options, retry: POLICY, deadlineMs } };
}

/** A transport answering 503 at once, counting attempts as the real one does. */
const unavailable: FetchLike = async (_attempt, ctx) => {
  ctx.stats.attempts += 1;
  return new Response('{}', { status: 503 });
};

/** A transport that never answers (the timeout layer must end the attempt). */
const silent: FetchLike = (_attempt, ctx) => {
  ctx.stats.attempts += 1;
  return new Promise<Response>(() => {});
};

test('the attempt timer fires at exactly timeoutMs: not at timeoutMs - 1', async () => {
  const manual = manualTimers();
  let settled = false;
  const pending = timeout({ timers: manual.timers })(silent)(createAttempt(url), context({ timeoutMs: 500 }));
  pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  assert.equal(manual.armed, [500]);
  await manual.advance(499);
  assert.not.ok(settled, 'still waiting 1 ms before the deadline');
  await manual.advance(1);
  const error = await rejection(pending);
  assert.is(error.type, 'TIMEOUT');
  assert.is(manual.live(), 0);
});

test('a body read: each chunk does not restart a non-stream timer; the deadline is the whole attempt', async () => {
  const manual = manualTimers();
  const ctx = context({ timeoutMs: 300 });
  let pull: ReadableStreamDefaultController<Uint8Array> | undefined;
  const body = new ReadableStream<Uint8Array>({ start: (controller) => void (pull = controller) });
  const response = await timeout({ timers: manual.timers })(async () => new Response(body))(createAttempt(url), ctx);
  await manual.advance(200);
  pull?.enqueue(new Uint8Array([1]));
  await flush();
  await manual.advance(99);
  assert.is(manual.live(), 1, 'armed once, still armed at 299 ms');
  await manual.advance(1);
  assert.is(manual.live(), 0, 'fired at 300 ms although a chunk came at 200 ms');
  assert.equal(manual.armed, [300]);
  assert.ok(ctx.stats.bodyDeadline === undefined || ctx.stats.bodyDeadline.response === response);
});

test('a backoff ending exactly at deadlineMs is not slept: TIMEOUT after the attempt before it', async () => {
  const fake = fakeClock(1); // full jitter at its top: waits of 1000, then 2000 ms
  const send = retry({ clock: fake.clock, budget: undefined, telemetryHeaders: false })(unavailable);
  const error = await rejection(send(createAttempt(url), callContext(3000)));
  assert.is(error.type, 'TIMEOUT');
  assert.equal(fake.sleeps, [1000], 'the 2000 ms wait would end at 3000 ms, the deadline itself');
  assert.is(error.attempts, 2);
  assert.is(error.status, 503, 'the last answer is kept');
});

test('a backoff ending 1 ms before deadlineMs is slept, and the next attempt gets that 1 ms', async () => {
  const fake = fakeClock(1);
  const manual = manualTimers();
  const send = retry({ clock: fake.clock, budget: undefined, telemetryHeaders: false })(timeout({ timers: manual.timers })(unavailable));
  const error = await rejection(send(createAttempt(url), callContext(3001)));
  assert.is(error.type, 'TIMEOUT');
  assert.equal(fake.sleeps, [1000, 2000]);
  assert.is(error.attempts, 3);
  assert.equal(manual.armed, [3001, 2001, 1], 'each attempt’s timeout is the time left, exactly');
});

test('without a deadline, attempts keep their own timeoutMs', async () => {
  const fake = fakeClock(1);
  const manual = manualTimers();
  const send = retry({ clock: fake.clock, budget: undefined, telemetryHeaders: false })(timeout({ timers: manual.timers })(unavailable));
  const response = await send(createAttempt(url), callContext(undefined, 700));
  assert.is(response.status, 503, 'retries spent: the last answer is the call’s');
  assert.equal(fake.sleeps, [1000, 2000, 4000]);
  assert.equal(manual.armed, [700, 700, 700, 700]);
});

test('a deadline shorter than timeoutMs cuts the attempt timer, which fires exactly then', async () => {
  const fake = fakeClock(1);
  const manual = manualTimers();
  const send = retry({ clock: fake.clock, budget: undefined, telemetryHeaders: false })(timeout({ timers: manual.timers })(silent));
  let settled = false;
  const pending = send(createAttempt(url), callContext(250));
  pending.then(
    () => (settled = true),
    () => (settled = true),
  );
  await flush();
  assert.equal(manual.armed, [250]);
  await manual.advance(249);
  assert.not.ok(settled);
  await manual.advance(1);
  const error = await rejection(pending);
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.attempts, 1);
  assert.equal(fake.sleeps, [], 'the retry would pass the deadline');
});

test.run();
