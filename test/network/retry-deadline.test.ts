/**
 * Cancellation and the overall deadline against test/server: a caller's abort ends the call
 * at once (also mid-backoff) and is never retried; deadlineMs bounds attempts and sleeps.
 */
import { until } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { isNetworkError, type Sdk } from '../../generated/v1/index.js';
import { createRetryBudget } from '../../src/network/retry-budget.js';
import { signedInSdk, type TestServer } from '../e2e/helpers.js';
import { fakeClock, type FakeClock } from './helpers-retry.js';
import { rejection } from '../helpers/rejection.js';
import { serverSuite, whenRequested } from '../helpers/server-suite.js';

interface Ctx {
  fake: FakeClock;
  sdk: Sdk;
}
const Deadline = serverSuite<Ctx>('abort and deadline against test/server');
// After the suite's own reset: a fresh fake clock and a signed-in SDK per test.
Deadline.before.each(async (ctx) => {
  ctx.fake = fakeClock(0.5);
  ctx.sdk = (await signedInSdk(ctx.server, 'alice@example.com', { clock: ctx.fake.clock, logLevel: 'off' })).sdk;
  ctx.server.requests.length = 0;
});

const meHits = (server: TestServer) => server.requests.filter((r) => r.path === '/users/me').length;

Deadline('an abort during a backoff sleep ends the call with CANCELLED and sends nothing more', async ({ server, sdk, fake }) => {
  fake.hang = true; // the sleep would never end by itself
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const controller = new AbortController();
  const pending = rejection(sdk.users.getMe(undefined, { signal: controller.signal }));
  await until(() => fake.sleeps.length > 0, 'the retry to start its backoff sleep');
  controller.abort();
  const error = await pending;
  assert.is(error.type, 'CANCELLED');
  assert.is(error.attempts, 1);
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.is(meHits(server), 1);
});

Deadline('with the real clock too: a 10 s backoff is cut short by the abort', async ({ server }) => {
  // The real sleep (setTimeout); only the jitter pick is fixed: 9 s.
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: { random: () => 0.9 }, logLevel: 'off' });
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'reset-before' } });
  server.requests.length = 0;
  const controller = new AbortController();
  // Bounded well below the 9 s backoff: settling at all proves the sleep was cut short.
  const pending = rejection(sdk.users.getMe(undefined, { signal: controller.signal, retry: { maxRetries: 1, baseDelayMs: 10_000 } }), 4000);
  // Aborted once the first attempt has reached the server (and failed): the call is then
  // in its backoff sleep or about to start it, either way before any second attempt.
  await whenRequested(server, (r) => r.path === '/users/me');
  controller.abort();
  const error = await pending;
  assert.is(error.type, 'CANCELLED');
  assert.is(error.attempts, 1);
  assert.is(meHits(server), 1);
});

Deadline('an abort while an attempt is in flight is CANCELLED, never retried', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'hang' } });
  const controller = new AbortController();
  const pending = rejection(sdk.users.getMe(undefined, { signal: controller.signal }));
  await whenRequested(server, (r) => r.path === '/users/me'); // held by the hang fault
  controller.abort();
  const error = await pending;
  assert.is(error.type, 'CANCELLED');
  assert.is(meHits(server), 1);
  assert.equal(fake.sleeps, []);
});

Deadline('an already aborted signal sends nothing', async ({ server, sdk }) => {
  const error = await rejection(sdk.users.getMe(undefined, { signal: AbortSignal.abort() }));
  assert.is(error.type, 'CANCELLED');
  assert.is(meHits(server), 0);
});

Deadline('deadlineMs cuts the per-attempt timeout: a hung server fails in ~deadline, not timeoutMs', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'alice@example.com', { deadlineMs: 250, logLevel: 'off' });
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'hang' } });
  // Bounded far below timeoutMs: settling at all proves the cut (its exact value, 250 ms, is
  // asserted with manual timers in deadline-boundary.test.ts).
  const error = await rejection(sdk.users.getMe(undefined, { timeoutMs: 10_000 }), 5000);
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.attempts, 1);
});

Deadline('a backoff that would pass the deadline is not slept: TIMEOUT now', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'rate-limit', retryAfter: '30', status: 503 } });
  const error = await rejection(sdk.users.getMe(undefined, { deadlineMs: 10_000 }));
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.attempts, 1);
  assert.match(error.message, /Deadline of 10000 ms/);
  assert.ok(isNetworkError(error.cause) && error.cause.type === 'SERVER', 'the last attempt’s error is the cause');
  assert.equal(fake.sleeps, []);
});

Deadline('a retry the deadline prevents spends no budget', async ({ server }) => {
  const budget = createRetryBudget();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: fakeClock().clock, retryBudget: budget, logLevel: 'off' });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '30' } });
  assert.is((await rejection(sdk.users.getMe(undefined, { deadlineMs: 10_000 }))).type, 'TIMEOUT');
  assert.is(budget.available(new URL(server.url).origin), 500);
});

Deadline('deadline spans attempts and sleeps: retries while time is left, then TIMEOUT', async ({ server, sdk, fake }) => {
  fake.random = 1; // backoff windows 1 s, 2 s, 4 s
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const error = await rejection(sdk.users.getMe(undefined, { deadlineMs: 3500 }));
  assert.is(error.type, 'TIMEOUT');
  assert.equal(fake.sleeps, [1000, 2000], 'the 4 s sleep would have passed 3.5 s');
  assert.is(error.attempts, 3);
});

Deadline('a per-call deadline overrides the SDK’s; without one, calls have none', async ({ server }) => {
  const fake = fakeClock(1);
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: fake.clock, deadlineMs: 100, logLevel: 'off' });
  server.faults.add({ method: 'GET', path: '/users/me', times: 1, fault: { type: 'status', status: 503 } });
  assert.is((await rejection(sdk.users.getMe())).type, 'TIMEOUT');
  server.faults.add({ method: 'GET', path: '/users/me', times: 1, fault: { type: 'status', status: 503 } });
  assert.is((await sdk.users.getMe(undefined, { deadlineMs: 60_000 })).email, 'alice@example.com');
});

Deadline.run();
