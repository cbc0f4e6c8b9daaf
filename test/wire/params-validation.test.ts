/**
 * Cookie parameters are validated against their schema like path, query and header ones: the
 * committed SDK of test/fixtures/wire/parameters.yaml (test/types/generated-params, whose
 * validators tests/codegen/wire-types keeps in step with the generator) calls test/server. A
 * missing or wrong-typed cookie is VALIDATION from the client and never reaches the server; a
 * valid one is sent. Issues name the cookie without its location (`session`, `obj.R`), as query
 * issues name theirs.
 */
import * as assert from 'uvu/assert';
import { createSdk, type Sdk } from '../types/generated-params/index.js';
import { serverSuite } from '../helpers/server-suite.js';
import type { ValidationIssue } from '../../src/errors/field-errors.js';
import type { EchoReply } from '../server/routes/echo.js';

interface Ctx {
  /** Calls test/server's /__echo. */
  echo: Sdk;
  /**
   * Calls test/server outside /__echo, where every request that arrives is logged
   * (`server.requests`): how a test sees that nothing was sent.
   */
  logged: Sdk;
}

const test = serverSuite<Ctx>('cookie parameters are validated before anything is sent', {
  beforeEach: (ctx) => {
    const options = { logLevel: 'off', retry: { maxRetries: 0 } } as const;
    const c = ctx as typeof ctx & Ctx;
    c.echo = createSdk({ ...options, baseUrl: `${ctx.server.url}/__echo` });
    c.logged = createSdk({ ...options, baseUrl: `${ctx.server.url}/probe` });
  },
});

interface Refusal {
  readonly type?: string;
  readonly source?: string;
  readonly attempts?: number;
  readonly issues?: ReadonlyArray<ValidationIssue>;
  readonly fieldErrors?: Readonly<Record<string, readonly string[]>>;
}

async function refusal(call: Promise<unknown>): Promise<Refusal> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error as Refusal,
  );
  assert.ok(outcome, 'the call was refused');
  return outcome;
}

function paths(error: Refusal): string[] {
  return (error.issues ?? []).map((issue) => issue.path.join('.')).sort();
}

// Values a caller may pass around untyped (JSON from a form, a deep link…): checked at run time.
type Cookies = Parameters<Sdk['params']['cookies']>[0]['params']['cookie'];
const untyped = (cookie: Record<string, unknown>): Cookies => cookie as Cookies;

test('a missing required cookie, or no cookies at all, is VALIDATION from the client naming `session`; nothing is sent', async ({ logged, server }) => {
  for (const cookie of [untyped({ arr: ['x'] }), untyped({})]) {
    const error = await refusal(logged.params.cookies({ params: { cookie } }));
    assert.is(error.type, 'VALIDATION');
    assert.is(error.source, 'client');
    assert.is(error.attempts, 0);
    assert.equal(paths(error), ['session']);
    assert.ok(error.fieldErrors?.['session'], 'field error keyed by the cookie name');
  }
  const noParams = await refusal(logged.params.cookies({} as Parameters<Sdk['params']['cookies']>[0]));
  assert.is(noParams.type, 'VALIDATION');
  assert.equal(paths(noParams), ['session']);
  assert.equal(server.requests, [], 'the server saw no request');
});

test('wrong-typed cookies (a number for a string, a non-string array member, a non-integer object member) are named like query parameters', async ({ logged, server }) => {
  const error = await refusal(logged.params.cookies({ params: { cookie: untyped({ session: 42, arr: ['a', 1], obj: { R: 'red' } }) } }));
  assert.is(error.type, 'VALIDATION');
  assert.is(error.source, 'client');
  assert.equal(paths(error), ['arr.1', 'obj.R', 'session']);
  // The same object value in a query parameter is named the same way: no location prefix.
  const query = await refusal(logged.params.queryForm({ params: { query: { obj: { R: 'red' } as unknown as { R: number } } } }));
  assert.equal(paths(query), ['obj.R']);
  assert.equal(server.requests, [], 'the server saw no request');
});

test('valid cookies pass validation and are sent; the probe route logs a request that does go out', async ({ echo, logged, server }) => {
  const sent = (await echo.params.cookies({ params: { cookie: { session: 's1', arr: ['x'], obj: { R: 1 } } } })) as unknown as EchoReply;
  assert.is(sent.headers.cookie, 'session=s1; arr=x; R=1');
  // The "nothing was sent" checks above can fail: a valid call through the same SDK is logged
  // (test/server answers an unknown path with an error, which is not what this test is about).
  await logged.params.cookies({ params: { cookie: { session: 's2' } } }).catch(() => undefined);
  assert.is(server.requests.length, 1);
  assert.is(server.requests[0]?.headers['cookie'], 'session=s2');
});

test("validate: 'off' sends a wrong-typed cookie as given (the server is the judge)", async ({ server }) => {
  const sdk = createSdk({ baseUrl: `${server.url}/__echo`, logLevel: 'off', retry: { maxRetries: 0 }, validate: 'off' });
  const sent = (await sdk.params.cookies({ params: { cookie: untyped({ session: 42 }) } })) as unknown as EchoReply;
  assert.is(sent.headers.cookie, 'session=42');
});

test.run();
