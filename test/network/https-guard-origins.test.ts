/**
 * The https guard remembers the last plain-http origin it allowed (so a local server is not
 * re-parsed per call); that memory must never let another origin through.
 */
import * as assert from 'uvu/assert';
import { createAttempt } from '../../src/network/attempt.js';
import { isNetworkError } from '../../src/errors/network-error.js';
import { httpsGuard } from '../../src/network/https-guard.js';
import type { FetchLike } from '../../src/network/types.js';
import { test } from '../helpers/timed-suite.js';
import { context } from '../runtime/helpers/context.js';

test('an allowed loopback http origin lets only itself through afterwards', async () => {
  const sent: string[] = [];
  const next: FetchLike = async (attempt) => {
    sent.push(attempt.url);
    return new Response(null, { status: 204 });
  };
  const guarded = httpsGuard({ allowInsecureHttp: false })(next);
  await guarded(createAttempt('http://127.0.0.1:8080/a'), context());
  await guarded(createAttempt('http://127.0.0.1:8080/b'), context());
  for (const url of ['http://example.com/a', 'http://127.0.0.1.example.com/a', 'http://127.0.0.1.nip.io:8080/a']) {
    const error = await guarded(createAttempt(url), context()).then(() => undefined, (e: unknown) => e);
    assert.ok(isNetworkError(error), `${url} is refused`);
  }
  // Not a URL at all (a port that is not a number): rejected as it always was, never sent.
  await guarded(createAttempt('http://127.0.0.1:8080.example.com/a'), context()).then(() => assert.unreachable(), () => undefined);
  await guarded(createAttempt('http://localhost:9000/c'), context());
  assert.equal(sent, ['http://127.0.0.1:8080/a', 'http://127.0.0.1:8080/b', 'http://localhost:9000/c']);
});

test.run();
