/** The token manager, the refresh lock and tokensFromResponse, each isolated from the network. */
import { createAttempt } from '../../src/network/attempt.js';
import { test, until, within } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { defaultRefreshLock, localLock } from '../../src/auth/refresh-lock.js';
import { SessionExpiredError } from '../../src/auth/session.js';
import { createTokenManager, type RefreshTokens } from '../../src/auth/token-manager.js';
import { tokensFromResponse } from '../../src/auth/tokens-from-response.js';
import { NetworkError } from '../../src/errors/network-error.js';
import { auth } from '../../src/auth/middleware.js';
import { memoryTokenStore, type TokenStore, type Tokens } from '../../src/auth/token-store.js';
import type { FetchLike } from '../../src/network/types.js';
import { resolveSdkOptions } from '../../src/options.js';
import { context } from '../runtime/helpers/context.js';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

function manager(store: TokenStore, refresh: RefreshTokens | undefined, extra: { now?: () => number; onSessionExpired?: () => void } = {}) {
  return createTokenManager({
    tokenStore: store,
    refresh: () => refresh,
    refreshSkewMs: 60_000,
    onSessionExpired: extra.onSessionExpired,
    lock: (task) => task(),
    now: extra.now ?? (() => 1_000_000),
    log: quiet,
  });
}

const rejected = (status: number) => new NetworkError({ type: status === 401 ? 'UNAUTHORIZED' : 'CLIENT', summary: 'refresh refused', method: 'POST', url: 'https://api.example.com/auth/refresh', status });

test('tokensFromResponse: camelCase or snake_case, expiresAt from the send time, refresh token kept when not rotated', () => {
  assert.equal(tokensFromResponse({ accessToken: 'a', refreshToken: 'r', expiresIn: 900 }, 1000), { accessToken: 'a', refreshToken: 'r', expiresAt: 901_000 });
  assert.equal(tokensFromResponse({ access_token: 'a', expires_in: 60 }, 0, { accessToken: 'old', refreshToken: 'keep' }), { accessToken: 'a', refreshToken: 'keep', expiresAt: 60_000 });
  assert.equal(tokensFromResponse({ accessToken: 'a' }, 0), { accessToken: 'a', refreshToken: undefined, expiresAt: undefined });
  assert.is(tokensFromResponse({ token: 'a' }, 0), null);
  assert.is(tokensFromResponse('a', 0), null);
});

test('localLock runs tasks for one key one at a time, in order, also after a failure', async () => {
  const key = {};
  const order: string[] = [];
  const task = (name: string, fail = false) => async () => {
    order.push(`${name}+`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    order.push(`${name}-`);
    if (fail) throw new Error(name);
    return name;
  };
  const results = await Promise.allSettled([localLock(key, task('a', true)), localLock(key, task('b')), localLock({}, task('c'))]);
  assert.equal(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled']);
  assert.ok(order.indexOf('b+') > order.indexOf('a-'), 'b waited for a');
  assert.ok(order.indexOf('c+') < order.indexOf('a-'), 'another key does not wait');
});

test('defaultRefreshLock uses Web Locks when the platform has them (looked up per call), else the local lock', async () => {
  const requested: string[] = [];
  const locks = {
    request: async <T>(name: string, options: { mode: string }, task: () => Promise<T>) => {
      requested.push(`${name}:${options.mode}`);
      return task();
    },
  };
  const lock = defaultRefreshLock({}, 'tether.auth.refresh:https://api.example.com');
  assert.is(await lock(async () => 1), 1);
  assert.equal(requested, [], 'no navigator.locks here: the local lock ran it');
  const had = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { locks }, configurable: true, writable: true });
  try {
    assert.is(await lock(async () => 2), 2);
  } finally {
    if (had) Object.defineProperty(globalThis, 'navigator', had);
    else delete (globalThis as { navigator?: unknown }).navigator;
  }
  assert.equal(requested, ['tether.auth.refresh:https://api.example.com:exclusive']);
});

test('a custom refresh returning null ends the session once; waiting callers get SessionExpiredError', async () => {
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
  let expired = 0;
  let calls = 0;
  const tokens = manager(store, async () => {
    calls += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    return null;
  }, { onSessionExpired: () => void (expired += 1) });
  const stale = (await store.get())!;
  const outcomes = await Promise.allSettled([1, 2, 3].map(() => tokens.refreshAfterRejection(stale)));
  assert.ok(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof SessionExpiredError));
  assert.is(calls, 1);
  assert.is(expired, 1);
  assert.is(await store.get(), null);
});

test('400 and 401 from the refresh are terminal; other failures keep the session', async () => {
  for (const status of [400, 401]) {
    const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
    const error = await manager(store, async () => { throw rejected(status); }).refreshAfterRejection((await store.get())!).catch((e: unknown) => e);
    assert.instance(error, SessionExpiredError);
    assert.is(((error as SessionExpiredError).reason as NetworkError).status, status, 'the refresh error is kept as the reason');
    assert.is(await store.get(), null, String(status));
  }
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
  const failure = new NetworkError({ type: 'SERVER', summary: 'down', method: 'POST', url: 'https://api.example.com/auth/refresh', status: 503 });
  const error = await manager(store, async () => { throw failure; }).refreshAfterRejection((await store.get())!).catch((e: unknown) => e);
  assert.is(error, failure);
  assert.ok(await store.get());
});

test('proactive refresh: a transient failure inside the skew window sends the still-valid token', async () => {
  let now = 1_000_000;
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r', expiresAt: now + 30_000 });
  const down = new Error('offline');
  const tokens = manager(store, async () => { throw down; }, { now: () => now });
  assert.is((await tokens.tokensForRequest())?.accessToken, 'a');
  now += 31_000; // really expired now
  assert.is(await tokens.tokensForRequest().catch((e: unknown) => e), down);
});

test('another holder refreshed meanwhile: its token is adopted without a second refresh', async () => {
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
  let calls = 0;
  const tokens = manager(store, async () => {
    calls += 1;
    return { accessToken: 'x', refreshToken: 'y' };
  });
  const stale = (await store.get())!;
  await store.set({ accessToken: 'b', refreshToken: 'r2' });
  assert.is((await tokens.refreshAfterRejection(stale)).accessToken, 'b');
  assert.is(calls, 0);
});

test("a 401 is never answered with another user's tokens: JWT subjects, a sign-in here, a sign-in during the refresh", async () => {
  const jwt = (sub: string, n: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub, n })).toString('base64url')}.sig`;
  let calls = 0;
  const refresh: RefreshTokens = async () => {
    calls += 1;
    return { accessToken: jwt('alice', 99), refreshToken: 'r9' };
  };
  // Stored by the app itself (an OAuth flow): the JWT's subject tells whose it is.
  const store = memoryTokenStore({ accessToken: jwt('alice', 1), refreshToken: 'r1' });
  const tokens = manager(store, refresh);
  const stale = (await store.get())!;
  await store.set({ accessToken: jwt('bob', 1), refreshToken: 'rb' });
  assert.instance(await tokens.refreshAfterRejection(stale).catch((e: unknown) => e), SessionExpiredError, "bob's JWT does not answer alice's 401");
  await store.set({ accessToken: jwt('alice', 2), refreshToken: 'r2' });
  assert.is((await tokens.refreshAfterRejection(stale)).accessToken, jwt('alice', 2), "alice's own newer token does (another tab's refresh)");
  // Alice signing in again through the SDK: still alice, so her call may go on with the new token.
  await tokens.signIn({ accessToken: jwt('alice', 3), refreshToken: 'r3' });
  assert.is((await tokens.refreshAfterRejection(stale)).accessToken, jwt('alice', 3));
  assert.is(calls, 0);

  // Opaque tokens from a sign-in through this manager start a new session.
  const opaque = memoryTokenStore({ accessToken: 'a1', refreshToken: 'r1' });
  const here = manager(opaque, refresh);
  const before = (await opaque.get())!;
  await here.signIn({ accessToken: 'b1', refreshToken: 'rb' });
  assert.instance(await here.refreshAfterRejection(before).catch((e: unknown) => e), SessionExpiredError);
  assert.is((await opaque.get())?.accessToken, 'b1', 'the new session is untouched');
  // The app calling the refresh operation itself continues the session.
  const mine = (await opaque.get())!;
  await here.signIn({ accessToken: 'b2', refreshToken: 'rb2' }, true);
  assert.is((await here.refreshAfterRejection(mine)).accessToken, 'b2');

  // A sign-in landing while the refresh runs: its tokens are not handed to the waiting call.
  const racing = memoryTokenStore({ accessToken: 'c1', refreshToken: 'rc' });
  let during!: ReturnType<typeof manager>;
  during = manager(racing, async () => {
    await during.signIn({ accessToken: 'd1', refreshToken: 'rd' });
    return { accessToken: 'c2', refreshToken: 'rc2' };
  });
  assert.instance(await during.refreshAfterRejection((await racing.get())!).catch((e: unknown) => e), SessionExpiredError);
  assert.is((await racing.get())?.accessToken, 'd1');
});

test('a skew longer than the token lifetime is reported once', async () => {
  const warnings: string[] = [];
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r', expiresAt: 0 });
  const tokens = createTokenManager({
    tokenStore: store,
    refresh: () => async () => ({ accessToken: 'b', refreshToken: 'r2', expiresAt: 1_000_000 + 30_000 }),
    refreshSkewMs: 60_000,
    onSessionExpired: undefined,
    lock: (task) => task(),
    now: () => 1_000_000,
    log: { ...quiet, warn: (message: string) => void warnings.push(message) },
  });
  await tokens.tokensForRequest();
  await tokens.tokensForRequest();
  assert.is(warnings.length, 1);
  assert.match(warnings[0] ?? '', /refreshSkewMs/);
});

test('a sign-out during the refresh wins: the fresh tokens are not stored', async () => {
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
  const tokens = manager(store, async () => {
    await store.set(null);
    return { accessToken: 'x', refreshToken: 'y' };
  });
  assert.instance(await tokens.refreshAfterRejection((await store.get())!).catch((e: unknown) => e), SessionExpiredError);
  assert.is(await store.get(), null);
});

test('a caller aborting while it waits for a shared refresh gets CANCELLED; the refresh goes on', async () => {
  const store = memoryTokenStore({ accessToken: 'a', refreshToken: 'r' });
  let finish!: (tokens: Tokens) => void;
  const tokens = manager(store, () => new Promise<Tokens>((resolve) => (finish = resolve)));
  let refused = 0;
  const next: FetchLike = async (request) => {
    const stale = request.headers.get('authorization') === 'Bearer a';
    if (stale) refused += 1;
    return new Response(null, { status: stale ? 401 : 204 });
  };
  const fetch = auth({ tokens, baseUrl: 'https://api.example.com' })(next);
  const controller = new AbortController();
  const secured = { security: [['bearerAuth']] };
  const aborted = fetch(createAttempt('https://api.example.com/x'), context({ meta: secured, signal: controller.signal }));
  const patient = fetch(createAttempt('https://api.example.com/y'), context({ meta: secured }));
  // Aborted once both were refused and the one refresh has started: both now wait on it.
  await until(() => refused === 2 && finish !== undefined, 'both 401s and the shared refresh');
  controller.abort();
  const error = await aborted.catch((e: unknown) => e);
  assert.is((error as NetworkError).type, 'CANCELLED');
  finish({ accessToken: 'b', refreshToken: 'r2' });
  assert.is((await within(patient, 'the waiting request to be replayed with the fresh token')).status, 204);
  assert.is((await store.get())?.accessToken, 'b');
});

test('auth options are validated; refreshSkewMs defaults to 60 s', () => {
  const base = { baseUrl: 'https://api.example.com', auth: { tokenStore: memoryTokenStore() } };
  assert.is(resolveSdkOptions(base).auth?.refreshSkewMs, 60_000);
  assert.is(resolveSdkOptions({ ...base, auth: { ...base.auth, refreshSkewMs: 0 } }).auth?.refreshSkewMs, 0);
  assert.throws(() => resolveSdkOptions({ ...base, auth: { ...base.auth, refreshSkewMs: -1 } }), /refreshSkewMs/);
  assert.throws(() => resolveSdkOptions({ ...base, auth: { ...base.auth, refresh: 'no' as never } }), /auth\.refresh must be a function/);
  assert.throws(() => resolveSdkOptions({ ...base, auth: { ...base.auth, onSessionExpired: 1 as never } }), /onSessionExpired/);
});

test.run();
