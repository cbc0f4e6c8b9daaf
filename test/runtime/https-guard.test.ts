import { createAttempt } from '../../src/network/attempt.js';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { isNetworkError } from '../../src/errors/network-error.js';
import { httpsGuard } from '../../src/network/https-guard.js';
import { isLoopbackUrl } from '../../src/network/loopback.js';
import type { FetchLike } from '../../src/network/types.js';
import { context } from './helpers/context.js';

function guarded(allowInsecureHttp = false) {
  const sent: string[] = [];
  const next: FetchLike = async (request) => {
    sent.push(request.url);
    return new Response(null, { status: 204 });
  };
  return { sent, fetch: httpsGuard({ allowInsecureHttp })(next) };
}

test('https and loopback http pass', async () => {
  const { sent, fetch } = guarded();
  for (const url of ['https://example.com/a', 'http://127.0.0.1:8080/a', 'http://127.0.0.5/a', 'http://[::1]:3000/a', 'http://localhost/a', 'http://LOCALHOST:1/a', 'http://127.1/a']) {
    await fetch(createAttempt(url), context());
  }
  assert.is(sent.length, 7);
});

test('plain http elsewhere is refused before anything is sent', async () => {
  for (const url of ['http://example.com/a?token=x', 'http://10.0.0.2/a', 'http://128.0.0.1/', 'http://localhost.example.com/', 'http://[::2]/']) {
    const { sent, fetch } = guarded();
    try {
      await fetch(createAttempt(url), context());
      assert.unreachable(url);
    } catch (error) {
      assert.ok(isNetworkError(error), url);
      assert.is(error.type, 'UNKNOWN');
      assert.is(error.attempts, 0);
      assert.match(error.message, /^Refused to send an insecure request: GET http:\/\//);
      assert.not.match(error.message, 'token=x');
      assert.match(String((error.cause as Error).message), /allowInsecureHttp/);
    }
    assert.is(sent.length, 0, url);
  }
});

test('allowInsecureHttp lets plain http through', async () => {
  const { sent, fetch } = guarded(true);
  await fetch(createAttempt('http://example.com/a'), context());
  assert.equal(sent, ['http://example.com/a']);
});

test('isLoopbackUrl', () => {
  assert.ok(isLoopbackUrl(new URL('http://127.255.255.254/')));
  assert.not.ok(isLoopbackUrl(new URL('http://127.0.0.1.example.com/')));
  assert.not.ok(isLoopbackUrl(new URL('http://0.0.0.0/')));
});

test.run();
