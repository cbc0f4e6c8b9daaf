/**
 * Tokens stay home: never sent to another origin (redirect target or absolute URL), a 401
 * from elsewhere never triggers a refresh, and nothing at debug level or in a NetworkError's
 * JSON carries an access or refresh token, through login, proactive and reactive refresh, a
 * retried refresh and session expiry.
 */
import { createAttempt } from '../../src/network/attempt.js';
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { memoryTokenStore, type TokenStore, type Tokens } from '../../generated/v1/index.js';
import { getMe } from '../../generated/v1/operations.js';
import { createPipeline } from '../../src/pipeline.js';
import { resolveSdkOptions } from '../../src/options.js';
import { rejection } from '../helpers/rejection.js';
import { context } from '../runtime/helpers/context.js';
import { withRawServer } from '../runtime/helpers/raw-server-suite.js';
import { json, type Handler, type TestServer as RawServer } from '../runtime/helpers/server.js';
import { ALICE, authSdk, hits, recorder } from './helpers.js';

/** Another origin that would love a token: it answers 401 with a Bearer challenge. */
const challenge: Handler = (_req, res) => {
  res.setHeader('www-authenticate', 'Bearer error="invalid_token"');
  json(res, 401, { error: 'invalid_token' });
};

const leaks = serverSuite<{ other: RawServer }>('auth: tokens never leave baseUrl’s origin, logs or errors');
// A raw server, not a second reference server: a foreign origin that is not the Shop API.
withRawServer(leaks, 'other', challenge);

/** A store that remembers every token it ever held. */
function recordingStore(): TokenStore & { seen: Set<string> } {
  const inner = memoryTokenStore();
  const seen = new Set<string>();
  return {
    seen,
    get: () => inner.get(),
    async set(tokens: Tokens | null) {
      if (tokens) for (const value of [tokens.accessToken, tokens.refreshToken]) if (value) seen.add(value);
      await inner.set(tokens);
    },
  };
}

leaks('a redirect to another origin after a refresh and replay carries no token', async ({ server, other }) => {
  const { sdk } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'expire-token' } });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 302, headers: { location: `${other.url}/users/me` } } });

  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'UNAUTHORIZED');
  assert.is(server.tokens.refreshCount, 1, 'the first 401 (ours) refreshed; the foreign one did not');
  assert.is(other.requests.length, 1);
  assert.is(other.requests[0]?.headers.authorization, undefined);
});

leaks('a 401 from a redirect target on another origin does not refresh', async ({ server, other }) => {
  const { sdk, tokenStore } = authSdk(server);
  await sdk.auth.login({ body: ALICE });
  const tokens = await tokenStore.get();
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 307, headers: { location: `${other.url}/me` } } });
  assert.is((await rejection(sdk.users.getMe())).type, 'UNAUTHORIZED');
  assert.is(hits(server, 'POST', '/auth/refresh').length, 0);
  assert.is(other.requests[0]?.headers.authorization, undefined);
  assert.equal(await tokenStore.get(), tokens);
});

leaks('an absolute URL to another origin gets no token and its 401 no refresh', async ({ server, other }) => {
  const tokenStore = memoryTokenStore();
  const { sdk } = authSdk(server, { tokenStore });
  await sdk.auth.login({ body: ALICE });
  const pipeline = createPipeline(resolveSdkOptions({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' }));
  const response = await pipeline(createAttempt(`${other.url}/users/me`), context({ meta: getMe }));
  assert.is(response.status, 401);
  await response.body?.cancel();
  assert.is(other.requests[0]?.headers.authorization, undefined);
  assert.is(hits(server, 'POST', '/auth/refresh').length, 0);
});

leaks('debug logs and error JSON of a whole session hold no token', async ({ server }) => {
  const log = recorder();
  const tokenStore = recordingStore();
  const expired: unknown[] = [];
  const { sdk } = authSdk(server, { tokenStore, logger: log, logLevel: 'debug', authExtra: { onSessionExpired: (event) => void expired.push(event) } });

  const answer = await sdk.auth.login({ body: ALICE });
  await sdk.users.getMe();
  // Proactive refresh.
  const current = await tokenStore.get();
  await tokenStore.set({ ...current!, expiresAt: 0 });
  await sdk.users.getMe();
  // Reactive refresh, the first refresh attempt answered 503 and retried.
  server.tokens.expireAll();
  server.faults.add({ method: 'POST', path: '/auth/refresh', fault: { type: 'status', status: 503 } });
  await sdk.orders.listOrders();
  // Replay refused again.
  server.faults.add({ method: 'GET', path: '/users/me', times: 2, fault: { type: 'expire-token' } });
  const refused = await rejection(sdk.users.getMe());
  // Session expiry.
  server.tokens.revokeAll();
  const ended = await rejection(sdk.users.getMe());
  assert.is(ended.type, 'UNAUTHORIZED');
  assert.is(expired.length, 1);
  await sdk.auth.login({ body: ALICE });
  await sdk.auth.logout();

  const secrets = [...tokenStore.seen, answer.accessToken, answer.refreshToken];
  assert.ok(secrets.length >= 8, `tokens seen: ${secrets.length}`);
  assert.ok(log.lines.some((line) => line.message.includes('/auth/refresh')), 'refreshes were logged');
  const text = log.text();
  const errors = [refused, ended].map((error) => `${JSON.stringify(error)} ${error.message} ${String(error.stack)}`).join('\n');
  const event = JSON.stringify(expired);
  for (const secret of secrets) {
    assert.not.ok(text.includes(secret), `a log line holds ${secret.slice(0, 6)}…`);
    assert.not.ok(errors.includes(secret), `an error holds ${secret.slice(0, 6)}…`);
    assert.not.ok(event.includes(secret), `the expiry event holds ${secret.slice(0, 6)}…`);
  }
});

leaks.run();
