/**
 * Proactive refresh is driven by `expiresAt`, computed from the server's relative `expiresIn`
 * on the device's own clock, so a device clock minutes off still refreshes on time: before
 * the server would refuse the token, and not on every call.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';
import { ALICE, authSdk, hits, instantClock } from './helpers.js';

const TTL_MS = 5 * 60_000;
const TEN_MINUTES = 10 * 60_000;

// The server's clock is `ctx.clock`, advanced by the test; the device's is that plus an offset.
const skew = serverSuite('auth: proactive refresh with a device clock 10 minutes off', { server: { accessTokenTtlMs: TTL_MS }, clock: 'manual' });

for (const offset of [TEN_MINUTES, -TEN_MINUTES]) {
  skew(`device clock ${offset > 0 ? 'ahead' : 'behind'} by 10 minutes`, async ({ server, clock: time }) => {
    const { sdk, tokenStore } = authSdk(server, { clock: { ...instantClock, now: () => time.now + offset } });
    await sdk.auth.login({ body: ALICE });
    const stored = await tokenStore.get();
    assert.is(stored?.expiresAt, time.now + offset + TTL_MS, 'expiresAt is on the device clock');

    // Fresh token: used as is, however wrong the device clock.
    await sdk.users.getMe();
    time.now += 2 * 60_000;
    await sdk.users.getMe();
    assert.is(server.tokens.refreshCount, 0);

    // Inside the skew window (60 s before expiry): refreshed before sending, no 401 seen.
    time.now += TTL_MS - 2 * 60_000 - 30_000;
    await sdk.users.getMe();
    assert.is(server.tokens.refreshCount, 1);
    const after = await tokenStore.get();
    assert.is(after?.expiresAt, time.now + offset + TTL_MS);
    const me = hits(server, 'GET', '/users/me');
    assert.is(me.length, 3, 'three calls, three requests: none was refused and replayed');
    assert.is(me[2]?.headers['authorization'], `Bearer ${after?.accessToken}`);

    // The new token is again good for its whole life.
    time.now += 60_000;
    await sdk.users.getMe();
    assert.is(server.tokens.refreshCount, 1);
  });
}

skew.run();
