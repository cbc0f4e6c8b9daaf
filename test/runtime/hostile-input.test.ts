/**
 * Hostile input from the app: path values and header values, property-based against a real
 * loopback server. A path value never adds, removes or changes another segment; a header value
 * a request cannot carry is VALIDATION (source client), never sent, never CONNECTION.
 */
import fc from 'fast-check';
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createRuntime } from '../../src/runtime.js';
import { meta } from './helpers/meta.js';
import { withRawServer } from './helpers/raw-server-suite.js';
import type { TestServer } from './helpers/server.js';
import { rejection } from '../helpers/rejection.js';

type AnyOp = {
  parameters: { path: { userId: string } };
  responses: { 200: { content: { 'application/json': unknown } } };
};

const api = { title: 'Test API', version: '1.0.0', specHash: 'test' };
const test = suite<{ server: TestServer }>('hostile input: paths and headers');

// A raw server, not the reference Shop API: it records each request exactly as it arrived,
// with no router in between that could normalise or refuse a hostile path. It answers 200 `{}`.
withRawServer(test, 'server');

function deleteSessions(server: TestServer) {
  const runtime = createRuntime({ baseUrl: `${server.url}/api/v1`, logLevel: 'off', retry: false, validate: 'off' }, api);
  return runtime.operation<AnyOp>(meta({ id: 'users.deleteSessions', method: 'delete', path: '/users/{userId}/sessions', responseKind: 'none' }));
}

const DOTTY = ['.', '..', '%2e', '%2E', '.%2E', '%2e.', '%2e%2e', '..%2f', '../..', '/', '?', '#', '\\', '..\\', '%00', ' .', '. ', '', 'a/../b', '%252e'];

test('a path value never changes another segment (dot segments and empty values refused)', async ({ server }) => {
  const call = deleteSessions(server);
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.constantFrom(...DOTTY), fc.string(), fc.string({ unit: 'grapheme' }), fc.array(fc.constantFrom('.', '%', '2', 'e', 'E', '/', '\\'), { maxLength: 6 }).map((parts) => parts.join(''))), async (value) => {
      const before = server.requests.length;
      let refused = false;
      try {
        await call({ params: { path: { userId: value } } });
      } catch (error) {
        const e = await rejection(Promise.reject(error));
        assert.is(e.type, 'VALIDATION', `${JSON.stringify(value)}: ${e.message}`);
        assert.is(e.source, 'client');
        assert.is(e.attempts, 0);
        refused = true;
      }
      if (refused) {
        assert.is(server.requests.length, before, 'nothing was sent');
        assert.ok(value === '' || value === '.' || value === '..', `only empty and dot-segment values are refused, not ${JSON.stringify(value)}`);
        return;
      }
      const received = server.requests.at(-1)!;
      const segments = new URL(received.url, 'http://x').pathname.split('/');
      assert.is(segments.length, 6, `${JSON.stringify(value)} → ${received.url}`);
      assert.equal([segments[1], segments[2], segments[3], segments[5]], ['api', 'v1', 'users', 'sessions']);
      assert.is(decodeURIComponent(segments[4]!), value, 'the value arrives whole, as its own segment');
    }),
    { numRuns: 300 },
  );
});

test('header values with CR/LF/NUL/controls or beyond Latin-1 are VALIDATION (client), never sent', async ({ server }) => {
  const call = deleteSessions(server);
  const sendable = (value: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(value);
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.constantFrom('ok\r\nX-Injected: 1', 'a\nb', 'nul\0', 'tab\tok', 'é', '€')), async (value) => {
      const before = server.requests.length;
      const result = call({ params: { path: { userId: 'u1' } }, headers: { 'x-note': value } } as never).then(
        () => undefined,
        (error: unknown) => rejection(Promise.reject(error)),
      );
      const error = await result;
      if (sendable(value)) {
        assert.is(error, undefined, `${JSON.stringify(value)} is sendable: ${error?.message}`);
        assert.is(server.requests.at(-1)?.headers['x-note'], value.trim() === value ? value : server.requests.at(-1)?.headers['x-note']);
      } else {
        assert.ok(error, `${JSON.stringify(value)} must be refused`);
        assert.is(error.type, 'VALIDATION');
        assert.is(error.source, 'client');
        assert.is(server.requests.length, before);
        assert.ok(!error.message.includes(value) || value.length < 2, 'the value is not echoed');
      }
    }),
    { numRuns: 200 },
  );
});

test('a parameter header with a line break is VALIDATION, not CONNECTION', async ({ server }) => {
  const runtime = createRuntime({ baseUrl: server.url, logLevel: 'off', validate: 'off' }, api);
  const op = runtime.operation<AnyOp>(meta({ path: '/x' }));
  const error = await rejection(op({ params: { header: { 'x-trace': 'a\r\nSet-Cookie: evil=1' } } } as never));
  assert.is(error.type, 'VALIDATION');
  assert.equal(Object.keys(error.fieldErrors ?? {}), ['x-trace']);
  assert.is(error.attempts, 0);
});

test('a static header with a line break is refused at createSdk; a malformed baseUrl is not echoed', () => {
  assert.throws(() => createRuntime({ baseUrl: 'https://api.example.com', headers: { 'x-a': 'b\r\nc' } }, api), /options\.headers\["x-a"\] is not a valid HTTP header/);
  for (const baseUrl of ['https://user:hunter2@exa mple.com', 'https://:hunter2@[::1', 'hunter2']) {
    try {
      createRuntime({ baseUrl }, api);
      assert.unreachable();
    } catch (error) {
      assert.instance(error, TypeError);
      assert.match(String((error as Error).message), /options\.baseUrl/);
      assert.not.ok(String((error as Error).message).includes('hunter2'), (error as Error).message);
    }
  }
});

test.run();
