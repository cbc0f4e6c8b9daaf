import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { createNetworkError, typeForStatus } from '../../src/errors/create-network-error.js';
import { NetworkError, NetworkErrorType, isNetworkError } from '../../src/errors/network-error.js';
import { redactUrl } from '../../src/errors/redact-url.js';

const where = { method: 'get', url: 'https://api.example.com/orders?token=s3cret&page=2' };

function fromStatus(status: number, body: unknown = null, headers: Record<string, string> = {}) {
  const response = new Response(body === null ? null : JSON.stringify(body), { status, headers });
  return createNetworkError({ ...where, attempts: 1, response, data: body ?? undefined });
}

test('status → type covers every family', () => {
  const table: Array<[number, NetworkErrorType]> = [
    [400, 'CLIENT'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [408, 'CLIENT'],
    [409, 'CLIENT'],
    [422, 'VALIDATION'],
    [429, 'RATE_LIMITED'],
    [499, 'CLIENT'],
    [500, 'SERVER'],
    [502, 'SERVER'],
    [503, 'SERVER'],
    [599, 'SERVER'],
    [302, 'UNKNOWN'],
  ];
  for (const [status, type] of table) {
    assert.is(typeForStatus(status), type, `status ${status}`);
    if (status >= 200) assert.is(fromStatus(status).type, type, `factory for ${status}`);
  }
});

test('a response error carries status, data, requestId, attempts and a message ending in METHOD URL', () => {
  const error = fromStatus(404, { title: 'Not here' }, { 'x-request-id': 'req-1' });
  assert.ok(error instanceof NetworkError);
  assert.ok(error instanceof Error);
  assert.is(error.name, 'NetworkError');
  assert.is(error.status, 404);
  assert.equal(error.data, { title: 'Not here' });
  assert.is(error.requestId, 'req-1');
  assert.is(error.attempts, 1);
  assert.is(error.method, 'GET');
  assert.is(error.url, 'https://api.example.com/orders?token=REDACTED&page=REDACTED');
  assert.ok(error.message.endsWith(' GET https://api.example.com/orders?token=REDACTED&page=REDACTED'), error.message);
  assert.not.match(error.message, 's3cret');
  assert.is(error.fieldErrors, undefined);
});

test('request-id is read when x-request-id is absent', () => {
  assert.is(fromStatus(500, null, { 'request-id': 'abc' }).requestId, 'abc');
  assert.is(fromStatus(500).requestId, undefined);
});

test('422 maps an RFC 9457 errors array to field paths', () => {
  const error = fromStatus(422, {
    type: 'about:blank',
    title: 'Invalid',
    errors: [
      { pointer: '/items/0/quantity', detail: 'must be at least 1' },
      { pointer: '/items/0/quantity', detail: 'must be an integer' },
      { pointer: '/shipping/address~1line', detail: 'required' },
    ],
  });
  assert.is(error.type, 'VALIDATION');
  assert.equal(error.fieldErrors, {
    'items[0].quantity': ['must be at least 1', 'must be an integer'],
    'shipping.address/line': ['required'],
  });
});

test('429 carries retryAfterMs', () => {
  const error = fromStatus(429, null, { 'retry-after': '3' });
  assert.is(error.type, 'RATE_LIMITED');
  assert.is(error.retryAfterMs, 3000);
});

test('failures without a response', () => {
  const connection = createNetworkError({ ...where, cause: new TypeError('fetch failed') });
  assert.is(connection.type, 'CONNECTION');
  assert.is(connection.status, undefined);
  assert.instance(connection.cause, TypeError);
  assert.is(connection.attempts, 0);

  assert.is(createNetworkError({ ...where, reason: 'timeout', timeoutMs: 5 }).type, 'TIMEOUT');
  assert.match(createNetworkError({ ...where, reason: 'timeout', timeoutMs: 5 }).message, /^Request timed out after 5 ms/);
  assert.is(createNetworkError({ ...where, reason: 'cancelled' }).type, 'CANCELLED');
  const platformTimeout = new DOMException('timed out', 'TimeoutError');
  assert.is(createNetworkError({ ...where, cause: platformTimeout }).type, 'TIMEOUT');
  assert.is(createNetworkError({ ...where, cause: new Error('weird') }).type, 'UNKNOWN');
});

test('an unparseable 2xx body is UNKNOWN with the parse error as cause', () => {
  const cause = new SyntaxError('Unexpected token');
  const error = createNetworkError({ ...where, response: new Response('{', { status: 200 }), cause });
  assert.is(error.type, 'UNKNOWN');
  assert.is(error.status, 200);
  assert.is(error.cause, cause);
});

test('a body cut off after headers is CONNECTION', () => {
  const error = createNetworkError({ ...where, response: new Response('', { status: 200 }), cause: new TypeError('terminated') });
  assert.is(error.type, 'CONNECTION');
  assert.is(error.status, 200);
});

test('an existing NetworkError passes through unchanged', () => {
  const original = createNetworkError({ ...where, reason: 'timeout' });
  assert.is(createNetworkError({ ...where, cause: original, reason: 'cancelled' }), original);
});

test('toJSON has no headers, no tokens and a summarised cause', () => {
  const response = new Response('{}', {
    status: 401,
    headers: { 'www-authenticate': 'Bearer secret-token', 'x-request-id': 'r' },
  });
  const error = createNetworkError({ ...where, response, data: { title: 'no' }, cause: new Error('inner') });
  const json = error.toJSON();
  assert.equal(Object.keys(json).sort(), [
    'attempts', 'cause', 'data', 'fieldErrors', 'issues', 'message', 'method', 'name',
    'requestId', 'retryAfterMs', 'source', 'status', 'type', 'url',
  ]);
  assert.equal(json.cause, { name: 'Error', message: 'inner' });
  const text = JSON.stringify(error);
  assert.not.match(text, 'secret-token');
  assert.not.match(text, 's3cret');
  assert.not.match(text, 'www-authenticate');
});

test('redactUrl removes credentials, fragments and every query value', () => {
  assert.is(redactUrl('https://u:p@h.example/a?x=1&y&z=#frag'), 'https://h.example/a?x=REDACTED&y&z=REDACTED');
  assert.is(redactUrl('/orders/{id}?q=1#f'), '/orders/{id}?q=REDACTED');
  assert.is(redactUrl('https://h.example/a'), 'https://h.example/a');
});

test('isNetworkError is a brand check that works across copies of the package', async () => {
  const error = createNetworkError({ ...where, reason: 'cancelled' });
  assert.ok(isNetworkError(error));
  assert.not.ok(isNetworkError(new Error('x')));
  assert.not.ok(isNetworkError(null));
  assert.not.ok(isNetworkError({ type: 'TIMEOUT' }));
  // The brand is not an own enumerable property: spreading does not fake it.
  assert.not.ok(isNetworkError({ ...error }));

  const copy = (await import('../../src/errors/network-error.js?second-copy' as string)) as typeof import('../../src/errors/network-error.js');
  assert.is.not(copy.NetworkError, NetworkError, 'the second import really is a second copy');
  const foreign = new copy.NetworkError({ type: 'SERVER', summary: 'x', method: 'GET', url: 'https://a.example/' });
  assert.ok(isNetworkError(foreign));
  assert.ok(copy.isNetworkError(error));
  assert.ok(foreign instanceof NetworkError);
  assert.ok(error instanceof copy.NetworkError);

  const plain = { [Symbol.for('tether.NetworkError')]: true };
  assert.ok(isNetworkError(plain));
});

test.run();
