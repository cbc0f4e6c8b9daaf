import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { timeout, type Timers } from '../../src/network/timeout.js';
import type { Attempt, FetchLike, RequestContext } from '../../src/network/types.js';
import { bodyDeadlineOf, releaseBody } from '../../src/network/body-deadline.js';
import { readText } from '../../src/service/read-body.js';
import { context } from './helpers/context.js';
import { rejection } from '../helpers/rejection.js';

const url = 'https://api.example.com/orders?token=t';

/** A transport that never answers and ignores its signal: the worst platform fetch. */
const deaf: FetchLike = () => new Promise<Response>(() => {});

/** Records every timer so a test can assert none is left armed. */
function trackingTimers() {
  const live = new Set<unknown>();
  let created = 0;
  const timers: Timers = {
    setTimeout(callback, ms) {
      created += 1;
      const handle = setTimeout(() => {
        live.delete(handle);
        callback();
      }, ms);
      live.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      live.delete(handle);
      clearTimeout(handle as ReturnType<typeof setTimeout>);
    },
  };
  return { timers, live, created: () => created };
}

/**
 * Reads a body the way the call runner does: through read-body, racing the deadline the
 * timeout layer left on the call's stats (bodies are timed where they are read, not wrapped).
 */
function read(response: Response, ctx: RequestContext): Promise<string> {
  return readText(response, Infinity, bodyDeadlineOf(ctx.stats, response));
}

/** A body that sends `first` and then stalls forever (until cancelled). */
function stallingBody(first: string) {
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, wasCancelled: () => cancelled };
}

test('times out a transport that never answers, even one that ignores abort', async () => {
  const { timers, live } = trackingTimers();
  let forwarded: Attempt | undefined;
  const fetch = timeout({ timers })((request, ctx) => {
    forwarded = request;
    return deaf(request, ctx);
  });
  const started = Date.now();
  const error = await rejection(fetch(createAttempt(url), context({ timeoutMs: 40 })));
  assert.is(error.type, 'TIMEOUT');
  assert.ok(Date.now() - started < 1000);
  assert.match(error.message, /^Request timed out after 40 ms: GET https:\/\/api\.example\.com\/orders\?token=REDACTED$/);
  assert.ok(forwarded?.signal?.aborted, 'the transport was told to abort');
  assert.is(live.size, 0);
});

test('a stalled body read rejects with TIMEOUT, and the source body is cancelled', async () => {
  const { timers, live } = trackingTimers();
  const stalled = stallingBody('{"partial":');
  const fetch = timeout({ timers })(async () => new Response(stalled.body, { status: 200, headers: { 'x-request-id': 'r9' } }));
  const ctx = context({ timeoutMs: 40 });
  const response = await fetch(createAttempt(url), ctx);
  assert.is(response.status, 200);
  const error = await rejection(read(response, ctx));
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.status, 200);
  assert.is(error.requestId, 'r9');
  assert.ok(stalled.wasCancelled());
  assert.is(live.size, 0);
});

test('a body read to the end clears the timer', async () => {
  const { timers, live, created } = trackingTimers();
  const fetch = timeout({ timers })(async () => new Response('{"ok":true}', { status: 200 }));
  const ctx = context({ timeoutMs: 1000 });
  const response = await fetch(createAttempt(url), ctx);
  assert.is(live.size, 1, 'still armed while the body is unread');
  assert.equal(JSON.parse(await read(response, ctx)), { ok: true });
  assert.is(live.size, 0);
  assert.is(created(), 1);
});

test('bodiless responses clear the timer at once', async () => {
  for (const make of [() => new Response(null, { status: 204 }), () => new Response('', { status: 200, headers: { 'content-length': '0' } })]) {
    const { timers, live } = trackingTimers();
    const response = await timeout({ timers })(async () => make())(createAttempt(url), context());
    assert.is(live.size, 0);
    assert.ok(response.status === 204 || response.status === 200);
  }
});

test('releasing an unread body clears the timer and cancels the body', async () => {
  const { timers, live } = trackingTimers();
  const stalled = stallingBody('x');
  const ctx = context();
  const response = await timeout({ timers })(async () => new Response(stalled.body))(createAttempt(url), ctx);
  releaseBody(response, ctx.stats);
  assert.is(live.size, 0);
  assert.ok(stalled.wasCancelled());
});

test('streams get an idle timeout: a live stream may outlast timeoutMs', async () => {
  const { timers, live } = trackingTimers();
  const encoder = new TextEncoder();
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 20));
      if (sent++ < 8) controller.enqueue(encoder.encode(`data: ${sent}\n\n`));
      else controller.close();
    },
  });
  const fetch = timeout({ timers })(async () => new Response(body));
  const response = await fetch(createAttempt(url), context({ timeoutMs: 60, meta: { responseKind: 'stream' } }));
  const started = Date.now();
  const text = await response.text();
  assert.ok(Date.now() - started > 60, 'ran longer than timeoutMs');
  assert.match(text, 'data: 8');
  assert.is(live.size, 0);
});

test('the same slow body without stream mode times out', async () => {
  let n = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      await new Promise((r) => setTimeout(r, 20));
      if (n++ < 8) controller.enqueue(new Uint8Array([65]));
      else controller.close();
    },
  });
  const ctx = context({ timeoutMs: 60 });
  const response = await timeout()(async () => new Response(body))(createAttempt(url), ctx);
  assert.is((await rejection(read(response, ctx))).type, 'TIMEOUT');
});

test('the caller aborting while waiting for headers is CANCELLED at once', async () => {
  const { timers, live } = trackingTimers();
  const caller = new AbortController();
  const pending = timeout({ timers })(deaf)(createAttempt(url), context({ timeoutMs: 10_000, signal: caller.signal }));
  setTimeout(() => caller.abort(), 10);
  const started = Date.now();
  const error = await rejection(pending);
  assert.is(error.type, 'CANCELLED');
  assert.ok(Date.now() - started < 500);
  assert.is(live.size, 0);
});

test('the caller aborting during the body read is CANCELLED', async () => {
  const caller = new AbortController();
  const stalled = stallingBody('x');
  const ctx = context({ timeoutMs: 10_000, signal: caller.signal });
  const response = await timeout()(async () => new Response(stalled.body))(createAttempt(url), ctx);
  const reading = read(response, ctx);
  caller.abort();
  assert.is((await rejection(reading)).type, 'CANCELLED');
  assert.ok(stalled.wasCancelled(), 'the download was stopped');
});

test('an already-aborted signal never reaches the transport', async () => {
  const caller = new AbortController();
  caller.abort(new Error('user left'));
  let called = false;
  const error = await rejection(
    timeout()(async () => {
      called = true;
      return new Response('');
    })(createAttempt(url), context({ signal: caller.signal })),
  );
  assert.is(error.type, 'CANCELLED');
  assert.match(String((error.cause as Error).message), 'user left');
  assert.not.ok(called);
});

test('transport errors pass through untouched for the runner to classify', async () => {
  const failure = new TypeError('fetch failed');
  const { timers, live } = trackingTimers();
  try {
    await timeout({ timers })(async () => Promise.reject(failure))(createAttempt(url), context());
    assert.unreachable();
  } catch (error) {
    assert.is(error, failure);
  }
  assert.is(live.size, 0);
});

test('the response keeps status, headers and url', async () => {
  const original = new Response('hi', { status: 201, statusText: 'Created', headers: { etag: '"1"' } });
  Object.defineProperty(original, 'url', { value: url });
  const ctx = context();
  const response = await timeout()(async () => original)(createAttempt(url), ctx);
  assert.is(response.status, 201);
  assert.is(response.statusText, 'Created');
  assert.is(response.headers.get('etag'), '"1"');
  assert.is(response.url, url);
  assert.is(await read(response, ctx), 'hi');
});

test('a body nobody reads times out on its own and is cancelled, leaving no timer', async () => {
  const { timers, live } = trackingTimers();
  const stalled = stallingBody('x');
  const ctx = context({ timeoutMs: 30 });
  await timeout({ timers })(async () => new Response(stalled.body))(createAttempt(url), ctx);
  await new Promise((r) => setTimeout(r, 80));
  assert.ok(stalled.wasCancelled());
  assert.is(live.size, 0);
  assert.is(ctx.stats.bodyDeadline, undefined);
});

test('a non-stream response is passed on as it is, not re-wrapped', async () => {
  const original = new Response('{"ok":true}', { status: 200 });
  const ctx = context();
  const response = await timeout()(async () => original)(createAttempt(url), ctx);
  assert.is(response, original);
  assert.is(ctx.stats.bodyDeadline?.response, original);
  await read(response, ctx);
  assert.is(ctx.stats.bodyDeadline, undefined, 'released once read');
});

test('a stream whose reader is cancelled by the app clears the timer', async () => {
  const { timers, live } = trackingTimers();
  const stalled = stallingBody('x');
  const response = await timeout({ timers })(async () => new Response(stalled.body))(createAttempt(url), context({ meta: { responseKind: 'stream' } }));
  await response.body?.cancel();
  assert.is(live.size, 0);
  assert.ok(stalled.wasCancelled());
});

test('a stalled stream times out with TIMEOUT for the app reading it', async () => {
  const stalled = stallingBody('data: 1\n\n');
  const response = await timeout()(async () => new Response(stalled.body))(createAttempt(url), context({ timeoutMs: 40, meta: { responseKind: 'stream' } }));
  assert.is((await rejection(response.text())).type, 'TIMEOUT');
  assert.ok(stalled.wasCancelled());
});

test.run();
