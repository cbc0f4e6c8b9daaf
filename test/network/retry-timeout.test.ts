/**
 * Per-attempt timeouts under retries, against test/server: a hung upstream times out on every
 * attempt (each retried, each its own timer), a slow-dripping body times out while being read;
 * neither leaves a timer or an open socket behind.
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { createRetryBudget } from '../../src/network/retry-budget.js';
import { signedInSdk, type TestServer } from '../e2e/helpers.js';
import { fakeClock } from './helpers-retry.js';
import { rejection } from '../helpers/rejection.js';
import { trackTimers } from '../helpers/timer-tracker.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

const Timeouts = serverSuite('per-attempt timeouts under retries');
Timeouts('a hung upstream: every attempt times out and is retried; timeouts cost the budget double', async ({ server }) => {
  server.reset();
  const fake = fakeClock(0.5);
  const budget = createRetryBudget();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: fake.clock, retryBudget: budget, logLevel: 'off' });
  server.requests.length = 0;
  await settle();
  const timers = trackTimers();
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'hang' } });
  const error = await rejection(sdk.users.getMe(undefined, { timeoutMs: 50 }));
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.attempts, 4);
  assert.is(server.requests.length, 4);
  assert.equal(fake.sleeps, [500, 1000, 2000]);
  assert.is(budget.available(new URL(server.url).origin), 500 - 3 * 10);
  await settle();
  assert.is(timers.armed(), 0, 'no timer left armed');
  timers.stop();
});

Timeouts('a slow-dripping body hits the attempt timeout while being read (not retried: the body was already handed over)', async ({ server }) => {
  server.reset();
  const { sdk } = await signedInSdk(server, 'alice@example.com', { clock: fakeClock().clock, logLevel: 'off' });
  server.requests.length = 0;
  await settle();
  const timers = trackTimers();
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'drip', bytesPerChunk: 1, intervalMs: 40 } });
  const error = await rejection(sdk.users.getMe(undefined, { timeoutMs: 150 }));
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.status, 200, 'headers had arrived');
  assert.is(error.attempts, 1);
  await settle();
  assert.is(timers.armed(), 0, 'no timer left armed');
  timers.stop();
});

Timeouts.run();
