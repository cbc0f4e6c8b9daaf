/**
 * Where credentials must never go (issue #17): a redirect to another origin (a second
 * test/server on another port) receives none of them, query API keys included, while a
 * same-origin hop keeps them; and no log line, NetworkError message or JSON ever holds one.
 * The SDK is generated from test/fixtures/wire/security.yaml into a scratch folder.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as assert from 'uvu/assert';
import { generate } from '../../scripts/codegen/generate.js';
import { recorder } from '../helpers/log-recorder.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { rejection } from '../helpers/rejection.js';
import { serverSuite, type ServerContext } from '../helpers/server-suite.js';
import { withRawServer } from '../runtime/helpers/raw-server-suite.js';
import { json, startServer as startRawServer, type Handler, type TestServer as RawServer } from '../runtime/helpers/server.js';
import type { EchoReply } from '../server/routes/echo.js';
import type { SdkOptions } from '../types/generated-security/index.js';

type Generated = typeof import('../types/generated-security/index.js');

interface Ctx extends ServerContext {
  /** The foreign origin a redirect points to: answers like /__echo, with what arrived. */
  foreign: RawServer;
  sdkModule: Generated;
}

const SECRETS = {
  header: 'hdr-SECRET-1a2b',
  query: 'qry-SECRET-3c4d',
  cookie: 'ck-SECRET-5e6f',
  password: 'pw-SECRET-7a8b',
  token: 'tok-SECRET-9c0d',
  custom: 'tk-SECRET-1e2f',
};
const basic = Buffer.from(`user:${SECRETS.password}`).toString('base64');
const ALL = [...Object.values(SECRETS), basic];

// Generating the SDK (openapi-typescript, validators) takes a few seconds on a busy machine.
const safety = serverSuite<Omit<Ctx, keyof ServerContext>>('wire: security safety', { timeoutMs: 60_000 });

/** /__echo's answer (rawPath, rawQuery, headers) from the raw foreign origin. */
const echoing: Handler = (req, res, body) => {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const reply: EchoReply = {
    method: req.method ?? '',
    rawPath: q === -1 ? raw : raw.slice(0, q),
    rawQuery: q === -1 ? '' : raw.slice(q + 1),
    headers: { ...req.headers },
    contentType: req.headers['content-type'],
    bodyBase64: Buffer.from(body, 'utf8').toString('base64'),
  };
  json(res, 200, reply);
};
withRawServer(safety, 'foreign', echoing);

safety.before(async (ctx) => {
  const out = join(await scratch('wire-security-safety'), 'sdk');
  await generate({ spec: join(root, 'test/fixtures/wire/security.yaml'), out, runtimeDir: join(root, 'src') });
  ctx.sdkModule = (await import(pathToFileURL(join(out, 'index.ts')).href)) as Generated;
});
safety.after(async () => {
  await cleanScratch('wire-security-safety');
});

/** Every credential kind configured, logging off unless `extra` says otherwise. */
function options(ctx: Ctx, extra: Partial<SdkOptions> = {}): Omit<SdkOptions, 'baseUrl'> {
  return {
    logLevel: 'off',
    retry: false,
    auth: { tokenStore: ctx.sdkModule.memoryTokenStore({ accessToken: SECRETS.token }) },
    credentials: { partnerKey: SECRETS.header, queryKey: SECRETS.query, cookieKey: SECRETS.cookie, basicAuth: { username: 'user', password: SECRETS.password }, tokenAuth: SECRETS.custom },
    ...extra,
  };
}
safety('a redirect to another origin carries no credential of any kind; a same-origin one keeps them', async (ctx) => {
  const sdk = ctx.sdkModule.createSdk({ baseUrl: `${ctx.server.url}/__redirect`, ...options(ctx) });

  const away = (await sdk.default.go({ params: { query: { to: `${ctx.foreign.url}/__echo/landed`, page: 3 } } })) as unknown as EchoReply;
  assert.is(away.rawPath, '/__echo/landed');
  assert.is(away.headers['x-partner-key'], undefined);
  assert.is(away.headers['authorization'], undefined);
  assert.is(away.headers['cookie'], undefined);
  // The server copied the query over; our key was dropped, its other parameter kept.
  assert.is(away.rawQuery, 'page=3');

  const home = (await sdk.default.go({ params: { query: { to: `${ctx.server.url}/__echo/home`, page: 4 } } })) as unknown as EchoReply;
  assert.is(home.headers['x-partner-key'], SECRETS.header);
  assert.is(home.headers['authorization'], `Bearer ${SECRETS.token}`);
  assert.is(home.headers['cookie'], `partner_session=${SECRETS.cookie}`);
  assert.match(home.rawQuery, new RegExp(`pk=${SECRETS.query}`));
});

safety('no log line, error message or error JSON holds a credential', async (ctx) => {
  const log = recorder();
  const sdk = ctx.sdkModule.createSdk({ baseUrl: `${ctx.server.url}/__echo`, ...options(ctx, { logger: log, logLevel: 'debug' }) });
  // Every kind of credential goes out once, logged at debug with headers and URL.
  await sdk.default.combined();
  await sdk.default.cookieKey();
  await sdk.default.basic();
  await sdk.default.customHttp();
  await sdk.default.queryKey({ params: { query: { page: 1 } } });

  // Failures after sending: a redirect route refusing (400) with the query key in the URL,
  // and a connection refused with every credential attached.
  const viaRedirect = ctx.sdkModule.createSdk({ baseUrl: `${ctx.server.url}/__redirect`, ...options(ctx, { logger: log, logLevel: 'debug' }) });
  const refused = await rejection(viaRedirect.default.go({ params: { query: { to: 'not a url' } } }));
  assert.is(refused.type, 'CLIENT');
  // A port nothing listens on any more: a connection refused.
  const gone = await startRawServer();
  await gone.close();
  const offline = ctx.sdkModule.createSdk({ baseUrl: `${gone.url}/__echo`, ...options(ctx, { logger: log, logLevel: 'debug' }) });
  const lost = await rejection(offline.default.combined());
  assert.is(lost.type, 'CONNECTION');
  // A credential the platform refuses, before sending.
  const bad = ctx.sdkModule.createSdk({ baseUrl: `${ctx.server.url}/__echo`, ...options(ctx, { logger: log, logLevel: 'debug', credentials: { partnerKey: `${SECRETS.header}\n` } }) });
  const invalid = await rejection(bad.default.globalDefault());
  assert.is(invalid.type, 'VALIDATION');

  assert.ok(log.lines.some((line) => line.fields?.['headers'] !== undefined), 'headers were logged (redacted)');
  const text = [log.text(), ...[refused, lost, invalid].flatMap((e) => [e.message, JSON.stringify(e), String(e.stack)])].join('\n');
  for (const secret of ALL) assert.not.ok(text.includes(secret), `leaked ${secret}`);
  assert.ok(text.includes('x-partner-key'), 'the header name is still there, its value masked');
});

safety.run();
