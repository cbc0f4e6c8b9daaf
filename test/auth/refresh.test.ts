/**
 * Refresh against test/server, whose refresh tokens rotate and whose reuse detection revokes
 * the whole family: a refresh race would show up as a `revoke` in the ledger and a dead session.
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { memoryStorage, memoryTokenStore, storageTokenStore, type SessionExpiredEvent } from '../../generated/v1/index.js';
import { rejection } from '../helpers/rejection.js';
import { ALICE, authSdk, hits, instantClock } from './helpers.js';

const refresh = serverSuite('auth: refresh and replay against test/server');

refresh('login stores the tokens with expiresAt from expiresIn; logout clears them', async ({ server }) => {
  // The device clock, injected and still: expiresAt is exactly its now plus expiresIn.
  const now = Date.now();
  const { sdk, tokenStore } = authSdk(server, { clock: { ...instantClock, now: () => now } });
  const answer = await sdk.auth.login({ body: ALICE });
  const stored = await tokenStore.get();
  assert.is(stored?.accessToken, answer.accessToken);
  assert.is(stored?.refreshToken, answer.refreshToken);
  assert.is(stored?.expiresAt, now + answer.expiresIn * 1000);
  assert.is((await sdk.users.getMe()).email, ALICE.email);

  await sdk.auth.logout();
  assert.is(await tokenStore.get(), null);
  assert.is(server.ledger.count('logout'), 1);
});

refresh('50 concurrent calls with a token the server expired: one refresh, 50 successes', async ({ server }) => {
  const { sdk, tokenStore } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  const first = await tokenStore.get();
  server.tokens.expireAll();

  const results = await Promise.all(Array.from({ length: 50 }, () => sdk.users.getMe()));
  assert.is(results.length, 50);
  assert.ok(results.every((me) => me.email === ALICE.email));
  assert.is(server.tokens.refreshCount, 1);
  assert.is(hits(server, 'POST', '/auth/refresh').length, 1);
  assert.is(server.ledger.count('revoke'), 0);
  // Each call: at most the 401 and the replay.
  assert.ok(hits(server, 'GET', '/users/me').length <= 100);
  const now = await tokenStore.get();
  assert.is.not(now?.accessToken, first?.accessToken);
  assert.is.not(now?.refreshToken, first?.refreshToken);
});

refresh('the replay after a 401 is sent fresh: the new token, a request id of its own, no attempt header', async ({ server }) => {
  const { sdk } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  server.tokens.expireAll();
  assert.is((await sdk.users.getMe({ headers: { 'X-Custom': 'kept' } })).email, ALICE.email);
  const [rejected, replay] = hits(server, 'GET', '/users/me');
  assert.ok(rejected && replay);
  assert.is.not(replay.headers['authorization'], rejected.headers['authorization']);
  assert.ok(replay.headers['x-request-id'] && replay.headers['x-request-id'] !== rejected.headers['x-request-id']);
  assert.is(replay.headers['x-tether-attempt'], undefined);
  assert.is(replay.headers['x-custom'], 'kept');
});

refresh('50 concurrent calls with a token known to be expired: one proactive refresh, no 401 at all', async ({ server }) => {
  const { sdk, tokenStore } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  const tokens = await tokenStore.get();
  await tokenStore.set({ ...tokens!, expiresAt: Date.now() - 1000 });
  server.tokens.expireAll();
  server.requests.length = 0;

  const results = await Promise.all(Array.from({ length: 50 }, () => sdk.users.getMe()));
  assert.ok(results.every((me) => me.email === ALICE.email));
  assert.is(server.tokens.refreshCount, 1);
  assert.is(hits(server, 'GET', '/users/me').length, 50, 'every call sent once, with the fresh token');
});

refresh('one SDK instance, 20 concurrent 401s and a lock that excludes nothing: still one refresh', async ({ server }) => {
  // The lock is for other instances (tabs, SDKs sharing a store); within one instance the
  // refresh must be single-flight on its own. A lock that lets everyone through (an app's own
  // `lock`, a platform's non-exclusive one) shows how many refreshes this instance started.
  let entered = 0;
  const { sdk, tokenStore } = authSdk(server, {
    authExtra: {
      lock: (task) => {
        entered += 1;
        return task();
      },
    },
  });
  await sdk.auth.login({ body: ALICE });
  server.tokens.expireAll();

  const results = await Promise.all(Array.from({ length: 20 }, () => sdk.users.getMe()));
  assert.ok(results.every((me) => me.email === ALICE.email));
  assert.is(entered, 1, 'the instance started one refresh');
  assert.is(server.tokens.refreshCount, 1);
  assert.is(hits(server, 'POST', '/auth/refresh').length, 1);
  assert.is(server.ledger.count('revoke'), 0);
  assert.ok(await tokenStore.get(), 'the session is alive');
});

refresh('two SDK instances sharing a store, expiring together: one refresh, the family is not revoked', async ({ server }) => {
  const tokenStore = memoryTokenStore();
  const a = authSdk(server, { tokenStore }).sdk;
  const b = authSdk(server, { tokenStore }).sdk;
  await a.auth.login({ body: ALICE });
  server.tokens.expireAll();

  const calls = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).users.getMe());
  const results = await Promise.all(calls);
  assert.ok(results.every((me) => me.email === ALICE.email));
  assert.is(server.tokens.refreshCount, 1);
  assert.is(server.ledger.count('revoke'), 0);
  // The session is still alive for both.
  await a.orders.listOrders();
  await b.orders.listOrders();
});

refresh('two SDKs, each with its own storageTokenStore over one storage entry: one refresh, no revoke', async ({ server }) => {
  const storage = memoryStorage();
  const a = authSdk(server, { tokenStore: storageTokenStore(storage) }).sdk;
  const b = authSdk(server, { tokenStore: storageTokenStore(storage) }).sdk;
  await a.auth.login({ body: ALICE });
  server.tokens.expireAll();

  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).users.getMe()));
  assert.ok(results.every((me) => me.email === ALICE.email));
  assert.is(server.tokens.refreshCount, 1);
  assert.is(server.ledger.count('revoke'), 0);
});

refresh('refresh succeeds but the resource keeps answering 401: ≤2 hits and 1 refresh per call, then UNAUTHORIZED', async ({ server }) => {
  const { sdk, tokenStore } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  server.faults.add({ method: 'GET', path: '/users/me', times: Infinity, fault: { type: 'expire-token' } });

  for (let call = 1; call <= 2; call++) {
    const error = await rejection(sdk.users.getMe());
    assert.is(error.type, 'UNAUTHORIZED');
    assert.is(error.status, 401);
    assert.is(hits(server, 'GET', '/users/me').length, 2 * call);
    assert.is(server.tokens.refreshCount, call);
  }
  assert.ok(await tokenStore.get(), 'a refreshable session is kept: the resource, not the session, refused');
  assert.is(server.ledger.count('revoke'), 0);
});

refresh('invalid_grant: tokens cleared, onSessionExpired once, every waiting call UNAUTHORIZED', async ({ server }) => {
  const expired: SessionExpiredEvent[] = [];
  const { sdk, tokenStore } = authSdk(server, { authExtra: { onSessionExpired: (event) => void expired.push(event) } });
  await sdk.auth.login({ body: ALICE });
  server.tokens.revokeAll();

  const errors = await Promise.all(Array.from({ length: 10 }, () => rejection(sdk.users.getMe())));
  assert.ok(errors.every((error) => error.type === 'UNAUTHORIZED'));
  assert.is(await tokenStore.get(), null);
  assert.is(expired.length, 1);
  // Typed: a NetworkError (no cast needed) and why the session ended.
  assert.is(expired[0]?.reason, 'refresh-rejected');
  const cause = expired[0]?.error;
  assert.is(cause?.status, 401);
  assert.is((cause?.data as { error?: string } | undefined)?.error, 'invalid_grant');
  assert.is(hits(server, 'POST', '/auth/refresh').length, 1);

  // Later calls go out without a token and fail plainly; no second announcement.
  assert.is((await rejection(sdk.users.getMe())).type, 'UNAUTHORIZED');
  assert.is(expired.length, 1);
  // A new sign-in starts a session that works (and could expire again).
  await sdk.auth.login({ body: ALICE });
  assert.is((await sdk.users.getMe()).email, ALICE.email);
});

refresh('a reused refresh token ends the session (the server revokes the family)', async ({ server }) => {
  const expired: unknown[] = [];
  const { sdk, tokenStore } = authSdk(server, { authExtra: { onSessionExpired: (event) => void expired.push(event) } });
  await sdk.auth.login({ body: ALICE });
  const spent = await tokenStore.get();
  server.tokens.expireAll();
  await sdk.users.getMe(); // rotates
  await tokenStore.set(spent); // e.g. a backup restored the old entry
  server.tokens.expireAll();
  assert.is((await rejection(sdk.users.getMe())).type, 'UNAUTHORIZED');
  assert.is(server.ledger.count('revoke'), 1);
  assert.is(await tokenStore.get(), null);
  assert.is(expired.length, 1);
});

refresh('refresh answers 503 then 200: retried with backoff, the session survives', async ({ server }) => {
  const expired: unknown[] = [];
  const { sdk, tokenStore } = authSdk(server, { authExtra: { onSessionExpired: () => void expired.push(1) } });
  await sdk.auth.login({ body: ALICE });
  server.tokens.expireAll();
  server.faults.add({ method: 'POST', path: '/auth/refresh', fault: { type: 'status', status: 503 } });
  server.faults.add({ method: 'POST', path: '/auth/refresh', fault: { type: 'reset-before' } });

  assert.is((await sdk.users.getMe()).email, ALICE.email);
  assert.is(hits(server, 'POST', '/auth/refresh').length, 3);
  assert.is(server.tokens.refreshCount, 1);
  assert.ok(await tokenStore.get());
  assert.is(expired.length, 0);
});

refresh('refresh failing with 5xx beyond the retries: the call fails SERVER, the session is kept', async ({ server }) => {
  const expired: unknown[] = [];
  const { sdk, tokenStore } = authSdk(server, { authExtra: { onSessionExpired: () => void expired.push(1) } });
  await sdk.auth.login({ body: ALICE });
  const tokens = await tokenStore.get();
  server.tokens.expireAll();
  server.faults.add({ method: 'POST', path: '/auth/refresh', times: 4, fault: { type: 'status', status: 503 } });

  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'SERVER');
  assert.equal(await tokenStore.get(), tokens);
  assert.is(expired.length, 0);
  // The next call refreshes with the same, still valid refresh token.
  assert.is((await sdk.users.getMe()).email, ALICE.email);
  assert.is(server.ledger.count('revoke'), 0);
});

for (const error of ['insufficient_scope', 'invalid_request']) {
  refresh(`a 401 whose Bearer challenge says error="${error}" is not an expired token: no refresh, no replay`, async ({ server }) => {
    // RFC 6750 §3.1: a new token cannot fix these, so refreshing would only rotate tokens.
    const { sdk, tokenStore } = authSdk(server);
    await sdk.auth.login({ body: ALICE });
    const before = await tokenStore.get();
    server.faults.add({
      method: 'GET',
      path: '/users/me',
      fault: { type: 'status', status: 401, headers: { 'www-authenticate': `Bearer realm="shop", error="${error}", error_description="not for you"` }, body: { error } },
    });
    const failure = await rejection(sdk.users.getMe());
    assert.is(failure.type, 'UNAUTHORIZED');
    assert.is(failure.status, 401);
    assert.is(failure.attempts, 1);
    assert.is((failure.data as { error?: string } | undefined)?.error, error, 'the server’s answer, as it is');
    assert.is(hits(server, 'GET', '/users/me').length, 1, 'not replayed');
    assert.is(hits(server, 'POST', '/auth/refresh').length, 0);
    assert.is(server.tokens.refreshCount, 0);
    assert.equal(await tokenStore.get(), before, 'the session is untouched');
    assert.is((await sdk.users.getMe()).email, ALICE.email, 'and still works');
  });
}

refresh('a 403 with error="insufficient_scope" is FORBIDDEN as is, never a refresh', async ({ server }) => {
  const { sdk } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  server.faults.add({
    method: 'GET',
    path: '/users/me',
    fault: { type: 'status', status: 403, headers: { 'www-authenticate': 'Bearer error="insufficient_scope", scope="admin"' } },
  });
  const failure = await rejection(sdk.users.getMe());
  assert.is(failure.type, 'FORBIDDEN');
  assert.is(failure.status, 403);
  assert.is(hits(server, 'POST', '/auth/refresh').length, 0);
});

for (const [label, challenge] of [
  ['error="invalid_token" after error_description', 'Bearer realm="shop", error_description="The access token expired", error="invalid_token"'],
  ['error=invalid_token unquoted, any case', 'bearer ERROR=invalid_token'],
  ['a challenge without an error', 'Bearer realm="shop"'],
] as const) {
  refresh(`a 401 whose challenge has ${label} is a refused token: one refresh, one replay`, async ({ server }) => {
    const { sdk } = authSdk(server);
    await sdk.auth.login({ body: ALICE });
    server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 401, headers: { 'www-authenticate': challenge } } });
    assert.is((await sdk.users.getMe()).email, ALICE.email);
    assert.is(hits(server, 'GET', '/users/me').length, 2);
    assert.is(server.tokens.refreshCount, 1);
  });
}

refresh('403 never refreshes', async ({ server }) => {
  const { sdk } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  const error = await rejection(sdk.users.getUser({ params: { path: { userId: server.seed.bob.id } } }));
  assert.is(error.type, 'FORBIDDEN');
  assert.is(hits(server, 'POST', '/auth/refresh').length, 0);
});

refresh('the app calling the refresh operation itself stores the rotated tokens', async ({ server }) => {
  const { sdk, tokenStore } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  const before = await tokenStore.get();
  const answer = await sdk.auth.refreshToken({ body: { refreshToken: before!.refreshToken! } });
  assert.is((await tokenStore.get())?.refreshToken, answer.refreshToken);
  server.tokens.expireAll();
  assert.is((await sdk.users.getMe()).email, ALICE.email);
  assert.is(server.ledger.count('revoke'), 0);
});

refresh.run();
