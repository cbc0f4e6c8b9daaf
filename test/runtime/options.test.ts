import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { systemClock } from '../../src/platform/clock.js';
import { memoryTokenStore } from '../../src/auth/token-store.js';
import { DEFAULTS, resolveCallOptions, resolveSdkOptions, type SdkOptions } from '../../src/options.js';

test('defaults are applied and the result is frozen', () => {
  const options = resolveSdkOptions({ baseUrl: 'https://api.example.com/v1/' });
  // Retry options (a budget object, the clock) are checked on their own here.
  assert.equal(options.retry, { ...DEFAULTS.retry, shouldRetry: undefined });
  assert.is(options.deadlineMs, undefined);
  assert.is(options.idempotency, 'auto');
  assert.is(options.retryBudget?.available('https://api.example.com'), 500);
  assert.is(options.telemetryHeaders, true);
  assert.is(options.clock, systemClock);
  // Logging and redirect options (functions, sets) are checked on their own below.
  const { log, redaction, maxRedirects, retry, deadlineMs, idempotency, retryBudget, telemetryHeaders, clock, credentials, ...rest } = options;
  assert.is(credentials, undefined); // none given (auth/credentials.ts)
  assert.type(log.debug, 'function');
  assert.ok(redaction.headers.has('authorization') && redaction.queryParams.has('access_token'));
  assert.is(maxRedirects, 5);
  assert.equal(rest, {
    baseUrl: 'https://api.example.com/v1',
    timeoutMs: 30_000,
    headers: {},
    auth: undefined,
    fetch: undefined,
    allowInsecureHttp: false,
    validate: 'strict',
    validationMappers: undefined,
    maxResponseBytes: 10 * 1024 * 1024,
    // undefined: the default, one warn line on the logger per deprecated operation (service/deprecation.ts).
    onDeprecation: undefined,
  });
  assert.is(DEFAULTS.timeoutMs, 30_000);
  assert.ok(Object.isFrozen(options));
  assert.ok(Object.isFrozen(options.headers));
});

test('baseUrl must be an absolute https URL, loopback excepted', () => {
  const bad: Array<[unknown, RegExp]> = [
    [undefined, /options\.baseUrl is required/],
    ['', /options\.baseUrl is required/],
    ['/v1', /options\.baseUrl must be an absolute URL/],
    ['api.example.com', /options\.baseUrl must be an absolute URL/],
    ['ftp://api.example.com', /options\.baseUrl must use https/],
    ['http://api.example.com', /options\.baseUrl must use https:\/\/ \(got http:\/\/api\.example\.com\).*allowInsecureHttp/],
    ['https://user:pw@api.example.com', /must not contain credentials/],
    ['https://api.example.com/v1?key=1', /must not have a query/],
  ];
  for (const [baseUrl, message] of bad) {
    assert.throws(() => resolveSdkOptions({ baseUrl } as SdkOptions), message, String(baseUrl));
  }
  for (const baseUrl of ['http://127.0.0.5:8080', 'http://[::1]:3000', 'http://localhost:3000/api']) {
    assert.is(resolveSdkOptions({ baseUrl }).baseUrl, baseUrl);
  }
  assert.is(resolveSdkOptions({ baseUrl: 'http://10.0.2.2:3000', allowInsecureHttp: true }).baseUrl, 'http://10.0.2.2:3000');
});

test('other options are checked and named', () => {
  const base = { baseUrl: 'https://api.example.com' };
  assert.throws(() => resolveSdkOptions(null as unknown as SdkOptions), /needs an options object/);
  for (const timeoutMs of [0, -1, Number.NaN, Infinity, 2 ** 31, '5' as unknown as number]) {
    assert.throws(() => resolveSdkOptions({ ...base, timeoutMs }), /options\.timeoutMs must be/);
  }
  assert.throws(() => resolveSdkOptions({ ...base, headers: { 'bad header': 'x' } }), /options\.headers\["bad header"\]/);
  assert.throws(() => resolveSdkOptions({ ...base, headers: { a: 1 as unknown as string } }), /must be a string/);
  assert.throws(() => resolveSdkOptions({ ...base, fetch: 'no' as never }), /options\.fetch must be a function/);
  assert.throws(() => resolveSdkOptions({ ...base, auth: {} as never }), /options\.auth\.tokenStore/);
  assert.throws(() => resolveSdkOptions({ ...base, allowInsecureHttp: 'yes' as never }), /options\.allowInsecureHttp/);
});

test('auth and headers are carried through', () => {
  const tokenStore = memoryTokenStore();
  const options = resolveSdkOptions({ baseUrl: 'https://api.example.com', auth: { tokenStore }, headers: { 'x-app': '1' }, timeoutMs: 5 });
  assert.is(options.auth?.tokenStore, tokenStore);
  assert.is(options.auth?.baseUrl, 'https://api.example.com');
  assert.equal(options.headers, { 'x-app': '1' });
  assert.is(options.timeoutMs, 5);
});

test('call options fall back to the SDK and are validated', () => {
  const sdk = resolveSdkOptions({ baseUrl: 'https://api.example.com', timeoutMs: 1234 });
  const retry = sdk.retry;
  assert.equal(resolveCallOptions(sdk, undefined), { timeoutMs: 1234, idempotencyKey: undefined, retry, deadlineMs: undefined, maxResponseBytes: 10 * 1024 * 1024 });
  assert.equal(resolveCallOptions(sdk, { timeoutMs: 5, idempotencyKey: 'k' }), { timeoutMs: 5, idempotencyKey: 'k', retry, deadlineMs: undefined, maxResponseBytes: 10 * 1024 * 1024 });
  assert.ok(Object.isFrozen(resolveCallOptions(sdk, {})));
  assert.throws(() => resolveCallOptions(sdk, { timeoutMs: 0 }), /options\.timeoutMs/);
  assert.throws(() => resolveCallOptions(sdk, { idempotencyKey: '' }), /idempotencyKey/);
  assert.throws(() => resolveCallOptions(sdk, { idempotencyKey: 'a\r\nX-Evil: 1' }), /idempotencyKey/);
  assert.throws(() => resolveCallOptions(sdk, { signal: {} as AbortSignal }), /options\.signal/);
});

test.run();
