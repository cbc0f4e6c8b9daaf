/** The reference server: login, refresh rotation and reuse detection, Bearer challenges, logout. */
import * as assert from 'uvu/assert';
import { backendSuite, call, conforms, createOrder, login, orderBody, send, spec, validate, type Json } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// auth

{
  let clock = Date.now();
  const { s, ctx } = backendSuite('auth', { now: () => clock });

  s('login issues opaque Bearer tokens and answers 401 to a wrong password', async () => {
    const ok = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'alice@example.com', password: 'password123' } });
    assert.is(ok.status, 200);
    conforms('login', 200, ok.body);
    assert.is(ok.body.tokenType, 'Bearer');
    assert.is(ok.body.expiresIn, 900);
    assert.is(ok.headers.get('cache-control'), 'no-store');
    const bad = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'alice@example.com', password: 'wrong-password' } });
    assert.is(bad.status, 401);
    assert.match(bad.headers.get('content-type') ?? '', 'application/problem+json');
    conforms('login', 401, bad.body);
    assert.is(ctx.server.ledger.count('login'), 1);
  });

  s('login validates its body (422 with pointers)', async () => {
    const r = await call(ctx.server, 'POST', '/auth/login', { json: { email: 'not-an-email', password: 'short' } });
    assert.is(r.status, 422);
    conforms('login', 422, r.body);
    assert.equal(r.body.errors.map((e: Json) => e.pointer).sort(), ['/email', '/password']);
  });

  s('refresh rotates: new refresh token each time, old one reused revokes the family', async () => {
    const first = await login(ctx.server);
    const r1 = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: first.refreshToken } });
    assert.is(r1.status, 200);
    conforms('refreshToken', 200, r1.body);
    assert.is.not(r1.body.refreshToken, first.refreshToken);
    assert.is.not(r1.body.accessToken, first.accessToken);
    assert.is(ctx.server.tokens.refreshCount, 1);

    const me = await call(ctx.server, 'GET', '/users/me', { token: r1.body.accessToken });
    assert.is(me.status, 200);

    // Reuse of the first refresh token: theft is assumed, the whole family dies.
    const reuse = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: first.refreshToken } });
    assert.is(reuse.status, 401);
    assert.is(reuse.body.error, 'invalid_grant');
    conforms('refreshToken', 401, reuse.body);
    const after = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: r1.body.refreshToken } });
    assert.is(after.status, 401);
    assert.is(after.body.error, 'invalid_grant');
    const meAfter = await call(ctx.server, 'GET', '/users/me', { token: r1.body.accessToken });
    assert.is(meAfter.status, 401);
    assert.is(ctx.server.tokens.refreshCount, 1);
    assert.equal(ctx.server.ledger.entries().map((e) => e.kind), ['login', 'refresh', 'revoke']);

    // Another login is unaffected.
    const other = await login(ctx.server);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: other.accessToken })).status, 200);
  });

  s('refresh with a malformed body answers OAuth invalid_request (400)', async () => {
    const missing = await call(ctx.server, 'POST', '/auth/refresh', { json: {} });
    assert.is(missing.status, 400);
    assert.is(missing.body.error, 'invalid_request');
    conforms('refreshToken', 400, missing.body);
    const unknown = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: 'rt_nope' } });
    assert.is(unknown.status, 401);
    assert.is(unknown.body.error, 'invalid_grant');
  });

  s('missing, unknown and expired access tokens answer 401 with a Bearer challenge', async () => {
    const none = await call(ctx.server, 'GET', '/users/me');
    assert.is(none.status, 401);
    assert.is(none.headers.get('www-authenticate'), 'Bearer realm="shop"');
    conforms('getMe', 401, none.body);
    const unknown = await call(ctx.server, 'GET', '/users/me', { token: 'at_nope' });
    assert.match(unknown.headers.get('www-authenticate') ?? '', 'error="invalid_token"');

    const tokens = await login(ctx.server);
    clock += 15 * 60 * 1000 + 1; // past the 15-minute access token lifetime
    const expired = await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken });
    assert.is(expired.status, 401);
    assert.match(expired.headers.get('www-authenticate') ?? '', /error="invalid_token".*expired/);
    const refreshed = await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } });
    assert.is(refreshed.status, 200);
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: refreshed.body.accessToken })).status, 200);
  });

  s('tokens.expireAll() expires access tokens but not refresh tokens', async () => {
    const tokens = await login(ctx.server);
    ctx.server.tokens.expireAll();
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken })).status, 401);
    assert.is((await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } })).status, 200);
  });

  s('logout revokes the family', async () => {
    const tokens = await login(ctx.server);
    const out = await call(ctx.server, 'POST', '/auth/logout', { token: tokens.accessToken });
    assert.is(out.status, 204);
    assert.is(out.text, '');
    assert.is((await call(ctx.server, 'GET', '/users/me', { token: tokens.accessToken })).status, 401);
    assert.is((await call(ctx.server, 'POST', '/auth/refresh', { json: { refreshToken: tokens.refreshToken } })).status, 401);
    assert.is(ctx.server.ledger.count('logout'), 1);
  });

  s.run();
}
