/**
 * Retry-After against test/server's rate-limit fault (raw header values on the wire): every
 * form the RFC allows, the retry-after-ms extension, and malformed values. The delay asserted
 * is the one the retry layer actually slept (fake clock; jitter pinned by `fake.random`).
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { type Sdk } from '../../generated/v1/index.js';
import { signedInSdk, type TestServer } from '../e2e/helpers.js';
import { T0, fakeClock, type FakeClock } from './helpers-retry.js';
import { rejection } from '../helpers/rejection.js';

interface Ctx {
  server: TestServer;
  sdk: Sdk;
  fake: FakeClock;
}

const After = serverSuite<Ctx>('Retry-After against test/server');

After.before.each(async (ctx) => {
  ctx.fake = fakeClock(0.5);
  ctx.sdk = (await signedInSdk(ctx.server, 'alice@example.com', { clock: ctx.fake.clock, logLevel: 'off' })).sdk;
  ctx.server.requests.length = 0;
});

/** One 429 carrying `headers`, then success; returns the delays slept. */
async function delaysFor({ server, sdk, fake }: Ctx, fault: { retryAfter?: string; retryAfterMs?: string; status?: 429 | 503 }): Promise<number[]> {
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', ...fault } });
  const me = await sdk.users.getMe();
  assert.is(me.email, 'alice@example.com');
  assert.is(server.requests.filter((r) => r.path === '/users/me').length, 2);
  return fake.sleeps;
}

const imf = (ms: number) => new Date(ms).toUTCString(); // "Thu, 15 Jan 2026 12:00:07 GMT"
function rfc850(ms: number): string {
  const d = new Date(ms);
  const day = d.toLocaleDateString('en-US', { weekday: 'long', timeZone: 'UTC' });
  const [, dd, mon, yyyy, time] = imf(ms).split(' ');
  return `${day}, ${dd}-${mon}-${String(yyyy).slice(2)} ${time} GMT`;
}
function asctime(ms: number): string {
  const [wkd, dd, mon, yyyy, time] = imf(ms).replace(',', '').split(' ');
  return `${wkd} ${mon} ${String(Number(dd)).padStart(2, ' ')} ${time} ${yyyy}`;
}

After('delta-seconds: the server’s delay is used as is', async (ctx) => {
  assert.equal(await delaysFor(ctx, { retryAfter: '7' }), [7000]);
});

After('jitter never shortens a server-given delay (and may lengthen it)', async (ctx) => {
  ctx.fake.random = 0.99; // backoff pick 990 ms < 1000 ms asked
  assert.equal(await delaysFor(ctx, { retryAfter: '1' }), [1000]);
  ctx.fake.sleeps.length = 0;
  ctx.server.requests.length = 0;
  assert.equal(await delaysFor(ctx, { retryAfter: '0' }), [990], 'Retry-After: 0 does not cause a hot loop');
});

After('retry-after-ms wins over Retry-After, on a 503 as well', async (ctx) => {
  assert.equal(await delaysFor(ctx, { retryAfterMs: '1500', retryAfter: '9', status: 503 }), [1500]);
});

After('HTTP-date in all three forms: IMF-fixdate, RFC 850, asctime', async (ctx) => {
  assert.equal(rfc850(T0 + 3000), 'Thursday, 15-Jan-26 12:00:03 GMT');
  assert.equal(asctime(T0 + 3000), 'Thu Jan 15 12:00:03 2026');
  for (const [form, offset] of [[imf, 4000], [rfc850, 3000], [asctime, 5000]] as const) {
    ctx.server.reset();
    ctx.fake.sleeps.length = 0;
    const now = ctx.fake.clock.now();
    assert.equal(await delaysFor(ctx, { retryAfter: form(now + offset) }), [offset], form.name);
  }
});

After('malformed values fall back to backoff: never NaN, never negative', async (ctx) => {
  // fake.random 0.5 → first retry's backoff is 500 ms.
  for (const value of ['-1', '1.5', 'soon', '', '7 seconds', 'Thu, 99 Jan 2026 12:00:00 GMT']) {
    ctx.server.reset();
    ctx.fake.sleeps.length = 0;
    assert.equal(await delaysFor(ctx, { retryAfter: value }), [500], JSON.stringify(value));
  }
});

After('a date in the past means "now": backoff decides', async (ctx) => {
  assert.equal(await delaysFor(ctx, { retryAfter: imf(ctx.fake.clock.now() - 3_600_000) }), [500]);
});

After('a delay beyond maxRetryAfterMs ends retrying: RATE_LIMITED carrying retryAfterMs', async ({ server, sdk, fake }) => {
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '99999999999' } });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'RATE_LIMITED');
  assert.is(error.retryAfterMs, 99_999_999_999_000);
  assert.is(error.attempts, 1);
  assert.equal(fake.sleeps, [], 'no unbounded sleep');

  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '61', status: 503 } });
  const down = await rejection(sdk.users.getMe());
  assert.is(down.type, 'SERVER');
  assert.is(down.retryAfterMs, 61_000);
  assert.equal(fake.sleeps, []);

  // Exactly the limit is still obeyed; the limit is an option.
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '60' } });
  await sdk.users.getMe();
  assert.equal(fake.sleeps, [60_000]);
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'rate-limit', retryAfter: '60' } });
  const strict = await rejection(sdk.users.getMe(undefined, { retry: { maxRetryAfterMs: 5000 } }));
  assert.is(strict.type, 'RATE_LIMITED');
});

After.run();
