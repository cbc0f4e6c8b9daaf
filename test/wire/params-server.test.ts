/**
 * Parameters end to end: an SDK generated (into a scratch folder) from
 * test/fixtures/wire/parameters.yaml calls test/server's raw /__echo route, and the path, query
 * and header bytes that arrive are exactly what each declared style and explode mean: every
 * path and query style × explode × primitive/array/object, header simple (± explode), cookie
 * form (± explode), `content` JSON in path, query and header, and allowReserved.
 * The generated signatures of the same SDK are type-tested in ./params-signatures.types.ts, by
 * the repo's one tsc program rather than a strict tsc run of its own here (most of this suite's
 * time went to type-checking src/ once more through the scratch copy).
 */
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generate } from '../../scripts/codegen/generate.js';
import { ParameterSerializationError } from '../../src/service/params/errors.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { serverSuite } from '../helpers/server-suite.js';
import type { EchoReply } from '../server/routes/echo.js';

type Call = (init?: unknown) => Promise<EchoReply>;
interface Ctx {
  sdk: { params: Record<string, Call> };
}

const test = serverSuite<Ctx>('parameters on the wire through test/server', { timeoutMs: 60_000 });

test.before(async (ctx) => {
  const out = await scratch('wire-params');
  await generate({ spec: join(root, 'test/fixtures/wire/parameters.yaml'), out, runtimeDir: join(root, 'src') });
  const mod = (await import(pathToFileURL(join(out, 'index.ts')).href)) as { createSdk: (options: unknown) => Ctx['sdk'] };
  ctx.sdk = mod.createSdk({ baseUrl: `${ctx.server.url}/__echo`, logLevel: 'off', retry: { maxRetries: 0 } });
});
test.after(async () => {
  await cleanScratch('wire-params');
});

const prim = 'blue';
const arr = ['blue', 'black', 'brown'];
const obj = { R: 100, G: 200, B: 150 };
const all = { prim, arr, obj };

// given: operation; want: the raw path after /__echo/path/<style>.
const PATHS: ReadonlyArray<readonly [string, string]> = [
  ['pathSimple', '/path/simple/blue/blue,black,brown/R,100,G,200,B,150'],
  ['pathSimpleExploded', '/path/simple-x/blue/blue,black,brown/R=100,G=200,B=150'],
  ['pathLabel', '/path/label/.blue/.blue,black,brown/.R,100,G,200,B,150'],
  ['pathLabelExploded', '/path/label-x/.blue/.blue.black.brown/.R=100.G=200.B=150'],
  ['pathMatrix', '/path/matrix/;prim=blue/;arr=blue,black,brown/;obj=R,100,G,200,B,150'],
  ['pathMatrixExploded', '/path/matrix-x/;prim=blue/;arr=blue;arr=black;arr=brown/;R=100;G=200;B=150'],
];

test('path: simple, label and matrix, each with and without explode, for a primitive, an array and an object', async ({ sdk }) => {
  for (const [operation, want] of PATHS) {
    const echo = await sdk.params[operation]!({ params: { path: all } });
    assert.is(echo.rawPath, `/__echo${want}`, operation);
  }
});

// given: operation and its values; want: the raw query.
const QUERIES: ReadonlyArray<readonly [string, Record<string, unknown>, string]> = [
  ['queryForm', all, 'prim=blue&arr=blue,black,brown&obj=R,100,G,200,B,150'],
  ['queryFormExploded', all, 'prim=blue&arr=blue&arr=black&arr=brown&R=100&G=200&B=150'],
  ['queryDefault', all, 'prim=blue&arr=blue&arr=black&arr=brown&R=100&G=200&B=150'],
  ['querySpaceDelimited', { arr, obj }, 'arr=blue%20black%20brown&obj=R%20100%20G%20200%20B%20150'],
  ['queryPipeDelimited', { arr, obj }, 'arr=blue%7Cblack%7Cbrown&obj=R%7C100%7CG%7C200%7CB%7C150'],
  // Exploded delimited styles are undefined by the specification: sent as exploded form.
  ['querySpaceDelimitedExploded', { arr, obj }, 'arr=blue&arr=black&arr=brown&R=100&G=200&B=150'],
  ['queryPipeDelimitedExploded', { arr, obj }, 'arr=blue&arr=black&arr=brown&R=100&G=200&B=150'],
  ['queryDeepObject', { obj }, 'obj%5BR%5D=100&obj%5BG%5D=200&obj%5BB%5D=150'],
  ['queryForm', { prim: '', arr: [] }, 'prim='],
  ['queryForm', { prim: 'a b&c=d/é', arr: ['x,y', 'z'] }, 'prim=a%20b%26c%3Dd%2F%C3%A9&arr=x%2Cy,z'],
  ['queryReserved', { kept: 'a/b?c=d&e', keptList: ['x/y', 'z:w'], encoded: 'a/b?c=d&e' }, 'kept=a/b?c=d&e&keptList=x/y,z:w&encoded=a%2Fb%3Fc%3Dd%26e'],
];

test('query: form, spaceDelimited, pipeDelimited and deepObject with and without explode; empty values; allowReserved', async ({ sdk }) => {
  for (const [operation, query, want] of QUERIES) {
    const echo = await sdk.params[operation]!({ params: { query } });
    assert.is(echo.rawQuery, want, `${operation} ${JSON.stringify(query)}`);
  }
});

test('header: simple, with and without explode; values as given, not percent-encoded', async ({ sdk }) => {
  const echo = await sdk.params.headers!({ params: { header: { 'X-Prim': 'blue sky/u', 'X-Arr': arr, 'X-Obj': obj, 'X-Obj-Exploded': obj } } });
  assert.is(echo.headers['x-prim'], 'blue sky/u');
  assert.is(echo.headers['x-arr'], 'blue,black,brown');
  assert.is(echo.headers['x-obj'], 'R,100,G,200,B,150');
  assert.is(echo.headers['x-obj-exploded'], 'R=100,G=200,B=150');
});

test('cookie: one Cookie header, form style (exploded by default), values percent-encoded; an app Cookie header is kept', async ({ sdk }) => {
  const echo = await sdk.params.cookies!({ params: { cookie: { session: 'a b;c=d', arr: ['x', 'y'], csv: ['1', '2'], obj: { R: 1, G: 2 } } } });
  assert.is(echo.headers.cookie, 'session=a%20b%3Bc%3Dd; arr=x; arr=y; csv=1,2; R=1; G=2');
  const merged = await sdk.params.cookies!({ params: { cookie: { session: 's' } }, headers: { Cookie: 'theme=dark' } });
  assert.is(merged.headers.cookie, 'theme=dark; session=s');
});

test('content: JSON text in a path segment, a query value and a header', async ({ sdk }) => {
  const echo = await sdk.params.contentParams!({ params: { path: { where: { R: 1 } }, query: { filter: { tags: ['a b'], n: 1 } }, header: { 'X-Filter': { ok: true } } } });
  assert.is(echo.rawPath, '/__echo/content/%7B%22R%22%3A1%7D');
  assert.is(echo.rawQuery, 'filter=%7B%22tags%22%3A%5B%22a%20b%22%5D%2C%22n%22%3A1%7D');
  assert.is(echo.headers['x-filter'], '{"ok":true}');
  assert.equal(JSON.parse(decodeURIComponent(echo.rawQuery.slice('filter='.length))), { tags: ['a b'], n: 1 });
});

test('a value that cannot be serialised is a VALIDATION error from the client, naming the parameter', async ({ sdk }) => {
  const error = (await sdk.params.queryForm!({ params: { query: { prim: 'a\uD800' } } }).then(
    () => undefined,
    (e: unknown) => e,
  )) as { type?: string; attempts?: number; cause?: unknown } | undefined;
  assert.is(error?.type, 'VALIDATION');
  assert.is(error?.attempts, 0, 'never sent');
  assert.instance(error?.cause, ParameterSerializationError);
  assert.is((error?.cause as ParameterSerializationError).code, 'malformed_unicode');
  assert.is((error?.cause as ParameterSerializationError).parameter, 'prim');
});

test.run();
