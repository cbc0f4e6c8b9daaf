/**
 * The transport's two ways to send (src/network/transport.ts): the platform's own fetch is
 * called as `fetch(url, init)` with no Request built first; a custom `fetch` option gets one
 * Request. Construction failures stay the app's TypeError, never a CONNECTION.
 */
import * as assert from 'uvu/assert';
import { createAttempt } from '../../src/network/attempt.js';
import { isNetworkError } from '../../src/errors/network-error.js';
import { transport } from '../../src/network/transport.js';
import { test } from '../helpers/timed-suite.js';
import { context } from '../runtime/helpers/context.js';
test('the platform fetch is called as fetch(url, init): no Request of our own', async () => {
  const original = globalThis.fetch;
  const seen: unknown[][] = [];
  globalThis.fetch = async (...args: unknown[]) => {
    seen.push(args);
    return new Response('ok');
  };
  try {
    const attempt = createAttempt('https://a.example/x', { method: 'POST', body: '{"a":1}', headers: { 'x-a': '1' } });
    await transport()(attempt, context());
    // The same function passed as the fetch option is recognised as the platform's too.
    await transport(globalThis.fetch)(attempt, context());
    for (const [input, init] of seen) {
      assert.is(input, 'https://a.example/x');
      const given = init as RequestInit;
      assert.is(given.method, 'POST');
      assert.is(given.body, '{"a":1}');
      assert.is(given.redirect, 'manual');
      assert.is(new Headers(given.headers).get('x-a'), '1');
    }
    assert.is(seen.length, 2);
  } finally {
    globalThis.fetch = original;
  }
});

test('a custom fetch option still receives one Request', async () => {
  let got: unknown;
  await transport(async (request) => {
    got = request;
    return new Response('');
  })(createAttempt('https://a.example/x'), context());
  assert.instance(got, Request);
});

test('platform fetch: an attempt that cannot become a Request is passed on as is, not CONNECTION', async () => {
  const ctx = context();
  // Real fetch (undici) refuses credentials in the URL with a TypeError, exactly like a lost
  // connection looks; it must not be classified (and retried) as one.
  const error = await transport()(createAttempt('https://user:pw@127.0.0.1:1/x'), ctx).then(
    () => assert.unreachable(),
    (e: unknown) => e,
  );
  assert.instance(error, TypeError);
  assert.not.ok(isNetworkError(error));
  assert.is(ctx.stats.attempts, 0, 'nothing was sent');
});

test('platform fetch: a refused connection is CONNECTION with one attempt counted', async () => {
  const ctx = context();
  const error = await transport()(createAttempt('http://127.0.0.1:1/x'), ctx).then(
    () => assert.unreachable(),
    (e: unknown) => e,
  );
  assert.ok(isNetworkError(error), String(error));
  assert.is(error.type, 'CONNECTION');
  assert.is(ctx.stats.attempts, 1);
});


test.run();
