/**
 * A call made under one session whose 401 arrives after the app signed in as someone else:
 * the token manager must not answer the 401 with the new session's tokens, or the call
 * (made for alice) would be replayed as bob and hand alice's screen bob's data.
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { isNetworkError } from '../../generated/v1/index.js';
import { ALICE, authSdk, hits } from './helpers.js';
import { within } from '../helpers/timed-suite.js';
import { gatedSleep } from '../helpers/gated-sleep.js';

const test = serverSuite('auth: a 401 after a sign-in as someone else');
const BOB = { email: 'bob@example.com', password: ALICE.password } as const;

// The first attempt answers 503 and the retry waits in a backoff the test ends by hand
// (gatedSleep): what happens to the session meanwhile decides what the retry's 401 leads to.
function retrying() {
  const gate = gatedSleep({ fromMs: 250, toMs: 500 });
  return { gate, options: { clock: { random: () => 0.99, sleep: gate.sleep }, retry: { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 500 } } as const };
}

/** Starts `call`; resolves once its first attempt was answered 503 and its retry waits in `gate`. */
async function inBackoff<T>(server: Parameters<Parameters<typeof test>[1]>[0]['server'], path: string, call: () => Promise<T>, gate: ReturnType<typeof gatedSleep>) {
  server.faults.add({ method: 'GET', path, fault: { type: 'status', status: 503 } });
  const settled = call().then((value) => ({ value }), (error: unknown) => ({ error }));
  await within(gate.asleep, "the retry's backoff");
  return { settled }; // wrapped: an async function returning the promise itself would wait for it
}

test("a 401 for alice's token after bob signed in fails UNAUTHORIZED; nothing is replayed with bob's token", async ({ server }) => {
  const { gate, options } = retrying();
  const { sdk, tokenStore } = authSdk(server, options);
  await sdk.auth.login({ body: ALICE });
  const alice = (await tokenStore.get())!.accessToken;
  const { settled } = await inBackoff(server, '/users/me', () => sdk.users.getMe(), gate);
  await sdk.auth.login({ body: BOB });
  server.tokens.expire(alice); // the retry, still carrying alice's token, gets a 401
  gate.release();
  const outcome = await settled;
  assert.ok('error' in outcome, `rejected, not answered with ${JSON.stringify('value' in outcome ? outcome.value : undefined)}`);
  assert.ok(isNetworkError(outcome.error) && outcome.error.type === 'UNAUTHORIZED', 'UNAUTHORIZED');
  const bob = (await tokenStore.get())!.accessToken;
  assert.not.ok(hits(server, 'GET', '/users/me').some((r) => r.headers['authorization'] === `Bearer ${bob}`), "no request with bob's token");
  assert.is(server.tokens.refreshCount, 0, "bob's session was not refreshed on alice's behalf");
  assert.is((await sdk.users.getMe()).email, BOB.email, "bob's session is untouched");
});

test('a 401 after another caller refreshed the same session still replays with the refreshed token', async ({ server }) => {
  const { gate, options } = retrying();
  const { sdk, tokenStore } = authSdk(server, options);
  await sdk.auth.login({ body: ALICE });
  const first = (await tokenStore.get())!.accessToken;
  const { settled } = await inBackoff(server, '/users/me', () => sdk.users.getMe(), gate);
  server.tokens.expire(first);
  assert.is((await sdk.users.getMe()).email, ALICE.email, 'a second call refreshes');
  assert.is(server.tokens.refreshCount, 1);
  gate.release();
  const outcome = await settled;
  assert.ok('value' in outcome && outcome.value.email === ALICE.email, 'the waiting call replays with the refreshed token');
  assert.is(server.tokens.refreshCount, 1, 'and does not refresh again');
});

test.run();
