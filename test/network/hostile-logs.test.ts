/**
 * Logs a person can read: a realistic small session at the default level prints a few lines
 * without headers; redaction removes generated credentials and never eats English; connection
 * failures name their cause code and every error carries the request id that was sent.
 */
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { createSdk, memoryTokenStore } from '../../generated/v1/index.js';
import { redactText } from '../../src/network/redact.js';
import { serverSuite } from '../helpers/server-suite.js';
import { rejection } from '../helpers/rejection.js';
import { recorder } from '../helpers/log-recorder.js';
import { startServer as startPlainServer } from '../runtime/helpers/server.js';

const test = serverSuite('readable logs');
const instant = { sleep: async () => {}, random: () => 0.5 };

test('a small app at the default level: login, a handled 404, a 503 then 200, a validation error → one line', async ({ server }) => {
  const log = recorder();
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore: memoryTokenStore() }, logger: log, clock: instant });
  const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  const missing = await rejection(sdk.orders.getOrder({ params: { path: { orderId: '00000000-0000-4000-8000-000000000000' } } }));
  assert.is(missing.type, 'NOT_FOUND');
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  assert.is((await sdk.users.getMe()).email, 'alice@example.com');
  const invalid = await rejection(
    sdk.orders.createOrder({ body: { items: [{ sku: 'MUG-LOGO', quantity: 0 }], shippingAddress: { name: 'A', line1: '1 Main', city: 'Berlin', postalCode: '10115', country: 'DE' } } }),
  );
  assert.is(invalid.type, 'VALIDATION');

  assert.is(log.lines.length, 1, log.text());
  const [line] = log.lines;
  assert.is(line?.level, 'warn');
  assert.match(line!.message, /↻ GET .*\/users\/me: answered 503; retry 1 of 3/);
  const text = log.text();
  assert.not.ok(/headers|authorization|content-type/i.test(text), 'no headers at warn');
  assert.not.ok(text.includes(tokens.accessToken));
});

test('the same session at debug shows attempts with headers (redacted) and each outcome', async ({ server }) => {
  const log = recorder();
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore: memoryTokenStore() }, logger: log, logLevel: 'debug', clock: instant });
  const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
  await rejection(sdk.orders.getOrder({ params: { path: { orderId: '00000000-0000-4000-8000-000000000000' } } }));
  assert.ok(log.lines.some((l) => l.level === 'debug' && l.fields?.['headers'] !== undefined));
  assert.ok(log.lines.some((l) => l.level === 'debug' && /call failed: .*404/.test(l.message)));
  assert.not.ok(log.text().includes(tokens.accessToken));
});

test('a connection failure names its cause code and carries the request id that was sent', async () => {
  const gone = await startPlainServer();
  await gone.close();
  const log = recorder();
  const sdk = createSdk({ baseUrl: gone.url, logger: log, clock: instant });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'CONNECTION');
  assert.match(error.message, /\(ECONNREFUSED\)/);
  assert.match(String(error.requestId), /^[0-9a-f]{8}-[0-9a-f]{4}-4/);
  assert.is(error.attempts, 4);
  // Three retry lines and one outcome line, each naming the code, none with headers.
  assert.is(log.lines.filter((l) => l.level === 'warn').length, 4, log.text());
  assert.ok(log.lines.every((l) => /ECONNREFUSED/.test(l.message)));
  assert.not.ok(/headers/.test(log.text()));
});

test('errors with an answer carry the id that was sent when the server echoes none', async ({ server }) => {
  const sdk = createSdk({ baseUrl: server.url, logLevel: 'off', clock: instant, retry: false });
  server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'raw', wire: 'HTTP/1.1 500 Oops\r\ncontent-length: 0\r\n\r\n' } });
  const error = await rejection(sdk.users.getMe());
  assert.is(error.type, 'SERVER');
  assert.is(error.requestId, server.requests.at(-1)?.headers['x-request-id']);
});

// Words as prose has them, including the ones credentials hide behind.
const WORDS = ['refresh', 'token', 'tokens', 'rejected', 'Bearer', 'bearer', 'Basic', 'basic', 'Token', 'password', 'secret', 'expired', 'invalid', 'access', 'the', 'a', 'session', 'sign-in', 'key', 'api', 'auth', 'failed', 'retry', 'Digest', 'code'];
const word = fc.oneof(fc.constantFrom(...WORDS), fc.stringMatching(/^[a-z]{1,14}$/), fc.stringMatching(/^[A-Z][a-z]{1,12}$/));
const sep = fc.constantFrom(' ', ', ', ') ', '. ', ': ', ' (', '; ', ' - ');
const sentence = fc.array(fc.tuple(word, sep), { minLength: 1, maxLength: 12 }).map((parts) => parts.map(([w, s]) => w + s).join('').trim());

const base64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const randomKey = fc.uint8Array({ minLength: 16, maxLength: 48 }).map(base64url);
const jwt = fc.tuple(fc.uint8Array({ minLength: 8, maxLength: 40 }), fc.uint8Array({ minLength: 32, maxLength: 32 })).map(
  ([claims, sig]) => `eyJhbGciOiJIUzI1NiJ9.${base64url(claims)}x.${base64url(sig)}`,
);
const credential = fc.oneof(randomKey, jwt, fc.uint8Array({ minLength: 16, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')));
const shape = fc.constantFrom(
  (c: string) => `Authorization: Bearer ${c}`,
  (c: string) => `Bearer ${c}`,
  (c: string) => `token=${c}`,
  (c: string) => `access_token=${c}&x=1`,
  (c: string) => `{"refreshToken":"${c}"}`,
  (c: string) => `password=${c}`,
  (c: string) => `Basic ${c}`,
);

test('redaction never eats English words, and always removes generated credentials', () => {
  fc.assert(
    fc.property(sentence, (text) => {
      assert.is(redactText(text), text);
    }),
    { numRuns: 500 },
  );
  fc.assert(
    fc.property(sentence, credential, shape, sentence, (before, secret, wrap, after) => {
      const text = `${before} ${wrap(secret)} ${after}`;
      const out = redactText(text);
      assert.not.ok(out.includes(secret), `${text} → ${out}`);
      assert.ok(out.includes(before) && out.includes(after), `the prose around survives: ${out}`);
    }),
    { numRuns: 500 },
  );
  // Long standalone keys and JWTs are masked even without a keyword; request ids (UUIDs) stay.
  assert.is(redactText('key sk_live_51HxyzABCdef0123456789abcdefGHIJ used'), 'key [REDACTED] used');
  assert.is(redactText('id 1b4e28ba-2fa1-41d2-883f-0016d3cca427 ok'), 'id 1b4e28ba-2fa1-41d2-883f-0016d3cca427 ok');
  assert.is(redactText('auth: refresh token rejected)'), 'auth: refresh token rejected)');
});

test.run();
