/**
 * The call runner end to end: createRuntime → openapi-fetch → the real pipeline → undici →
 * a node:http server on 127.0.0.1 with each fault injected server-side.
 */
import type { ServerResponse } from 'node:http';
import { suite, until } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { memoryTokenStore } from '../../src/auth/token-store.js';
import type { OperationMeta } from '../../src/contract/operation.js';
import { createRuntime, type SdkOptions } from '../../src/runtime.js';
import { meta } from './helpers/meta.js';
import { withRawServer } from './helpers/raw-server-suite.js';
import { json, startServer, type TestServer } from './helpers/server.js';
import { rejection } from '../helpers/rejection.js';
import { trackTimers } from '../helpers/timer-tracker.js';

/** A loose operation type so one method can hit every route. */
type AnyOp = {
  parameters: { path?: { id?: string | number }; query?: Record<string, unknown>; header?: Record<string, string> };
  requestBody?: { content: { 'application/json': unknown } };
  responses: { 200: { content: { 'application/json': unknown } } };
};

/** A precisely typed operation, as openapi-typescript would emit it. */
type GetOrder = {
  parameters: { path: { id: number }; query?: { token?: string } };
  responses: { 200: { content: { 'application/json': { id: number; total: number } } }; 404: { content: { 'application/json': { title: string } } } };
};

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const api = { title: 'Test API', version: '1.0.0', specHash: 'test' };
const cleanups: Array<() => void> = [];
/** Resolves when the server sees a dripping response's connection close. */
const dripClosed: Array<Promise<void>> = [];

function route(req: { url?: string }, res: ServerResponse, body: string): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const [, , name = '', arg = ''] = url.pathname.split('/'); // /r/<name>/<arg>
  switch (name) {
    case 'ok':
      return json(res, 200, { id: Number(arg), total: 42 }, { 'x-request-id': 'req-ok' });
    case 'echo':
      return json(res, 200, { body: body === '' ? null : JSON.parse(body), query: url.search });
    case 'status': {
      const status = Number(arg);
      const headers: Record<string, string> = { 'x-request-id': `req-${status}` };
      if (status === 429) headers['retry-after'] = '7';
      if (status === 503) headers['retry-after'] = new Date(Date.now() + 60_000).toUTCString();
      if (status === 422) {
        return json(res, 422, { title: 'Invalid', errors: [{ pointer: '/items/0/quantity', detail: 'must be ≥ 1' }] }, headers);
      }
      return json(res, status, { title: `status ${status}` }, headers);
    }
    case 'text-error':
      res.writeHead(500, { 'content-type': 'text/plain' });
      return void res.end('upstream exploded');
    case 'empty-error':
      res.writeHead(503);
      return void res.end();
    case 'no-content':
      res.writeHead(204);
      return void res.end();
    case 'empty-ok':
      res.writeHead(200, { 'content-length': '0' });
      return void res.end();
    case 'bad-json':
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-bad' });
      return void res.end('{"id": 1,');
    case 'bad-json-sized':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5' });
      return void res.end('<html');
    case 'text':
      res.writeHead(200, { 'content-type': 'text/plain' });
      return void res.end('hello');
    case 'hang':
      return; // never answers
    case 'drip': {
      // Headers at once, then one byte every 40 ms, forever: a stalled mobile download.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
      const interval = setInterval(() => res.write(' '), 40);
      dripClosed.push(new Promise((resolve) => res.on('close', () => resolve(clearInterval(interval)))));
      cleanups.push(() => clearInterval(interval));
      return;
    }
    case 'reset':
      return void res.socket?.destroy();
    case 'cut':
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    case 'headers':
      return json(res, 200, {});
    default:
      return json(res, 404, { title: 'no route' });
  }
}

// A raw server, not the reference Shop API: the call runner is tested against answers no real
// route gives (a body cut mid-JSON, a drip, a reset socket, a wrong Content-Length).
const Call = suite<{ server: TestServer }>('call runner');
withRawServer(Call, 'server', route);
Call.after(() => {
  for (const cleanup of cleanups) cleanup();
});

// One attempt per call: these tests pin down classification; retries have test/network/.
function runtime(server: TestServer, options: Partial<SdkOptions> = {}) {
  return createRuntime({ baseUrl: `${server.url}/r`, retry: false, logLevel: 'off', ...options }, api);
}

function op(server: TestServer, overrides: Partial<OperationMeta> = {}, options: Partial<SdkOptions> = {}) {
  return runtime(server, options).operation<AnyOp>(meta({ path: '/{name}/{id}', ...overrides }));
}



Call('resolves with the typed success body', async ({ server }) => {
  const getOrder = runtime(server).operation<GetOrder>(meta({ path: '/ok/{id}' }));
  const order = await getOrder({ params: { path: { id: 7 }, query: { token: 'q' } } });
  assert.equal(order, { id: 7, total: 42 });
  const total: number = order.total; // typed, not unknown
  assert.is(total, 42);
  assert.is(getOrder.meta.path, '/ok/{id}');
  assert.is(getOrder.name, 'getOrder');
  assert.is(server.requests[0]?.url, '/r/ok/7?token=q');
});

Call('every error status family becomes the right NetworkError', async ({ server }) => {
  const call = op(server);
  const table: Array<[number, string]> = [
    [400, 'CLIENT'], [401, 'UNAUTHORIZED'], [403, 'FORBIDDEN'], [404, 'NOT_FOUND'], [409, 'CLIENT'],
    [422, 'VALIDATION'], [429, 'RATE_LIMITED'], [500, 'SERVER'], [502, 'SERVER'], [503, 'SERVER'],
  ];
  for (const [status, type] of table) {
    const error = await rejection(call({ params: { path: { name: 'status', id: status } as never, query: { secret: 'x' } } }));
    assert.is(error.type, type, `status ${status}`);
    assert.is(error.status, status);
    assert.is(error.requestId, `req-${status}`);
    assert.is(error.attempts, 1);
    assert.is(error.method, 'GET');
    assert.ok(error.message.endsWith(`GET ${server.url}/r/status/${status}?secret=REDACTED`), error.message);
    if (status !== 422) assert.equal(error.data, { title: `status ${status}` });
  }
});

Call('422 field errors, 429 and 503 Retry-After', async ({ server }) => {
  const call = op(server);
  const validation = await rejection(call({ params: { path: { name: 'status', id: 422 } as never } }));
  assert.equal(validation.fieldErrors, { 'items[0].quantity': ['must be ≥ 1'] });
  const limited = await rejection(call({ params: { path: { name: 'status', id: 429 } as never } }));
  assert.is(limited.retryAfterMs, 7000);
  const unavailable = await rejection(call({ params: { path: { name: 'status', id: 503 } as never } }));
  assert.ok(unavailable.retryAfterMs !== undefined && unavailable.retryAfterMs > 55_000 && unavailable.retryAfterMs <= 60_000);
});

Call('non-JSON and empty error bodies', async ({ server }) => {
  const text = await rejection(op(server, { path: '/text-error' })());
  assert.is(text.type, 'SERVER');
  assert.is(text.data, 'upstream exploded');
  const empty = await rejection(op(server, { path: '/empty-error' })());
  assert.is(empty.type, 'SERVER');
  assert.is(empty.data, undefined);
});

Call('204 and empty 200 resolve with undefined', async ({ server }) => {
  assert.is(await op(server, { path: '/no-content', method: 'delete' })(), undefined);
  assert.is(await op(server, { path: '/empty-ok' })(), undefined);
});

Call('malformed JSON on a 2xx is UNKNOWN with the parse error as cause, never a crash', async ({ server }) => {
  for (const path of ['/bad-json', '/bad-json-sized']) {
    const error = await rejection(op(server, { path })());
    assert.is(error.type, 'UNKNOWN', path);
    assert.is(error.status, 200);
    assert.instance(error.cause, SyntaxError);
  }
  assert.is((await rejection(op(server, { path: '/bad-json' })())).requestId, 'req-bad');
});

Call('text and stream response kinds', async ({ server }) => {
  assert.is(await op(server, { path: '/text', responseKind: 'text' })(), 'hello');
  const stream = (await op(server, { path: '/text', responseKind: 'stream' })()) as ReadableStream<Uint8Array>;
  assert.is(await new Response(stream).text(), 'hello');
  assert.is(await op(server, { path: '/text', responseKind: 'none' })(), undefined);
});

Call('no server listening is CONNECTION', async () => {
  const gone = await startServer();
  await gone.close();
  const error = await rejection(op(gone, { path: '/ok/1' })());
  assert.is(error.type, 'CONNECTION');
  assert.is(error.status, undefined);
  assert.is(error.attempts, 1);
  assert.instance(error.cause, TypeError);
});

Call('a connection reset before or during the response is CONNECTION', async ({ server }) => {
  assert.is((await rejection(op(server, { path: '/reset' })())).type, 'CONNECTION');
  const cut = await rejection(op(server, { path: '/cut' })());
  assert.is(cut.type, 'CONNECTION');
  assert.is(cut.status, 200);
});

Call('a hung server times out and leaves no timer behind', async ({ server }) => {
  const timers = trackTimers();
  const error = await rejection(op(server, { path: '/hang' }, { timeoutMs: 150 })());
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.attempts, 1);
  assert.match(error.message, /^Request timed out after 150 ms: GET /);
  assert.is(timers.armed(), 0, 'no timer left armed');
  timers.stop();
});

Call('a slow-dripping body times out even though headers came at once', async ({ server }) => {
  const timers = trackTimers();
  const error = await rejection(op(server, { path: '/drip' })(undefined, { timeoutMs: 250 }));
  assert.is(error.type, 'TIMEOUT');
  assert.is(error.status, 200, 'timed out in the body, after the headers came');
  // The abort reached the socket: the server sees the connection close (and stops its own
  // drip timer, which would otherwise be counted below).
  await dripClosed.at(-1);
  assert.is(timers.armed(), 0, 'no timer left armed');
  timers.stop();
});

Call('a successful call leaves no timer behind', async ({ server }) => {
  const timers = trackTimers();
  await op(server, { path: '/ok/1' })();
  await op(server, { path: '/no-content' })();
  await op(server, { path: '/empty-ok' })();
  assert.is(timers.armed(), 0, 'no timer left armed');
  timers.stop();
});

Call('the caller aborting is CANCELLED at once', async ({ server }) => {
  const controller = new AbortController();
  const pending = op(server, { path: '/hang' })(undefined, { signal: controller.signal });
  const outcome = rejection(pending);
  // Aborted once the server holds the request (the /hang handler never answers).
  await until(() => server.requests.some((r) => r.url.endsWith('/hang')), 'the request reaching the server');
  controller.abort();
  const error = await outcome;
  assert.is(error.type, 'CANCELLED');

  // Aborted once the response's headers have come (seen by the platform fetch the SDK wraps):
  // the call is then reading the dripping body.
  const during = new AbortController();
  let headersCame = false;
  const watched = op(server, { path: '/drip' }, {
    fetch: async (request) => {
      const response = await fetch(request);
      headersCame = true;
      return response;
    },
  });
  const reading = rejection(watched(undefined, { signal: during.signal, timeoutMs: 5000 }));
  await until(() => headersCame, 'the dripping response’s headers');
  during.abort();
  const cancelled = await reading;
  assert.is(cancelled.type, 'CANCELLED');
  assert.is(cancelled.status, 200, 'cancelled in the body, after the headers came');
  await dripClosed.at(-1);
});

Call('an already-aborted signal sends nothing', async ({ server }) => {
  const error = await rejection(op(server, { path: '/ok/1' })(undefined, { signal: AbortSignal.abort() }));
  assert.is(error.type, 'CANCELLED');
  assert.is(error.attempts, 0);
  assert.is(server.requests.length, 0);
});

Call('idempotency keys: generated per call, passed through, or kept', async ({ server }) => {
  const create = op(server, { path: '/echo/x', method: 'post', idempotent: false, idempotencyKeyHeader: 'Idempotency-Key' });
  await create({ body: { a: 1 } });
  await create({ body: { a: 2 } });
  const [first, second] = server.requests.map((r) => r.headers['idempotency-key']);
  assert.match(String(first), UUID_V4);
  assert.match(String(second), UUID_V4);
  assert.is.not(first, second);

  server.requests.length = 0;
  await create({ body: {} }, { idempotencyKey: 'order-123' });
  await create({ body: {}, params: { header: { 'Idempotency-Key': 'from-params' } } });
  await create({ body: {}, params: { header: { 'Idempotency-Key': 'from-params' } } }, { idempotencyKey: 'option-wins' });
  assert.equal(server.requests.map((r) => r.headers['idempotency-key']), ['order-123', 'from-params', 'option-wins']);

  server.requests.length = 0;
  await op(server, { path: '/echo/x', method: 'post' })({ body: {} });
  assert.is(server.requests[0]?.headers['idempotency-key'], undefined);
});

Call('JSON bodies, static and per-call headers', async ({ server }) => {
  const echo = op(server, { path: '/echo/x', method: 'post', requestContentType: 'application/json' }, { headers: { 'x-app': 'demo', 'x-both': 'sdk' } });
  const result = await echo({ body: { items: [1] }, headers: { 'x-both': 'call' } });
  assert.equal(result, { body: { items: [1] }, query: '' });
  const seen = server.requests[0]?.headers;
  assert.is(seen?.['content-type'], 'application/json');
  assert.is(seen?.['x-app'], 'demo');
  assert.is(seen?.['x-both'], 'call');
});

Call('the bearer token goes only to secured operations', async ({ server }) => {
  const options = { auth: { tokenStore: memoryTokenStore({ accessToken: 'tok' }) } };
  await op(server, { path: '/headers/x', security: [['bearerAuth']] }, options)();
  await op(server, { path: '/headers/x', security: [] }, options)();
  assert.equal(server.requests.map((r) => r.headers.authorization), ['Bearer tok', undefined]);
});

Call('insecure baseUrl is refused when the SDK is created', () => {
  assert.throws(() => createRuntime({ baseUrl: 'http://api.example.com' }, api), /options\.baseUrl must use https/);
  assert.ok(createRuntime({ baseUrl: 'http://api.example.com', allowInsecureHttp: true }, api));
});

Call('bad call options reject instead of sending', async ({ server }) => {
  await op(server, { path: '/ok/1' })(undefined, { timeoutMs: -1 }).then(
    () => assert.unreachable(),
    (error: unknown) => assert.match(String(error), /options\.timeoutMs/),
  );
  assert.is(server.requests.length, 0);
});

Call.run();
