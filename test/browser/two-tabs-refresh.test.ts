/**
 * Real Chromium, scenario 3: two tabs sharing one session refresh the token once. Both tabs run
 * their own SDK over one IndexedDB token store; the server expires the access token; both call
 * at once, both see 401, both ask for the refresh lock. Web Locks (navigator.locks) are what
 * lets two tabs (two JS realms, no shared memory) take turns: the first refreshes, the second
 * re-reads the store under the lock and adopts the new tokens. With a lock per tab both would
 * spend the single-use refresh token and the server would revoke the session.
 *
 * The test holds the SDK's lock from a third tab while the two calls start, and releases it once
 * navigator.locks.query() shows both tabs waiting: the race is certain, not hoped for.
 */
import * as assert from 'uvu/assert';
import type { Page } from 'playwright-core';
import { REFRESH_LOCK_PREFIX } from '../../src/auth/token-manager.js';
import { browserSuite, openApp } from './harness/browser-suite.js';
import { eventually } from './harness/poll.js';

const test = browserSuite('browser: two tabs, one session, one refresh');

/** Takes the Web Lock `name` in `page` and keeps it until `releaseLock(page)`. */
async function holdLock(page: Page, name: string): Promise<void> {
  await page.evaluate(
    (lockName) =>
      new Promise<void>((held) => {
        void navigator.locks.request(lockName, () => new Promise<void>((release) => {
          (window as { releaseHeldLock?: () => void }).releaseHeldLock = release;
          held();
        }));
      }),
    name,
  );
}

async function releaseLock(page: Page): Promise<void> {
  await page.evaluate(() => (window as { releaseHeldLock?: () => void }).releaseHeldLock?.());
}

/** The distinct tabs (Web Locks client ids) waiting for `name`. */
function waitingTabs(page: Page, name: string): Promise<number> {
  return page.evaluate(async (lockName) => {
    const { pending = [] } = await navigator.locks.query();
    return new Set(pending.filter((lock) => lock.name === lockName).map((lock) => lock.clientId)).size;
  }, name);
}

test('two tabs hit an expired token at once: one refresh, both calls succeed, the session survives', async (ctx) => {
  const tabA = await openApp(ctx);
  const signIn = await tabA.evaluate(() => window.tether!.signIn('alice@example.com', 'password123'));
  assert.ok(signIn.ok, JSON.stringify(signIn));
  const tabB = await openApp(ctx);
  assert.equal(await tabB.evaluate(() => window.tether!.me()), { ok: true, value: ctx.server.seed.alice.id }, 'tab B shares the session');

  const lockName = `${REFRESH_LOCK_PREFIX}${new URL(ctx.server.url).origin}`;
  const holder = await openApp(ctx);
  await holdLock(holder, lockName);
  ctx.server.tokens.expireAll();
  const before = ctx.server.requests.length;

  const calls = Promise.all([tabA.evaluate(() => window.tether!.me()), tabB.evaluate(() => window.tether!.me())]);
  // Both tabs got their 401 and now wait for the refresh lock (polled in rounds of a DevTools round trip).
  await eventually(async () => (await waitingTabs(holder, lockName)) === 2, 'both tabs waiting for the refresh lock');
  await releaseLock(holder);

  const [a, b] = await calls;
  assert.equal(a, { ok: true, value: ctx.server.seed.alice.id });
  assert.equal(b, { ok: true, value: ctx.server.seed.alice.id });
  assert.is(ctx.server.tokens.refreshCount, 1, 'one refresh for two tabs');
  assert.is(ctx.server.ledger.count('revoke'), 0, 'the refresh token was never reused');

  const meCalls = ctx.server.requests.slice(before).filter((r) => r.path === '/users/me');
  const expired = meCalls.slice(0, 2).map((r) => r.headers['authorization']);
  assert.is(expired[0], expired[1], 'both tabs first sent the same (expired) token');
  const replays = meCalls.slice(2).map((r) => r.headers['authorization']);
  assert.is(replays.length, 2, 'each tab replayed its call once');
  assert.is(replays[0], replays[1], 'both replays carried the one refreshed token');
  assert.is.not(replays[0], expired[0]);
  assert.equal(await tabB.evaluate(() => window.tether!.me()), { ok: true, value: ctx.server.seed.alice.id }, 'the session goes on');
});

test.run();
