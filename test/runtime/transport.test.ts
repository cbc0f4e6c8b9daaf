import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { isNetworkError } from '../../src/errors/network-error.js';
import { transport } from '../../src/network/transport.js';
import { context } from './helpers/context.js';

test('uses the given fetch and counts attempts', async () => {
  const ctx = context();
  const send = transport(async (request) => new Response(request.url));
  assert.is(await (await send(createAttempt('https://a.example/x'), ctx)).text(), 'https://a.example/x');
  await send(createAttempt('https://a.example/y'), ctx);
  assert.is(ctx.stats.attempts, 2);
});

test('reads globalThis.fetch at call time, not when created', async () => {
  const send = transport();
  const original = globalThis.fetch;
  // Installed after the transport exists, as a React Native polyfill or a test double would be.
  globalThis.fetch = async () => new Response('late polyfill');
  try {
    assert.is(await (await send(createAttempt('https://a.example/'), context())).text(), 'late polyfill');
  } finally {
    globalThis.fetch = original;
  }
});

test('a missing fetch is a clear error, not a crash', async () => {
  const original = globalThis.fetch;
  // @ts-expect-error simulating a platform without fetch
  delete globalThis.fetch;
  try {
    await transport()(createAttempt('https://a.example/'), context()).then(
      () => assert.unreachable(),
      (error: unknown) => {
        assert.ok(isNetworkError(error), String(error));
        assert.is(error.type, 'UNKNOWN');
        assert.is(error.attempts, 0, 'nothing was sent');
        assert.match(error.message, /options\.fetch/);
      },
    );
  } finally {
    globalThis.fetch = original;
  }
});

test.run();
