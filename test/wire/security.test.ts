/**
 * Security schemes on the wire (issue #17): an SDK generated from test/fixtures/wire/security.yaml
 * into a scratch folder, called against test/server's raw echo, asserting exactly which
 * credentials arrive: API keys in header, query and cookie, HTTP Basic, bearer / OAuth 2 /
 * OpenID Connect tokens, another HTTP scheme, alternatives, combined requirements, optional
 * and `security: []`, missing and unusable credentials.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as assert from 'uvu/assert';
import { generate } from '../../scripts/codegen/generate.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { rejection } from '../helpers/rejection.js';
import { serverSuite, type ServerContext } from '../helpers/server-suite.js';
import type { EchoReply } from '../server/routes/echo.js';
import { memoryTokenStore, type Sdk, type SdkOptions } from '../types/generated-security/index.js';

type Generated = typeof import('../types/generated-security/index.js');

interface Ctx extends ServerContext {
  sdkModule: Generated;
}

// Generating the SDK (openapi-typescript, validators) takes a few seconds on a busy machine.
const wire = serverSuite<{ sdkModule: Generated }>('wire: security schemes', { timeoutMs: 60_000 });

wire.before(async (ctx) => {
  const out = join(await scratch('wire-security'), 'sdk');
  await generate({ spec: join(root, 'test/fixtures/wire/security.yaml'), out, runtimeDir: join(root, 'src') });
  ctx.sdkModule = (await import(pathToFileURL(join(out, 'index.ts')).href)) as Generated;
});
wire.after(async () => {
  await cleanScratch('wire-security');
});

/** An SDK of the fixture spec against the echo, logging off. */
function sdkOf(ctx: Ctx, options: Omit<SdkOptions, 'baseUrl'> = {}): Sdk {
  return ctx.sdkModule.createSdk({ baseUrl: `${ctx.server.url}/__echo`, logLevel: 'off', retry: false, ...options });
}

/** The credential-bearing parts of what arrived. */
function seen(reply: unknown) {
  const echo = reply as EchoReply;
  return {
    key: echo.headers['x-partner-key'],
    authorization: echo.headers['authorization'],
    cookie: echo.headers['cookie'],
    query: echo.rawQuery,
  };
}

const basicOf = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

wire('apiKey in a header, a query parameter (encoded) and a cookie', async (ctx) => {
  const sdk = sdkOf(ctx, { credentials: { partnerKey: 'hdr-secret', queryKey: 'q/k+1=', cookieKey: 'ck-secret' } });
  assert.equal(seen(await sdk.default.globalDefault()), { key: 'hdr-secret', authorization: undefined, cookie: undefined, query: '' });
  assert.equal(seen(await sdk.default.queryKey({ params: { query: { page: 2 } } })), { key: undefined, authorization: undefined, cookie: undefined, query: 'page=2&pk=q%2Fk%2B1%3D' });
  assert.equal(seen(await sdk.default.cookieKey()), { key: undefined, authorization: undefined, cookie: 'partner_session=ck-secret', query: '' });
});

wire('HTTP Basic (UTF-8), another HTTP scheme, and the token schemes through the token store', async (ctx) => {
  const tokenStore = memoryTokenStore({ accessToken: 'tok-1' });
  const sdk = sdkOf(ctx, { auth: { tokenStore }, credentials: { basicAuth: { username: 'ali', password: 'pä:ss' }, tokenAuth: 'tk-9' } });
  assert.is(seen(await sdk.default.basic()).authorization, basicOf('ali', 'pä:ss'));
  assert.is(seen(await sdk.default.customHttp()).authorization, 'Token tk-9');
  for (const call of [sdk.default.bearer, sdk.default.oauth, sdk.default.oidc]) assert.is(seen(await call()).authorization, 'Bearer tok-1');
});

wire('alternatives: the first one whose credentials are configured', async (ctx) => {
  const keyOnly = sdkOf(ctx, { credentials: { partnerKey: 'k1' } });
  assert.equal(seen(await keyOnly.default.alternatives()), { key: 'k1', authorization: undefined, cookie: undefined, query: '' });
  const basicAndKey = sdkOf(ctx, { credentials: { partnerKey: 'k1', basicAuth: { username: 'u', password: 'p' } } });
  assert.equal(seen(await basicAndKey.default.alternatives()), { key: undefined, authorization: basicOf('u', 'p'), cookie: undefined, query: '' });
  const all = sdkOf(ctx, { auth: { tokenStore: memoryTokenStore({ accessToken: 'tok-2' }) }, credentials: { partnerKey: 'k1', basicAuth: { username: 'u', password: 'p' } } });
  assert.equal(seen(await all.default.alternatives()), { key: undefined, authorization: 'Bearer tok-2', cookie: undefined, query: '' });
});

wire('combined requirements send every scheme together; optional and `security: []`', async (ctx) => {
  const sdk = sdkOf(ctx, { auth: { tokenStore: memoryTokenStore({ accessToken: 'tok-3' }) }, credentials: { partnerKey: 'k2', queryKey: 'q2', cookieKey: 'c2' } });
  assert.equal(seen(await sdk.default.combined()), { key: 'k2', authorization: 'Bearer tok-3', cookie: undefined, query: 'pk=q2' });
  assert.is(seen(await sdk.default.optional()).key, 'k2');
  assert.equal(seen(await sdk.default.publicPing()), { key: undefined, authorization: undefined, cookie: undefined, query: '' });
  // Without the key, the optional operation goes anonymous rather than failing.
  assert.equal(seen(await sdkOf(ctx).default.optional()), { key: undefined, authorization: undefined, cookie: undefined, query: '' });
});

wire('a token scheme without a signed-in session is sent without it (the server answers); a static one missing fails first', async (ctx) => {
  // No auth at all: the bearer operation goes out bare, as before schemes were known.
  assert.is(seen(await sdkOf(ctx).default.bearer()).authorization, undefined);
  // Combined with a missing static key: VALIDATION, never sent, naming the operation and scheme.
  const error = await rejection(sdkOf(ctx, { auth: { tokenStore: memoryTokenStore() } }).default.combined());
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.match(error.message, /default\.combined/);
  assert.match(error.message, /"partnerKey" \(apiKey in header X-Partner-Key\) \+ "queryKey" \(apiKey in query pk\)/);
  const either = await rejection(sdkOf(ctx).default.eitherKey());
  assert.is(either.type, 'VALIDATION');
  assert.match(either.message, /one of: "partnerKey" \(apiKey in header X-Partner-Key\); "basicAuth" \(HTTP Basic\); set options\.credentials\.partnerKey/);
  // An alternative holding only a token scheme is acceptable without a session: sent bare.
  assert.is(seen(await sdkOf(ctx).default.alternatives()).authorization, undefined);
});

wire('credential functions (sync and async) are called per request, so keys rotate', async (ctx) => {
  let n = 0;
  const sdk = sdkOf(ctx, {
    credentials: {
      partnerKey: () => `rot-${++n}`,
      queryKey: async () => 'async-q',
      basicAuth: async () => ({ username: 'fn', password: 'pw' }),
    },
  });
  assert.is(seen(await sdk.default.globalDefault()).key, 'rot-1');
  assert.is(seen(await sdk.default.globalDefault()).key, 'rot-2');
  assert.is(seen(await sdk.default.queryKey()).query, 'pk=async-q');
  assert.is(seen(await sdk.default.basic()).authorization, basicOf('fn', 'pw'));
});

wire('a failing provider or an unsendable value is VALIDATION naming the scheme, never the value', async (ctx) => {
  const boom = new Error('keychain locked');
  const failing = await rejection(sdkOf(ctx, { credentials: { partnerKey: () => { throw boom; } } }).default.globalDefault());
  assert.is(failing.type, 'VALIDATION');
  assert.is(failing.cause, boom);
  assert.match(failing.message, /"partnerKey"/);
  const rejected = await rejection(sdkOf(ctx, { credentials: { partnerKey: async () => Promise.reject(boom) } }).default.globalDefault());
  assert.is(rejected.type, 'VALIDATION');
  for (const [credentials, op] of [
    [{ partnerKey: 'line\r\nX-Evil: 1' }, 'globalDefault'],
    [{ cookieKey: 'a;evil=1' }, 'cookieKey'],
    [{ basicAuth: { username: 'a:b', password: 'secret-pw' } }, 'basic'],
    [{ partnerKey: '' }, 'globalDefault'],
  ] as const) {
    const sdk = sdkOf(ctx, { credentials });
    const error = await rejection(sdk.default[op]());
    assert.is(error.type, 'VALIDATION', op);
    assert.is(error.attempts, 0);
    assert.not.ok(/evil|secret-pw/i.test(error.message + JSON.stringify(error)), error.message);
  }
});

wire('what the app sets itself is left alone, and satisfies the requirement', async (ctx) => {
  const sdk = sdkOf(ctx, { credentials: { partnerKey: 'configured' } });
  assert.is(seen(await sdk.default.globalDefault({ headers: { 'X-Partner-Key': 'per-call' } })).key, 'per-call');
  const bare = sdkOf(ctx);
  assert.is(seen(await bare.default.globalDefault({ headers: { 'X-Partner-Key': 'own' } })).key, 'own');
  assert.is(seen(await bare.default.basic({ headers: { Authorization: 'Basic b3du' } })).authorization, 'Basic b3du');
});

wire('createSdk refuses credentials for schemes the spec lacks or that are tokens', (ctx) => {
  const bad = (credentials: Record<string, unknown>) => () => ctx.sdkModule.createSdk({ baseUrl: ctx.server.url, credentials } as unknown as SdkOptions);
  assert.throws(bad({ partnerkey: 'x' }), (e: unknown) => e instanceof TypeError && /no security scheme named "partnerkey"/.test(e.message));
  assert.throws(bad({ bearerAuth: 'x' }), (e: unknown) => e instanceof TypeError && /auth\.tokenStore/.test(e.message));
  assert.throws(bad({ basicAuth: 'user:pass' }), (e: unknown) => e instanceof TypeError && /\{ username, password \}/.test(e.message));
  assert.throws(bad({ partnerKey: 42 }), TypeError);
});

wire.run();
