/**
 * Isolated units of the retry layer: backoff math, the abortable sleep, option validation,
 * and the one rule that needs a body no generated call can produce (a one-shot stream),
 * exercised through the middleware alone with a counting transport.
 */
import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { isNetworkError, type NetworkError } from '../../src/errors/network-error.js';
import { fullJitterDelay, retryDelay } from '../../src/network/backoff.js';
import { abortableSleep, systemClock } from '../../src/platform/clock.js';
import { retry } from '../../src/network/retry.js';
import type { FetchLike } from '../../src/network/types.js';
import { DEFAULTS, resolveCallOptions, resolveSdkOptions } from '../../src/options.js';
import { context } from '../runtime/helpers/context.js';
import { fakeClock } from './helpers-retry.js';
import { trackTimers } from '../helpers/timer-tracker.js';

test('full jitter: uniform in [0, min(cap, base·2^n)]', () => {
  assert.is(fullJitterDelay(0, 1000, 30_000, () => 0), 0);
  assert.is(fullJitterDelay(0, 1000, 30_000, () => 0.5), 500);
  assert.is(fullJitterDelay(3, 1000, 30_000, () => 0.5), 4000);
  assert.is(fullJitterDelay(5, 1000, 30_000, () => 0.5), 15_000, 'capped: 32 s window → 30 s');
  assert.is(fullJitterDelay(2000, 1000, 30_000, () => 0.999), 29_970, '2^2000 is Infinity, still capped');
  for (let n = 0; n < 8; n++) {
    const delay = fullJitterDelay(n, 1000, 30_000, Math.random);
    assert.ok(delay >= 0 && delay <= Math.min(30_000, 1000 * 2 ** n));
  }
});

test('a misbehaving random never yields NaN, a negative or more than the window', () => {
  for (const value of [Number.NaN, -1, 7, Infinity, -Infinity]) {
    const delay = fullJitterDelay(1, 1000, 30_000, () => value);
    assert.ok(Number.isFinite(delay) && delay >= 0 && delay <= 2000, `${value} → ${delay}`);
  }
});

test('a server delay is a floor under jitter', () => {
  assert.is(retryDelay(undefined, 700), 700);
  assert.is(retryDelay(2000, 700), 2000);
  assert.is(retryDelay(0, 700), 700);
});

test('abortableSleep: rejects at once on abort, even when the sleep ignores its signal', async () => {
  const fake = fakeClock();
  fake.hang = true;
  const controller = new AbortController();
  const sleeping = abortableSleep(fake.clock, 5000, controller.signal, () => new Error('stop'));
  controller.abort();
  await sleeping.then(
    () => assert.unreachable('resolved'),
    (error: unknown) => assert.is((error as Error).message, 'stop'),
  );
  await abortableSleep(fake.clock, 1, AbortSignal.abort(), () => new Error('early')).then(
    () => assert.unreachable('resolved'),
    (error: unknown) => assert.is((error as Error).message, 'early'),
  );
});

test('systemClock.sleep clears its timer when aborted', async () => {
  const controller = new AbortController();
  const timers = trackTimers();
  const sleeping = systemClock.sleep(60_000, controller.signal);
  assert.is(timers.armed(), 1, 'armed');
  controller.abort();
  await sleeping; // settles at all: the abort, not the minute, ended it (the suite's limit would fail a hang)
  assert.is(timers.armed(), 0, 'and its timer is cleared');
  timers.stop();
});

test('a request whose body is a one-shot stream is sent once, even on 503', async () => {
  let sent = 0;
  const transport: FetchLike = async (request, ctx) => {
    ctx.stats.attempts += 1;
    sent += 1;
    if (request.body) await new Response(request.body).text();
    return new Response('busy', { status: 503 });
  };
  const layer = retry({ clock: fakeClock().clock, budget: undefined, telemetryHeaders: true })(transport);
  const sdk = resolveSdkOptions({ baseUrl: 'https://api.example.com' });
  const base = context({ meta: { method: 'put', idempotent: true } });
  const options = resolveCallOptions(sdk, {});
  const stream = () =>
    createAttempt('https://api.example.com/upload', {
      method: 'PUT',
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x')), c.close()) }),
      duplex: 'half',
    } as RequestInit);
  const once = await layer(stream(), { ...base, options, replayable: false });
  assert.is(once.status, 503);
  assert.is(sent, 1);
  sent = 0;
  await layer(createAttempt('https://api.example.com/upload', { method: 'PUT', body: 'x' }), { ...base, options });
  assert.is(sent, 4, 'the same PUT with a replayable body is retried');
});

test('thrown errors that are not network failures are not retried', async () => {
  let sent = 0;
  const transport: FetchLike = async (_request, ctx) => {
    ctx.stats.attempts += 1;
    sent += 1;
    throw new RangeError('bug in a layer');
  };
  const layer = retry({ clock: fakeClock().clock, budget: undefined, telemetryHeaders: false })(transport);
  const options = resolveCallOptions(resolveSdkOptions({ baseUrl: 'https://api.example.com' }), {});
  const error = await layer(createAttempt('https://api.example.com/x'), { ...context(), options }).catch((e: unknown) => e);
  assert.instance(error, RangeError);
  assert.is(sent, 1);
});

test('retry options are validated and merged field by field', () => {
  const sdk = resolveSdkOptions({ baseUrl: 'https://api.example.com', retry: { maxRetries: 5, statusCodes: [503] } });
  assert.is(sdk.retry?.maxRetries, 5);
  assert.equal(sdk.retry?.statusCodes, [503]);
  assert.is(sdk.retry?.baseDelayMs, DEFAULTS.retry.baseDelayMs);
  const call = resolveCallOptions(sdk, { retry: { baseDelayMs: 10 } });
  assert.is(call.retry?.maxRetries, 5, 'kept from the SDK');
  assert.is(call.retry?.baseDelayMs, 10);
  assert.is(resolveCallOptions(sdk, { retry: false }).retry, undefined);
  assert.is(resolveCallOptions(resolveSdkOptions({ baseUrl: 'https://api.example.com', retry: false }), {}).retry, undefined);
  const bad = (retryOption: unknown) => () => resolveSdkOptions({ baseUrl: 'https://api.example.com', retry: retryOption as never });
  assert.throws(bad({ maxRetries: -1 }), /retry\.maxRetries/);
  assert.throws(bad({ maxRetries: 1.5 }), /retry\.maxRetries/);
  assert.throws(bad({ maxRetries: 1000 }), /retry\.maxRetries/);
  assert.throws(bad({ baseDelayMs: Number.NaN }), /retry\.baseDelayMs/);
  assert.throws(bad({ maxRetryAfterMs: Infinity }), /retry\.maxRetryAfterMs/);
  assert.throws(bad({ statusCodes: [503, 'x'] }), /retry\.statusCodes/);
  assert.throws(bad({ shouldRetry: 'yes' }), /retry\.shouldRetry/);
  assert.throws(bad(true), /options\.retry/);
  const base = { baseUrl: 'https://api.example.com' };
  assert.throws(() => resolveSdkOptions({ ...base, deadlineMs: 0 }), /deadlineMs/);
  assert.throws(() => resolveSdkOptions({ ...base, idempotency: 'sometimes' as never }), /idempotency/);
  assert.throws(() => resolveSdkOptions({ ...base, clock: { now: 5 } as never }), /clock\.now/);
  assert.throws(() => resolveSdkOptions({ ...base, telemetryHeaders: 'no' as never }), /telemetryHeaders/);
  assert.throws(() => resolveCallOptions(resolveSdkOptions(base), { deadlineMs: -5 }), /options\.deadlineMs/);
});

test('a CANCELLED thrown by an inner layer is final', async () => {
  let sent = 0;
  const controller = new AbortController();
  const transport: FetchLike = async (_request, ctx) => {
    ctx.stats.attempts += 1;
    sent += 1;
    controller.abort();
    throw new TypeError('fetch failed');
  };
  const layer = retry({ clock: fakeClock().clock, budget: undefined, telemetryHeaders: false })(transport);
  const options = resolveCallOptions(resolveSdkOptions({ baseUrl: 'https://api.example.com' }), {});
  const error = await layer(createAttempt('https://api.example.com/x'), { ...context({ signal: controller.signal }), options }).catch(
    (e: unknown) => e as NetworkError,
  );
  assert.ok(isNetworkError(error));
  assert.is(error.type, 'CANCELLED');
  assert.is(sent, 1);
});

test('a throwing shouldRetry fails the call with its error', async () => {
  const transport: FetchLike = async (_request, ctx) => {
    ctx.stats.attempts += 1;
    return new Response('busy', { status: 503 });
  };
  const layer = retry({ clock: fakeClock().clock, budget: undefined, telemetryHeaders: false })(transport);
  const sdk = resolveSdkOptions({ baseUrl: 'https://api.example.com', retry: { shouldRetry: () => { throw new SyntaxError('hook bug'); } } });
  const options = resolveCallOptions(sdk, {});
  const error = await layer(createAttempt('https://api.example.com/x'), { ...context(), options }).catch((e: unknown) => e);
  assert.instance(error, SyntaxError);
});

test.run();
