/**
 * The tree-shakable form really tree-shakes: structural facts about what esbuild keeps, never
 * byte counts (those are the bench's, docs/benchmarks.md). Bundles are minified except for
 * identifiers, so the validator consts keep their generated names and can be looked for.
 */
import { build } from 'esbuild';
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { generate } from '../../scripts/codegen/generate.js';
import { root, scratch } from '../helpers/paths.js';

const V1 = './generated/v1/index.ts';

/** Bundles an app entry for the browser (ESM) the way an app's bundler would: the code, and the files that put bytes in it. */
async function bundleWithInputs(contents: string): Promise<{ text: string; inputs: string[] }> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'app.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    minifySyntax: true,
    minifyWhitespace: true,
    metafile: true,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return { text: result.outputFiles[0]!.text, inputs: Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([path]) => path) };
}

/** Bundles an app entry for the browser (ESM) the way an app's bundler would. */
async function bundle(contents: string): Promise<string> {
  return (await bundleWithInputs(contents)).text;
}

/** Each v1 operation's path template and the validators only it references. */
const OPERATIONS = {
  getUser: { path: '"/users/{userId}"', validators: ['getUserParams'] },
  listOrders: { path: '"/orders"', validators: ['listOrdersParams', 'OrderPageSchema'] },
  createOrder: { path: '"/orders"', validators: ['createOrderParams', 'CreateOrderRequestSchema'] },
  batchGetUsers: { path: '"/users/batch-get"', validators: ['BatchGetUsersRequestSchema', 'BatchGetUsersResponseSchema'] },
  getSync: { path: '"/sync"', validators: ['getSyncParams', 'SyncResponseSchema'] },
  updateOrder: { path: '"/orders/{orderId}"', validators: ['updateOrderParams', 'UpdateOrderRequestSchema'] },
} as const;

/** A message only the pagers (src/service/paginate.ts) carry. */
const PAGER = 'maxPages must be a positive integer';

const others = (kept: readonly string[]) => Object.entries(OPERATIONS).filter(([name]) => !kept.includes(name));

test('one standalone operation bundles without any other operation, its path or its validators', async () => {
  const out = await bundle(`import { createClient, getUser } from '${V1}';\nexport const run = () => getUser(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { userId: 'u' } } });`);
  assert.ok(out.includes(OPERATIONS.getUser.path), 'its own path is there');
  assert.ok(out.includes('getUserParams'), 'its own params validator is there');
  for (const [name, op] of others(['getUser'])) {
    for (const validator of op.validators) assert.not.ok(out.includes(validator), `${validator} (of ${name}) is not bundled`);
  }
  for (const path of ['"/users/batch-get"', '"/sync"', '"/orders/{orderId}"', '"/events"']) assert.not.ok(out.includes(path), `${path} is not bundled`);
  assert.not.ok(out.includes(PAGER), 'no pager code for an operation that is not a list');
});

test('two standalone operations bundle exactly those two (plus what createClient needs)', async () => {
  const out = await bundle(
    `import { createClient, getUser, listOrders } from '${V1}';\nconst c = createClient({ baseUrl: 'https://api.example.com' });\nexport const run = () => Promise.all([getUser(c, { params: { path: { userId: 'u' } } }), listOrders.pages(c)]);`,
  );
  for (const validator of [...OPERATIONS.getUser.validators, ...OPERATIONS.listOrders.validators]) assert.ok(out.includes(validator), validator);
  assert.ok(out.includes(PAGER), 'a list brings the pagers');
  for (const [name, op] of others(['getUser', 'listOrders'])) {
    for (const validator of op.validators) assert.not.ok(out.includes(validator), `${validator} (of ${name}) is not bundled`);
  }
});

test('importing the SDK without calling anything bundles no operation', async () => {
  const out = await bundle(`import { isNetworkError } from '${V1}';\nexport const check = isNetworkError;`);
  for (const op of Object.values(OPERATIONS)) assert.not.ok(out.includes(op.path), `${op.path} is not bundled`);
});

/** Messages only the auth layer carries: the default refresh, HTTP Basic, the credentials checks. */
const AUTH_MARKERS = ['the refresh answer has no accessToken', 'which HTTP Basic cannot carry', 'options.credentials must be an object'];

test('createClient without withAuth bundles no auth layer (token manager, refresh, credentials)', async () => {
  const out = await bundle(`import { createClient, getMe } from '${V1}';\nexport const run = () => getMe(createClient({ baseUrl: 'https://api.example.com' }));`);
  for (const marker of AUTH_MARKERS) assert.not.ok(out.includes(marker), `${marker}: not bundled`);
  assert.not.ok(out.includes('tokenStore'), 'no token store handling');
});

test('createClient(withAuth(options)) and createSdk bundle the auth layer', async () => {
  const standalone = await bundle(
    `import { createClient, getMe, memoryTokenStore, withAuth } from '${V1}';\nexport const run = () => getMe(createClient(withAuth({ baseUrl: 'https://api.example.com', auth: { tokenStore: memoryTokenStore() } })));`,
  );
  const sdk = await bundle(`import { createSdk } from '${V1}';\nexport const sdk = createSdk({ baseUrl: 'https://api.example.com' });`);
  for (const marker of AUTH_MARKERS) {
    assert.ok(standalone.includes(marker), `withAuth: ${marker}`);
    assert.ok(sdk.includes(marker), `createSdk: ${marker}`);
  }
});

// Strings only the cache carries: its storage key prefix, its option checks, its cache-only miss;
// and http-cache-semantics' own private fields (the library the cache parses HTTP caching with).
const CACHE_MARKERS = ['tether.cache.v1', 'must be a strategy name', 'Nothing stored for this request', '_rescc', '_resHeaders'];

/**
 * Files of the cache that must put no byte into an app that never caches: the library, and every
 * cache module (the SHA-256 table, strategies, option defaults). cache-wiring.ts is not listed:
 * its CACHE_WIRING symbol is how createClient recognises `withCache` options.
 */
const CACHE_FILES = /node_modules[\\/]http-cache-semantics[\\/]|src[\\/]repository[\\/](cache[\\/]|cache-options|cache-scope|cached-exchange|sdk-cache)/;

test('createClient without withCache bundles no cache code (nor http-cache-semantics); withCache(options) and createSdk do', async () => {
  const plain = await bundleWithInputs(`import { createClient } from '${V1}';\nimport { getUser } from './generated/v1/functions.js';\nexport const run = () => getUser(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { userId: 'u' } } });`);
  for (const marker of CACHE_MARKERS) assert.not.ok(plain.text.includes(marker), `${marker}: not bundled`);
  assert.equal(plain.inputs.filter((path) => CACHE_FILES.test(path)), [], 'no cache file or http-cache-semantics in the bundle');
  const cached = await bundleWithInputs(
    `import { createClient, getUser, withCache } from '${V1}';\nexport const run = () => getUser(createClient(withCache({ baseUrl: 'https://api.example.com', cache: {} })), { params: { path: { userId: 'u' } } });`,
  );
  const sdk = await bundleWithInputs(`import { createSdk } from '${V1}';\nexport const sdk = createSdk({ baseUrl: 'https://api.example.com' });`);
  for (const marker of CACHE_MARKERS) {
    assert.ok(cached.text.includes(marker), `withCache: ${marker}`);
    assert.ok(sdk.text.includes(marker), `createSdk: ${marker}`);
  }
  for (const [name, { inputs }] of [['withCache', cached], ['createSdk', sdk]] as const) {
    assert.ok(inputs.some((path) => /node_modules[\\/]http-cache-semantics[\\/]/.test(path)), `${name}: http-cache-semantics is bundled`);
  }
});

// Strings only batching carries: its per-item cause, its batcher's option check, its createClient hint.
const BATCH_MARKERS = ['BATCH_ITEM_MISSING', 'createBatcher needs a load', 'hand that operation to withBatch'];

test('createClient without withBatch bundles no batch code; withBatch(options, …) and createSdk do', async () => {
  const plain = await bundle(`import { createClient, getUser } from '${V1}';\nexport const run = () => getUser(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { userId: 'u' } } });`);
  for (const marker of BATCH_MARKERS) assert.not.ok(plain.includes(marker), `${marker}: not bundled`);
  const batched = await bundle(
    `import { createClient, getUser, batchGetUsers, withBatch } from '${V1}';\nexport const run = () => getUser(createClient(withBatch({ baseUrl: 'https://api.example.com' }, getUser, batchGetUsers)), { params: { path: { userId: 'u' } } });`,
  );
  const sdk = await bundle(`import { createSdk } from '${V1}';\nexport const sdk = createSdk({ baseUrl: 'https://api.example.com' });`);
  for (const marker of BATCH_MARKERS) {
    assert.ok(batched.includes(marker), `withBatch: ${marker}`);
    assert.ok(sdk.includes(marker), `createSdk: ${marker}`);
  }
});

test('createSdk binds, and so bundles, every operation and its validators', async () => {
  const out = await bundle(`import { createSdk } from '${V1}';\nexport const sdk = createSdk({ baseUrl: 'https://api.example.com' });`);
  for (const [name, op] of Object.entries(OPERATIONS)) {
    assert.ok(out.includes(op.path), `${name}: path`);
    for (const validator of op.validators) assert.ok(out.includes(validator), `${name}: ${validator}`);
  }
});

/** The bodies fixture SDK (test/fixtures/wire/bodies.yaml): JSON, form, multipart, binary and text operations. */
const BODIES = './test/types/generated-bodies/index.ts';

/** Functions only the full body writer brings (service/body/media-body.ts and what it calls); identifiers survive this bundle. */
const FORM_AND_BINARY = ['mediaBodies', 'chooseMedia', 'serializeBody', 'toMultipart', 'toUrlEncoded'];

test('a GET-only app and a JSON-body app bundle no multipart, urlencoded or binary serializer', async () => {
  const get = await bundle(`import { createClient, getUser } from '${V1}';\nexport const run = () => getUser(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { userId: 'u' } } });`);
  const json = await bundle(`import { createClient, sendJson } from '${BODIES}';\nexport const run = () => sendJson(createClient({ baseUrl: 'https://api.example.com' }), { body: { name: 'n' } } as never);`);
  for (const marker of FORM_AND_BINARY) {
    assert.not.ok(get.includes(marker), `GET: ${marker} is not bundled`);
    assert.not.ok(json.includes(marker), `JSON body: ${marker} is not bundled`);
  }
  assert.ok(json.includes('jsonBodies'), 'the JSON writer is what a JSON body uses');
});

test('an app calling a multipart or a form operation bundles the full body writer', async () => {
  for (const op of ['upload', 'sendForm']) {
    const out = await bundle(`import { createClient, ${op} } from '${BODIES}';\nexport const run = () => ${op}(createClient({ baseUrl: 'https://api.example.com' }), { body: {} } as never);`);
    for (const marker of FORM_AND_BINARY) assert.ok(out.includes(marker), `${op}: ${marker} is bundled`);
  }
});

/** The parameters fixture SDK (test/fixtures/wire/parameters.yaml), generated once into scratch: one operation per style. */
let parametersSdk: Promise<string> | undefined;
const PARAMETERS = (): Promise<string> =>
  (parametersSdk ??= (async () => {
    const out = await scratch('tree-shaking-params');
    await generate({ spec: join(root, 'test/fixtures/wire/parameters.yaml'), out, runtimeDir: join(root, 'src') });
    return join(out, 'index.ts');
  })());

/** Functions only the full parameter serializer brings (service/params/styled-params.ts and what it calls). */
const STYLED_PARAMS = ['styledParams', 'expandPath', 'serializeOne', 'deepObject', 'cookieHeader', 'encodeReserved'];

/** An app calling `op` of the parameters SDK through createClient. */
const paramsApp = async (op: string): Promise<string> =>
  bundle(`import { createClient, ${op} } from '${await PARAMETERS()}';\nexport const run = () => ${op}(createClient({ baseUrl: 'https://api.example.com' }), {} as never);`);

test('apps calling default-style operations (simple path, form query, simple headers, explode either way) bundle no non-default parameter serializer', async () => {
  const get = await bundle(`import { createClient, getUser } from '${V1}';\nexport const run = () => getUser(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { userId: 'u' } } });`);
  for (const [name, out] of [['v1 getUser', get], ...(await Promise.all(['pathSimple', 'pathSimpleExploded', 'queryDefault', 'queryForm', 'headers'].map(async (op) => [op, await paramsApp(op)] as const)))] as const) {
    for (const marker of STYLED_PARAMS) assert.not.ok(out.includes(marker), `${name}: ${marker} is not bundled`);
    assert.ok(out.includes('defaultParams'), `${name}: the default serializer is what it uses`);
  }
});

test('an app calling a deepObject, delimited, label, matrix, cookie, content or allowReserved operation bundles the full parameter serializer', async () => {
  for (const op of ['queryDeepObject', 'queryPipeDelimited', 'pathLabel', 'pathMatrix', 'cookies', 'contentParams', 'queryReserved']) {
    const out = await paramsApp(op);
    for (const marker of STYLED_PARAMS) assert.ok(out.includes(marker), `${op}: ${marker} is bundled`);
  }
});

test.run();
