/**
 * The retry budget: the token bucket alone, then a simulated 60 s full outage of 1,000 calls
 * against test/server (503 on every request), with a fake clock so backoff costs no time.
 */
import { test } from '../helpers/timed-suite.js';
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { createSdk, isNetworkError, memoryTokenStore, type Sdk } from '../../generated/v1/index.js';
import { createRetryBudget } from '../../src/network/retry-budget.js';
import { signedInSdk } from '../e2e/helpers.js';
import { fakeClock } from './helpers-retry.js';

test('bucket: retries cost 5, timeouts 10, successes refill 1, per origin, never above capacity', () => {
  const budget = createRetryBudget({ capacity: 20 });
  const a = 'https://a.example';
  assert.ok(budget.tryAcquire(a, 'other'));
  assert.ok(budget.tryAcquire(a, 'timeout'));
  assert.is(budget.available(a), 5);
  assert.is(budget.tryAcquire(a, 'timeout'), false, 'not enough for a timeout retry');
  assert.is(budget.available(a), 5, 'a refused retry costs nothing');
  assert.ok(budget.tryAcquire(a, 'other'));
  assert.is(budget.tryAcquire(a, 'other'), false);
  assert.is(budget.available('https://b.example'), 20, 'other origins are unaffected');
  for (let i = 0; i < 4; i++) budget.recordSuccess(a);
  assert.is(budget.tryAcquire(a, 'other'), false);
  budget.recordSuccess(a);
  assert.ok(budget.tryAcquire(a, 'other'));
  for (let i = 0; i < 100; i++) budget.recordSuccess(a);
  assert.is(budget.available(a), 20);
  assert.throws(() => createRetryBudget({ retryCost: -1 }), /retryBudget\.retryCost/);
});

test('retryBudget is validated', () => {
  assert.throws(() => createSdk({ baseUrl: 'https://api.example.com', retryBudget: 'big' as never }), /options\.retryBudget/);
  assert.throws(() => createSdk({ baseUrl: 'https://api.example.com', retryBudget: { capacity: Number.NaN } }), /retryBudget\.capacity/);
});

const Outage = serverSuite('retry budget during a full outage');

Outage('1,000 calls over 60 s of 503s: attempts stay within 1.1 × calls; retries return with successes', async ({ server }) => {
  const fake = fakeClock(0);
  const budget = createRetryBudget();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: fake.clock, retryBudget: budget, logLevel: 'off' });
  server.requests.length = 0;
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });

  const calls = 1000;
  const attempts: number[] = [];
  // 20 calls in flight at a time, one batch every 1.2 s of simulated time: 60 s in all.
  for (let batch = 0; batch < calls / 20; batch++) {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        sdk.users.getMe().then(
          () => {
            assert.unreachable('the backend is down');
            return -1;
          },
          (error: unknown) => (isNetworkError(error) ? error.attempts : -1),
        ),
      ),
    );
    attempts.push(...results);
    fake.advance(1200);
  }
  const total = server.requests.length;
  assert.is(attempts.reduce((sum, n) => sum + n, 0), total, 'every attempt reached the server');
  assert.ok(total <= 1.1 * calls, `${total} attempts for ${calls} calls`);
  assert.is(total, calls + 500 / 5, 'exactly the budget’s 100 retries were spent');
  assert.ok(attempts.slice(-900).every((n) => n === 1), 'once spent, every call is sent once');
  assert.is(budget.available(new URL(server.url).origin), 0);

  // Recovery: successes earn retries back, 1 token each; 5 successes buy one retry.
  server.faults.clear();
  for (let i = 0; i < 5; i++) await sdk.users.getMe();
  assert.is(budget.available(new URL(server.url).origin), 5);
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  assert.is((await sdk.users.getMe()).email, 'alice@example.com', 'retried with the earned token');
});

Outage('each SDK instance has its own budget unless one is shared', async ({ server }) => {
  const options = { baseUrl: server.url, clock: fakeClock(0).clock, logLevel: 'off' as const };
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const attempts = (sdk: Sdk) => sdk.users.getMe().then(() => 0, (error: unknown) => (isNetworkError(error) ? error.attempts : -1));
  const a = createSdk({ ...options, retryBudget: { capacity: 5 } });
  const b = createSdk({ ...options, retryBudget: { capacity: 5 } });
  assert.is(await attempts(a), 2, 'one retry bought with 5 tokens');
  assert.is(await attempts(a), 1, 'a has spent its budget');
  assert.is(await attempts(b), 2, 'b has its own');
  const shared = createRetryBudget({ capacity: 5 });
  assert.is(await attempts(createSdk({ ...options, retryBudget: shared })), 2);
  assert.is(await attempts(createSdk({ ...options, retryBudget: shared })), 1, 'a shared budget is spent for both');
});

Outage('retryBudget: false leaves only maxRetries', async ({ server }) => {
  const fake = fakeClock(0);
  const sdk: Sdk = createSdk({ baseUrl: server.url, clock: fake.clock, retryBudget: { capacity: 0 }, logLevel: 'off' });
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'status', status: 503 } });
  const capped = await sdk.users.getMe().catch((error: unknown) => error);
  assert.ok(isNetworkError(capped) && capped.attempts === 1, 'an empty bucket: no retries');
  const unlimited = createSdk({ baseUrl: server.url, clock: fake.clock, retryBudget: false, auth: { tokenStore: memoryTokenStore() }, logLevel: 'off' });
  const error = await unlimited.users.getMe().catch((e: unknown) => e);
  assert.ok(isNetworkError(error) && error.attempts === 4, 'no budget: all 3 retries');
});

test.run();
Outage.run();
