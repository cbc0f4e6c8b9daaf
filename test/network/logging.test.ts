/**
 * Logging against real loopback servers: a full signed-in flow at debug level leaks no
 * secret, redaction rules (headers, query, fields, free text) hold, and logLevel filters.
 */
import { createAttempt } from '../../src/network/attempt.js';
import type { Attempt } from '../../src/network/types.js';
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import {
  DEFAULT_REDACT_HEADERS,
  createSdk,
  memoryTokenStore,
  NetworkError,
  type Logger,
  type LogLevel,
} from '../../generated/v1/index.js';
import { createLog, logging } from '../../src/network/logging.js';
import { transport } from '../../src/network/transport.js';
import { createRedaction, redactLogUrl, redactText } from '../../src/network/redact.js';
import { resolveSdkOptions } from '../../src/options.js';
import { createPipeline } from '../../src/pipeline.js';
import { context } from '../runtime/helpers/context.js';
import { withRawServer } from '../runtime/helpers/raw-server-suite.js';
import { startServer as startPlainServer, type TestServer as PlainServer } from '../runtime/helpers/server.js';
import { rejection } from '../helpers/rejection.js';
import { recorder } from '../helpers/log-recorder.js';
import { signedInSdk } from '../e2e/helpers.js';
import { serverSuite } from '../helpers/server-suite.js';

const newOrder = {
  items: [{ sku: 'MUG-LOGO', quantity: 1 }],
  shippingAddress: { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
};

const flow = serverSuite('logging: full flow against test/server');

flow('debug logs of login, getMe, createOrder and a 401 hold no token, password or cookie', async ({ server }) => {
  const log = recorder();
  const tokenStore = memoryTokenStore();
  const sdk = createSdk({
    baseUrl: server.url,
    auth: { tokenStore },
    logger: log,
    logLevel: 'debug',
    headers: { Cookie: 'session=cookie-secret-123', 'X-API-Key': 'api-key-secret-456' },
  });
  const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  // Without a refresh token the expired access token ends in a plain 401 (refresh is in test/auth/).
  await tokenStore.set({ accessToken: tokens.accessToken });
  await sdk.users.getMe();
  await sdk.orders.createOrder({ body: newOrder });
  server.tokens.expireAll();
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'UNAUTHORIZED');

  // The token really was sent (so the log saw it) and the flow was logged.
  const sentAuth = server.requests.filter((r) => r.headers.authorization === `Bearer ${tokens.accessToken}`);
  assert.ok(sentAuth.length >= 3, 'the bearer token went out with the secured calls');
  const text = log.text();
  for (const secret of [tokens.accessToken, tokens.refreshToken, 'password123', 'cookie-secret-123', 'api-key-secret-456']) {
    assert.not.ok(text.includes(secret), `a log line contains ${secret.slice(0, 12)}…`);
  }
  assert.match(text, /POST .*\/auth\/login/);
  assert.match(text, /GET .*\/users\/me/);
  assert.match(text, /POST .*\/orders/);
  assert.ok(text.includes('[REDACTED]'), 'redacted values are marked, not dropped silently');
  assert.ok(DEFAULT_REDACT_HEADERS.includes('x-api-key'), 'the default list is public');

  // Each attempt: method, URL, attempt, status, duration, request id at debug.
  const answered = log.lines.find((line) => line.level === 'debug' && line.fields?.['status'] === 200);
  assert.ok(answered, 'a debug line per answered attempt');
  assert.is(answered.fields?.['method'], 'POST');
  assert.is(answered.fields?.['attempt'], 1);
  assert.type(answered.fields?.['durationMs'], 'number');
  assert.type(answered.fields?.['requestId'], 'string');
  const sentHeaders = log.lines.find((line) => line.message.startsWith('[tether] → GET'))?.fields?.['headers'] as Record<string, string>;
  assert.is(sentHeaders['authorization'], '[REDACTED]');
  assert.is(sentHeaders['cookie'], '[REDACTED]');
  assert.is(sentHeaders['x-api-key'], '[REDACTED]');

  // The 401: an answer about the request the app handles, so nothing above debug: the attempt
  // and the call's outcome are debug lines.
  assert.is(log.lines.filter((line) => line.level !== 'debug').length, 0);
  assert.ok(log.lines.some((line) => line.level === 'debug' && /call failed: Request failed with status 401/.test(line.message)));
  assert.ok(log.lines.some((line) => line.level === 'debug' && line.fields?.['status'] === 401));
});

flow('retries are logged through the same log (delay, reason) without secrets', async ({ server }) => {
  const log = recorder();
  const tokenStore = memoryTokenStore();
  const sdk = createSdk({
    baseUrl: server.url,
    auth: { tokenStore },
    logger: log,
    logLevel: 'debug',
    clock: { sleep: async () => {}, random: () => 0.5 },
  });
  const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  await tokenStore.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  await sdk.users.getMe();
  const attempts = log.lines.filter((line) => line.message.startsWith('[tether] ← ') && line.message.includes('GET'));
  assert.equal(attempts.map((line) => [line.fields?.['attempt'], line.fields?.['status']]), [[1, 503], [2, 200]]);
  assert.ok(log.lines.some((line) => line.level === 'warn' && typeof line.fields?.['delayMs'] === 'number'), 'the retry layer logs its delay');
  const text = log.text();
  for (const secret of [tokens.accessToken, tokens.refreshToken, 'password123']) assert.not.ok(text.includes(secret));
});

flow('the NetworkError of a 401 serialises without the token, also when a URL carried one', async ({ server }) => {
  const tokenStore = memoryTokenStore();
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off' });
  const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  // Without a refresh token the expired access token ends in a plain 401 (refresh is in test/auth/).
  await tokenStore.set({ accessToken: tokens.accessToken });
  server.tokens.expireAll();
  const error = await rejection(sdk.users.getMe());
  for (const text of [JSON.stringify(error), error.message, String(error.stack)]) {
    assert.not.ok(text.includes(tokens.accessToken));
    assert.not.ok(text.includes(tokens.refreshToken));
  }
  // A token in the query (e.g. an SSE URL) never reaches the message or the JSON.
  const queried = new NetworkError({ type: 'UNAUTHORIZED', summary: 'x', method: 'get', url: `${server.url}/x?access_token=${tokens.accessToken}` });
  assert.not.ok(JSON.stringify(queried).includes(tokens.accessToken));
  assert.not.ok(queried.message.includes(tokens.accessToken));
});

flow('platform error messages quoting a secret are scrubbed from NetworkError JSON and logs', async ({ server }) => {
  // A token the platform rejects as a header value: undici's TypeError quotes the value.
  const log = recorder();
  const tokenStore = memoryTokenStore();
  await tokenStore.set({ accessToken: 'bad-token-secret\u0000', refreshToken: 'r' });
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, logger: log, logLevel: 'debug' });
  const error = await rejection(sdk.users.getMe());
  // Refused before fetch could throw a TypeError that would pass for a lost connection.
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.is(error.attempts, 0);
  assert.not.ok(error.message.includes('bad-token-secret'));
  assert.not.ok(JSON.stringify(error).includes('bad-token-secret'));
  assert.not.ok(log.text().includes('bad-token-secret'));

  // undici quotes a URL with credentials it refuses.
  const cause = new TypeError(`Request cannot be constructed from a URL that includes credentials: https://u:pw-secret@x.test/?access_token=qs-secret`);
  const wrapped = new NetworkError({ type: 'UNKNOWN', summary: 'x', method: 'get', url: 'https://x.test/', cause });
  const json = JSON.stringify(wrapped);
  assert.not.ok(json.includes('pw-secret'));
  assert.not.ok(json.includes('qs-secret'));
  assert.match(json, /includes credentials: https:\/\/x\.test\//);
});

flow('the app’s own redactHeaders (a name no built-in rule masks) stay out of logs, errors and error logs', async ({ server }) => {
  // X-Partner-Credential is neither a default credential header nor a secret-looking name, so
  // only the app's redactHeaders option can mask it.
  assert.not.ok(DEFAULT_REDACT_HEADERS.includes('x-partner-credential'));
  const log = recorder();
  const { sdk } = await signedInSdk(server, 'alice@example.com', {
    logger: log,
    logLevel: 'debug',
    redactHeaders: ['X-Partner-Credential'],
    headers: { 'X-Partner-Credential': 'partner-secret-req', 'X-Trace': 'trace-visible' },
    retry: { maxRetries: 1, baseDelayMs: 1 },
  });
  server.faults.add({
    method: 'GET',
    path: '/users/me',
    times: Infinity,
    fault: { type: 'status', status: 503, headers: { 'X-Partner-Credential': 'partner-secret-res' }, body: { message: 'down' } },
  });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'SERVER');
  assert.is(error.attempts, 2);
  assert.is(server.requests.at(-1)?.headers['x-partner-credential'], 'partner-secret-req', 'redaction is for logs only');
  const text = log.text();
  for (const secret of ['partner-secret-req', 'partner-secret-res']) {
    assert.not.ok(text.includes(secret), `${secret} in the log`);
    assert.not.ok(error.message.includes(secret), `${secret} in the error message`);
    assert.not.ok(JSON.stringify(error).includes(secret), `${secret} in the error JSON`);
  }
  const sent = log.lines.find((line) => line.message.includes('→ GET'));
  const answered = log.lines.find((line) => line.fields?.['status'] === 503);
  assert.is((sent?.fields?.['headers'] as Record<string, string> | undefined)?.['x-partner-credential'], '[REDACTED]', 'the name stays, the value is masked');
  assert.is((sent?.fields?.['headers'] as Record<string, string> | undefined)?.['x-trace'], 'trace-visible', 'other headers stay readable');
  assert.is((answered?.fields?.['headers'] as Record<string, string> | undefined)?.['x-partner-credential'], '[REDACTED]');
  assert.ok(log.lines.some((line) => line.message.includes('call failed')), 'the failure itself was logged');
});

flow('the app’s own redactHeaders stay out of the log of a call that fails without an answer', async ({ server }) => {
  const log = recorder();
  const { sdk } = await signedInSdk(server, 'alice@example.com', {
    logger: log,
    logLevel: 'debug',
    redactHeaders: ['x-partner-credential'],
    headers: { 'X-PARTNER-CREDENTIAL': 'partner-secret-conn' },
    retry: { maxRetries: 0 },
  });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'reset-before' } });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'CONNECTION');
  assert.ok(log.lines.some((line) => line.message.includes('✕')), 'the failed attempt was logged');
  assert.ok(log.text().includes('x-partner-credential'), 'the header name is logged');
  assert.not.ok(log.text().includes('partner-secret-conn'));
  assert.not.ok(JSON.stringify(error).includes('partner-secret-conn'));
});

const units = suite<{ server: PlainServer }>('logging: redaction and levels');
// A raw server: an answer carrying secrets in Set-Cookie and the body, which no real route gives.
withRawServer(units, 'server', (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': 'sid=set-cookie-secret', 'x-request-id': 'req-42' });
  res.end('{"accessToken":"body-secret"}');
});

function sdkPipeline(server: PlainServer, log: Logger, extra: { logLevel?: LogLevel; redactHeaders?: string[]; redactQueryParams?: string[] } = {}) {
  const options = resolveSdkOptions({ baseUrl: server.url, logger: log, logLevel: extra.logLevel ?? 'debug', ...extra });
  const pipeline = createPipeline(options);
  return (request: Attempt) => pipeline(request, { ...context(), log: options.log });
}

units('custom redactHeaders are masked (any case), response Set-Cookie too, bodies never logged', async ({ server }) => {
  const log = recorder();
  const send = sdkPipeline(server, log, { redactHeaders: ['X-Session-Secret'] });
  const response = await send(createAttempt(`${server.url}/a`, { headers: { 'x-session-SECRET': 'custom-secret-1', 'x-trace': 'visible-1' } }));
  await response.text();
  const text = log.text();
  assert.not.ok(text.includes('custom-secret-1'));
  assert.not.ok(text.includes('set-cookie-secret'));
  assert.not.ok(text.includes('body-secret'));
  assert.ok(text.includes('visible-1'), 'other headers stay readable');
  assert.ok(server.requests.at(-1)?.headers['x-session-secret'] === 'custom-secret-1', 'redaction is for logs only');
  const answer = log.lines.find((line) => line.fields?.['status'] === 200);
  assert.is(answer?.fields?.['requestId'], 'req-42');
});

units('secret query parameters are redacted in fields and messages; others kept', async ({ server }) => {
  const log = recorder();
  const send = sdkPipeline(server, log, { redactQueryParams: ['session'] });
  const url = `${server.url}/b?limit=2&access_token=qs-secret-1&Signature=qs-secret-2&code=qs-secret-3&session=qs-secret-4&api_key=qs-secret-5`;
  await (await send(createAttempt(url))).text();
  const text = log.text();
  for (const secret of ['qs-secret-1', 'qs-secret-2', 'qs-secret-3', 'qs-secret-4', 'qs-secret-5']) {
    assert.not.ok(text.includes(secret), secret);
  }
  assert.ok(text.includes('limit=2'));
  assert.ok(text.includes('access_token=[REDACTED]'));
});

units('logLevel filters: warn (default) hides debug; off hides everything; attempts stay at debug', async ({ server }) => {
  const quiet = recorder();
  await (await sdkPipeline(server, quiet, { logLevel: 'warn' })(createAttempt(`${server.url}/c`))).text();
  assert.is(quiet.lines.length, 0, 'a 200 at warn level logs nothing');

  const off = recorder();
  const down = await startPlainServer((_req, res) => {
    res.writeHead(503).end();
  });
  try {
    await (await sdkPipeline(down, off, { logLevel: 'off' })(createAttempt(`${down.url}/d`))).text();
    assert.is(off.lines.length, 0);
    // A failed attempt alone is not an event at warn: the retry line or the call's outcome
    // line says it once (see hostile-logs.test.ts); its details are debug.
    const warned = recorder();
    await (await sdkPipeline(down, warned, { logLevel: 'warn' })(createAttempt(`${down.url}/d`))).text();
    assert.is(warned.lines.length, 0);
    const debugged = recorder();
    await (await sdkPipeline(down, debugged, { logLevel: 'debug' })(createAttempt(`${down.url}/d`))).text();
    assert.ok(debugged.lines.some((line) => line.level === 'debug' && line.fields?.['status'] === 503));
  } finally {
    await down.close();
  }
  assert.is(resolveSdkOptions({ baseUrl: server.url }).log === undefined, false);
  assert.throws(() => resolveSdkOptions({ baseUrl: server.url, logLevel: 'verbose' as LogLevel }), /logLevel must be one of/);
  assert.throws(() => resolveSdkOptions({ baseUrl: server.url, logger: {} as Logger }), /logger must have/);
});

units('a connection failure attempt is logged at debug with the error, and a throwing logger breaks nothing', async () => {
  const closed = await startPlainServer();
  const url = closed.url;
  await closed.close();
  const log = recorder();
  const redaction = createRedaction();
  // The real transport against a closed port: a CONNECTION NetworkError, passed on unchanged.
  const layer = logging()(transport());
  const ctx = { ...context(), log: createLog({ logger: log, level: 'debug', redaction }) };
  const failure = await rejection(layer(createAttempt(`${url}/x`, { headers: { authorization: 'Bearer t0ken-secret' } }), ctx));
  assert.ok(failure instanceof NetworkError);
  assert.is(failure.type, 'CONNECTION');
  const logged = log.lines.find((line) => line.level === 'debug' && line.fields?.['error'] !== undefined);
  assert.is((logged?.fields?.['error'] as { type?: string } | undefined)?.type, 'CONNECTION', 'the failed attempt is logged with its error');
  assert.ok(logged?.message.includes('failed without a response'));
  // A layer below failing with something that is not the network: logged, and passed on as is.
  const odd = new TypeError('fetch failed');
  const oddLog = recorder();
  const oddLayer = logging()(() => Promise.reject(odd));
  const thrown = await oddLayer(createAttempt(`${url}/z`), { ...context(), log: createLog({ logger: oddLog, level: 'debug', redaction }) }).then(
    () => assert.unreachable('the attempt resolved'),
    (error: unknown) => error,
  );
  assert.is(thrown, odd);
  assert.ok(oddLog.lines.some((line) => (line.fields?.['error'] as { message?: string } | undefined)?.message === 'fetch failed'));
  assert.not.ok(log.text().includes('t0ken-secret'));

  const throwing = createLog({ logger: { ...log, debug: () => { throw new Error('logger down'); } }, level: 'debug', redaction });
  const ok = logging()(async () => new Response('{}'));
  const response = await ok(createAttempt(`${url}/y`), { ...context(), log: throwing });
  assert.is(response.status, 200);
});

units('redaction helpers: fields named like secrets, Bearer in text, URL credentials', () => {
  const log = recorder();
  const redaction = createRedaction();
  createLog({ logger: log, level: 'debug', redaction }).info('got Bearer abc.def.ghi from https://u:p@x.test/p?token=t1#frag', {
    accessToken: 'f-secret-1',
    nested: { refresh_token: 'f-secret-2', password: 'f-secret-3', note: 'Authorization: Bearer f-secret-4' },
    list: [{ apiKey: 'f-secret-5' }],
    targetUrl: 'https://x.test/cb?code=f-secret-6&state=ok',
    count: 3,
  });
  const text = log.text();
  for (const secret of ['abc.def.ghi', 'u:p@', 't1', 'frag', 'f-secret-1', 'f-secret-2', 'f-secret-3', 'f-secret-4', 'f-secret-5', 'f-secret-6']) {
    assert.not.ok(text.includes(secret), secret);
  }
  assert.ok(text.includes('state=ok'));
  assert.ok(text.includes('"count":3'));
  assert.is(redactLogUrl('/rel?key=1&x=2', redaction), '/rel?key=[REDACTED]&x=2');
  assert.is(redactText('Basic dXNlcjpwYXNz'), 'Basic [REDACTED]');
});

flow.run();
units.run();
