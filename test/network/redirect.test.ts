/**
 * Redirects followed by the SDK, against two real loopback origins (two node:http servers on
 * different ports): credentials stay on their origin, methods are rewritten per Fetch, loops
 * end. The https→http and browser (opaque redirect) cases isolate the layer with an injected
 * next, since there is no TLS server or browser here.
 */
import { createAttempt } from '../../src/network/attempt.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createSdk, memoryTokenStore } from '../../generated/v1/index.js';
import { createPipeline } from '../../src/pipeline.js';
import { createRedaction } from '../../src/network/redact.js';
import { redirect } from '../../src/network/redirect.js';
import type { Attempt, FetchLike } from '../../src/network/types.js';
import { resolveSdkOptions, type SdkOptions } from '../../src/options.js';
import { context } from '../runtime/helpers/context.js';
import { withRawServer } from '../runtime/helpers/raw-server-suite.js';
import { json, type TestServer } from '../runtime/helpers/server.js';
import { rejection } from '../helpers/rejection.js';

function moved(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-type': 'text/plain' });
  res.end('moved');
}

const user = { id: 'a11ce000-0000-4000-8000-000000000001', email: 'alice@example.com', name: 'Alice', role: 'customer' };
const TOKEN = 'access-token-secret-1';

// Raw servers, not the reference one: the redirects under test are hand-made answers (any
// status, any Location, method and body echoed back) that no real API route gives.
const hops = suite<{ a: TestServer; b: TestServer }>('redirect: two loopback origins');
withRawServer(hops, 'a');
withRawServer(hops, 'b', (_req, res) => json(res, 200, user));

async function sdkFor(server: TestServer, extra: Partial<SdkOptions> = {}) {
  const tokenStore = memoryTokenStore();
  await tokenStore.set({ accessToken: TOKEN, refreshToken: 'refresh-secret-1' });
  return createSdk({
    baseUrl: server.url,
    auth: { tokenStore },
    logLevel: 'off',
    // The hand-written fixtures here are not full spec objects; redirects are under test.
    validate: 'off',
    headers: { Cookie: 'sid=cookie-secret', 'X-API-Key': 'key-secret', 'X-Partner-Credential': 'partner-secret', 'X-Trace': 'trace-1' },
    redactHeaders: ['X-Partner-Credential'],
    ...extra,
  });
}

hops('a same-origin redirect keeps Authorization and the other headers', async ({ a }) => {
  a.handle((req: IncomingMessage, res) => (req.url === '/users/me' ? moved(res, 302, '/users/me/moved') : json(res, 200, user)));
  const sdk = await sdkFor(a);
  const me = await sdk.users.getMe();
  assert.is(me.email, 'alice@example.com');
  assert.is(a.requests.length, 2);
  assert.is(a.requests[1]?.url, '/users/me/moved');
  assert.is(a.requests[1]?.headers.authorization, `Bearer ${TOKEN}`);
  assert.is(a.requests[1]?.headers['x-api-key'], 'key-secret');
});

hops('a cross-origin redirect strips Authorization, Cookie, X-API-Key and redactHeaders', async ({ a, b }) => {
  a.handle((_req, res) => moved(res, 302, `${b.url}/elsewhere`));
  const sdk = await sdkFor(a);
  const me = await sdk.users.getMe();
  assert.is(me.id, user.id);
  assert.is(a.requests[0]?.headers.authorization, `Bearer ${TOKEN}`, 'the first hop had them all');
  assert.is(a.requests[0]?.headers.cookie, 'sid=cookie-secret');
  const got = b.requests[0]?.headers;
  assert.ok(got, 'the second origin was reached');
  assert.is(got.authorization, undefined);
  assert.is(got.cookie, undefined);
  assert.is(got['x-api-key'], undefined);
  assert.is(got['x-partner-credential'], undefined);
  assert.is(got['x-trace'], 'trace-1', 'ordinary headers still travel');
});

hops('303 after a POST becomes a GET without body or Content-Type', async ({ a }) => {
  a.handle((req, res) => (req.method === 'POST' ? moved(res, 303, '/result/1') : json(res, 200, { ok: true })));
  const send = pipelineFor(a);
  const response = await send(createAttempt(`${a.url}/jobs`, { method: 'POST', body: '{"n":1}', headers: { 'content-type': 'application/json' } }));
  assert.equal(await response.json(), { ok: true });
  assert.is(a.requests[1]?.method, 'GET');
  assert.is(a.requests[1]?.url, '/result/1');
  assert.is(a.requests[1]?.body, '');
  assert.is(a.requests[1]?.headers['content-type'], undefined);
});

hops('301/302 turn a POST into a GET; 307/308 keep method and body; 303 keeps a HEAD', async ({ a }) => {
  a.handle((req, res) => {
    const match = /^\/s(\d{3})$/.exec(req.url ?? '');
    if (match) moved(res, Number(match[1]), '/done');
    else json(res, 200, { method: req.method });
  });
  const send = pipelineFor(a);
  for (const [status, method, expected, body] of [
    [301, 'POST', 'GET', ''],
    [302, 'POST', 'GET', ''],
    [307, 'POST', 'POST', '{"n":7}'],
    [308, 'PUT', 'PUT', '{"n":7}'],
    [302, 'PUT', 'PUT', '{"n":7}'],
  ] as const) {
    a.requests.length = 0;
    const response = await send(createAttempt(`${a.url}/s${status}`, { method, body: '{"n":7}', headers: { 'content-type': 'application/json' } }));
    await response.text();
    assert.is(a.requests[1]?.method, expected, `${status} after ${method}`);
    assert.is(a.requests[1]?.body, body, `${status} after ${method}: body`);
  }
  a.requests.length = 0;
  await send(createAttempt(`${a.url}/s303`, { method: 'HEAD' }));
  assert.is(a.requests[1]?.method, 'HEAD');
});

hops('a redirect loop fails with UNKNOWN after maxRedirects hops (default 5)', async ({ a }) => {
  a.handle((_req, res) => moved(res, 302, '/loop'));
  const error = await rejection(pipelineFor(a)(createAttempt(`${a.url}/loop`)));
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.status, 302);
  assert.match(error.message, /Too many redirects \(more than 5\)/);
  assert.is(a.requests.length, 6, 'the first request and 5 hops');

  a.requests.length = 0;
  const two = await rejection(pipelineFor(a, { maxRedirects: 2 })(createAttempt(`${a.url}/loop`)));
  assert.match(two.message, /more than 2/);
  assert.is(a.requests.length, 3);

  a.requests.length = 0;
  const response = await pipelineFor(a, { maxRedirects: 0 })(createAttempt(`${a.url}/loop`));
  assert.is(response.status, 302, 'maxRedirects 0 hands the 3xx back');
  await response.text();
  assert.is(a.requests.length, 1);
});

hops('through the SDK, a redirect loop rejects the call with UNKNOWN', async ({ a }) => {
  a.handle((_req, res) => moved(res, 307, '/users/me'));
  const sdk = await sdkFor(a);
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.attempts, 6);
  assert.not.ok(JSON.stringify(error).includes(TOKEN));
});

hops('a failure after a cross-origin hop is retried from the first URL, and credentials stay stripped', async ({ a, b }) => {
  a.handle((_req, res) => moved(res, 307, `${b.url}/elsewhere`));
  let failures = 1;
  b.handle((_req, res) => (failures-- > 0 ? json(res, 503, { error: 'busy' }) : json(res, 200, user)));
  const delays: number[] = [];
  const sdk = await sdkFor(a, { clock: { sleep: async (ms: number) => void delays.push(ms), random: () => 0.5 } });
  const me = await sdk.users.getMe();
  assert.is(me.id, user.id);
  assert.is(a.requests.length, 2, 'the retry starts again at the URL the caller asked for');
  assert.is(b.requests.length, 2);
  assert.is(delays.length, 1);
  for (const got of b.requests) {
    assert.is(got.headers.authorization, undefined);
    assert.is(got.headers['x-api-key'], undefined);
  }
  assert.is(a.requests[1]?.headers.authorization, `Bearer ${TOKEN}`);
});

function pipelineFor(server: TestServer, extra: Partial<SdkOptions> = {}): (request: Attempt) => Promise<Response> {
  const options = resolveSdkOptions({ baseUrl: server.url, logLevel: 'off', ...extra });
  const pipeline = createPipeline(options);
  return (request) => pipeline(request, context());
}

const isolated = suite('redirect: layer alone (no TLS, no browser here)');
const layer = (maxRedirects = 5) => redirect({ maxRedirects, redaction: createRedaction(), allowInsecureHttp: true });

isolated('an https → http hop is refused with UNKNOWN before anything is sent there', async () => {
  const seen: string[] = [];
  const next: FetchLike = async (request) => {
    seen.push(request.url);
    return new Response(null, { status: 302, headers: { location: 'http://api.example.com/plain' } });
  };
  const error = await rejection(layer()(next)(createAttempt('https://api.example.com/secure', { headers: { authorization: 'Bearer x' } }), context()));
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.status, 302);
  assert.match(error.message, /from https to an insecure URL/);
  assert.equal(seen, ['https://api.example.com/secure']);
});

isolated('an https → https hop is followed; non-http schemes are refused', async () => {
  const seen: string[] = [];
  const next: FetchLike = async (request) => {
    seen.push(request.url);
    if (request.url.endsWith('/a')) return new Response(null, { status: 301, headers: { location: 'https://cdn.example.com/b' } });
    if (request.url.endsWith('/b')) return new Response(null, { status: 301, headers: { location: 'ftp://cdn.example.com/c' } });
    return new Response('{}');
  };
  const error = await rejection(layer()(next)(createAttempt('https://api.example.com/a'), context()));
  assert.equal(seen, ['https://api.example.com/a', 'https://cdn.example.com/b']);
  assert.match(error.message, /unsupported URL scheme \(ftp:\)/);
});

isolated('a hop to plain http off loopback is refused unless allowInsecureHttp', async () => {
  const next: FetchLike = async (request) =>
    request.url.startsWith('http://127.0.0.1') ? new Response(null, { status: 302, headers: { location: 'http://api.example.com/x' } }) : new Response('{}');
  const strict = redirect({ maxRedirects: 5, redaction: createRedaction(), allowInsecureHttp: false })(next);
  const error = await rejection(strict(createAttempt('http://127.0.0.1:9/start'), context()));
  assert.match(error.message, /insecure URL/);
  const lenient = redirect({ maxRedirects: 5, redaction: createRedaction(), allowInsecureHttp: true })(next);
  assert.is((await lenient(createAttempt('http://127.0.0.1:9/start'), context())).status, 200);
});

isolated('a 307 for a one-shot stream body fails instead of sending it empty; a 303 still turns it into a GET', async () => {
  const seen: Array<[string, string]> = [];
  const next: FetchLike = async (request) => {
    seen.push([request.method, request.url]);
    if (request.body) await new Response(request.body).arrayBuffer();
    const status = request.url.endsWith('/s307') ? 307 : request.url.endsWith('/s303') ? 303 : 200;
    return status === 200 ? new Response('{}') : new Response(null, { status, headers: { location: '/done' } });
  };
  const streamed = (path: string) =>
    createAttempt(`https://api.example.com${path}`, { method: 'POST', body: new Blob(['chunk']).stream(), duplex: 'half' } as RequestInit);
  const error = await rejection(layer()(next)(streamed('/s307'), { ...context(), replayable: false }));
  assert.match(error.message, /stream that cannot be sent again/);
  assert.equal(seen, [['POST', 'https://api.example.com/s307']]);
  const response = await layer()(next)(streamed('/s303'), { ...context(), replayable: false });
  assert.is(response.status, 200);
  assert.equal(seen.at(-1), ['GET', 'https://api.example.com/done']);
});

isolated('browser: an opaque redirect lets the platform follow a GET, refuses to resend a POST', async () => {
  const modes: string[] = [];
  const next: FetchLike = async (request) => {
    // An attempt without a redirect mode is sent with 'manual' by the transport.
    const mode = request.redirect ?? 'manual';
    modes.push(mode);
    if (mode === 'manual') {
      const opaque = new Response(null, { status: 200 });
      Object.defineProperty(opaque, 'type', { value: 'opaqueredirect' });
      return opaque;
    }
    return new Response('{"followed":true}');
  };
  const post = layer()(next);
  const error = await rejection(post(createAttempt('https://api.example.com/p', { method: 'POST', body: 'x' }), context()));
  assert.is(error.type, 'UNKNOWN');
  assert.equal(modes, ['manual']);

  const get = layer()(next);
  const response = await get(createAttempt('https://api.example.com/g'), context());
  assert.equal(await response.json(), { followed: true });
  assert.equal(modes, ['manual', 'manual', 'follow']);
  await get(createAttempt('https://api.example.com/g2'), context());
  assert.equal(modes.at(-1), 'follow', 'later requests go straight to the platform');
  assert.is(modes.length, 4);
});

isolated('a platform that follows by itself despite manual is reported once at warn', async () => {
  const warnings: string[] = [];
  const log = { debug() {}, info() {}, error() {}, warn: (message: string) => void warnings.push(message) };
  const next: FetchLike = async () => {
    const followed = new Response('{}');
    Object.defineProperty(followed, 'redirected', { value: true });
    return followed;
  };
  const send = layer()(next);
  await send(createAttempt('https://api.example.com/a'), { ...context(), log });
  await send(createAttempt('https://api.example.com/b'), { ...context(), log });
  assert.is(warnings.length, 1);
  assert.match(warnings[0] ?? '', /ignored redirect: "manual"/);
});

hops.run();
isolated.run();
