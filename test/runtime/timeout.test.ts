import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { timeout, type Timers } from '../../src/network/timeout.js';
import type { Attempt, FetchLike, RequestContext } from '../../src/network/types.js';
import { bodyDeadlineOf, releaseBody } from '../../src/network/body-deadline.js';
import { readText } from '../../src/service/read-body.js';
import { context } from './helpers/context.js';
import { rejection } from '../helpers/rejection.js';
import { flush, manualTimers } from './helpers/manual-timers.js';

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
  const manual = manualTimers();
  let forwarded: Attempt | undefined;
  const fetch = timeout({ timers: manual.timers })((request, ctx) => {
    forwarded = request;
    return deaf(request, ctx);
  });
  const pending = rejection(fetch(createAttempt(url), context({ timeoutMs: 40 })));
  await manual.advance(40);
  const error = await pending;
  assert.is(error.type, 'TIMEOUT');
  assert.match(error.message, /^Request timed out after 40 ms: GET https:\/\/api\.example\.com\/orders\?token=REDACTED$/);
  assert.ok(forwarded?.signal?.aborted, 'the transport was told to abort');
  assert.is(manual.live(), 0);
});

test('a stalled body read rejects with TIMEOUT, and the source body is cancelled', async () => {
  const manual = manualTimers();
  const stalled = stallingBody('{"partial":');
  const fetch = timeout({ timers: manual.timers })(async () => new Response(stalled.body, { status: 200, headers: { 'x-request-id': 'r9' } }));
  const ctx = context({ timeoutMs: 40 });
  const response = await fetch(createAttempt(url), ctx);
  assert.is(response.status, 200);
  const reading = rejection(read(response, ctx));
  await manual.advance(40);
  const error = await reading;
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.status, 200);
  assert.is(error.requestId, 'r9');
  assert.ok(stalled.wasCancelled());
  assert.is(manual.live(), 0);
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

/** A body the test feeds chunk by chunk (no timers of its own). */
function fedBody() {
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (controller) => void (feed = controller) });
  return { body, send: (text: string) => feed.enqueue(new TextEncoder().encode(text)), end: () => feed.close() };
}

test('streams get an idle timeout: chunks 59 ms apart keep a 60 ms stream alive for 472 ms', async () => {
  const manual = manualTimers();
  const fed = fedBody();
  const fetch = timeout({ timers: manual.timers })(async () => new Response(fed.body));
  const response = await fetch(createAttempt(url), context({ timeoutMs: 60, meta: { responseKind: 'stream' } }));
  const text = response.text();
  let failed: unknown;
  text.catch((error: unknown) => void (failed = error));
  for (let n = 1; n <= 8; n++) {
    await manual.advance(59);
    fed.send(`data: ${n}\n\n`);
    await flush();
  }
  await manual.advance(59);
  fed.end();
  assert.match(await text, 'data: 8');
  assert.is(failed, undefined);
  assert.ok(manual.armed.length > 8, 're-armed per chunk');
  assert.is(manual.live(), 0);
});

test('a stream idle for exactly timeoutMs after its last chunk times out', async () => {
  const manual = manualTimers();
  const fed = fedBody();
  const response = await timeout({ timers: manual.timers })(async () => new Response(fed.body))(createAttempt(url), context({ timeoutMs: 60, meta: { responseKind: 'stream' } }));
  const text = rejection(response.text());
  await manual.advance(30);
  fed.send('data: 1\n\n');
  await flush();
  await manual.advance(59);
  assert.is(manual.live(), 1, 'still armed 59 ms after the chunk');
  await manual.advance(1);
  assert.is((await text).type, 'TIMEOUT');
  assert.is(manual.live(), 0);
});

test('the same chunks without stream mode time out: the deadline covers the whole body', async () => {
  const manual = manualTimers();
  const fed = fedBody();
  const ctx = context({ timeoutMs: 60 });
  const response = await timeout({ timers: manual.timers })(async () => new Response(fed.body))(createAttempt(url), ctx);
  const reading = rejection(read(response, ctx));
  await manual.advance(40);
  fed.send('A');
  await flush();
  await manual.advance(20);
  assert.is((await reading).type, 'TIMEOUT');
  assert.equal(manual.armed, [60], 'armed once, never re-armed by a chunk');
});

test('the caller aborting while waiting for headers is CANCELLED at once', async () => {
  const manual = manualTimers(); // never advanced: only the abort can end the wait
  const caller = new AbortController();
  const pending = rejection(timeout({ timers: manual.timers })(deaf)(createAttempt(url), context({ timeoutMs: 10_000, signal: caller.signal })));
  await flush();
  caller.abort();
  const error = await pending;
  assert.is(error.type, 'CANCELLED');
  assert.is(manual.live(), 0);
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
  const manual = manualTimers();
  const stalled = stallingBody('x');
  const ctx = context({ timeoutMs: 30 });
  await timeout({ timers: manual.timers })(async () => new Response(stalled.body))(createAttempt(url), ctx);
  await manual.advance(29);
  assert.not.ok(stalled.wasCancelled(), 'not before its deadline');
  await manual.advance(1);
  assert.ok(stalled.wasCancelled());
  assert.is(manual.live(), 0);
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
  const manual = manualTimers();
  const stalled = stallingBody('data: 1\n\n');
  const response = await timeout({ timers: manual.timers })(async () => new Response(stalled.body))(createAttempt(url), context({ timeoutMs: 40, meta: { responseKind: 'stream' } }));
  const text = rejection(response.text());
  await manual.advance(40);
  assert.is((await text).type, 'TIMEOUT');
  assert.ok(stalled.wasCancelled());
});

test.run();
