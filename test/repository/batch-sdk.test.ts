/**
 * `createSdk({ batch })` end to end against test/server: getUser calls made together go out as
 * POST /users/batch-get (counted in the server's request log), each caller gets its own user,
 * unknown ids fail alone, a failed batch fails its callers, and what cannot be batched is not.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../helpers/server-suite.js';
import { signedInSdk } from '../e2e/helpers.js';
import { isNetworkError } from '../../generated/v1/index.js';
import { isBatchItemMissing } from '../../src/repository/batch/errors.js';

const test = serverSuite('batch: createSdk({ batch }) against test/server');

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';
const CAROL = 'ca401000-0000-4000-8000-000000000003';
const REAL = [ALICE, BOB, CAROL];
/** A well-formed id no user has. */
const unknownId = (i: number) => `0000${String(i).padStart(4, '0')}-0000-4000-8000-000000000000`;

const batchPosts = (requests: ReadonlyArray<{ method: string; path: string }>) => requests.filter((r) => r.method === 'POST' && r.path === '/users/batch-get').length;
const singleGets = (requests: ReadonlyArray<{ method: string; path: string }>) => requests.filter((r) => r.method === 'GET' && r.path.startsWith('/users/')).length;

test('100 getUser calls in one tick → ceil(100 / maxBatchSize) batch requests; each caller gets its own user or NOT_FOUND', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: { 'users.getUser': { maxBatchSize: 30 } } });
  server.requests.length = 0;
  const ids = Array.from({ length: 100 }, (_, i) => (i % 33 === 0 && i < 99 ? REAL[i / 33]! : unknownId(i)));
  const results = await Promise.allSettled(ids.map((userId) => sdk.users.getUser({ params: { path: { userId } } })));
  assert.is(batchPosts(server.requests), Math.ceil(100 / 30));
  assert.is(singleGets(server.requests), 0);
  results.forEach((result, i) => {
    if (REAL.includes(ids[i]!)) {
      assert.is(result.status, 'fulfilled', `caller ${i}`);
      assert.is((result as PromiseFulfilledResult<{ id: string }>).value.id, ids[i]);
    } else {
      assert.is(result.status, 'rejected', `caller ${i}`);
      const error = (result as PromiseRejectedResult).reason;
      assert.ok(isNetworkError(error));
      assert.is(error.type, 'NOT_FOUND', error.message);
      assert.ok(isBatchItemMissing(error.cause));
      assert.ok(error.url.endsWith(`/users/${ids[i]}`), error.url);
    }
  });
});

test("the default batch size is the spec's maxItems (100): 100 distinct ids → one request", async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: true });
  server.requests.length = 0;
  const ids = Array.from({ length: 100 }, (_, i) => (i < 3 ? REAL[i]! : unknownId(i)));
  const results = await Promise.allSettled(ids.map((userId) => sdk.users.getUser({ params: { path: { userId } } })));
  assert.is(batchPosts(server.requests), 1);
  assert.equal(results.slice(0, 3).map((r) => r.status), ['fulfilled', 'fulfilled', 'fulfilled']);
});

test('duplicates share one id; the results are typed as getUser\'s and equal what getUser answers', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: true });
  const single = await sdk.users.getUser({ params: { path: { userId: ALICE } } }, { timeoutMs: 10_000 });
  server.requests.length = 0;
  const users = await Promise.all([ALICE, ALICE, CAROL].map((userId) => sdk.users.getUser({ params: { path: { userId } } })));
  assert.is(batchPosts(server.requests), 1);
  assert.equal(users[0], single);
  const name: string = users[2]!.name;
  assert.is(name, 'Carol Example');
});

test('a forbidden id is NOT_FOUND for its caller only (the batch endpoint lists it as missing)', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'alice@example.com', { batch: true });
  const [own, other] = await Promise.allSettled([ALICE, BOB].map((userId) => sdk.users.getUser({ params: { path: { userId } } })));
  assert.is(own!.status, 'fulfilled');
  assert.is(((other as PromiseRejectedResult).reason as { type: string }).type, 'NOT_FOUND');
});

test('a failed batch call fails every caller in it with that NetworkError', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: true, retry: { maxRetries: 0 } });
  server.faults.add({ method: 'POST', path: '/users/batch-get', fault: { type: 'status', status: 503 } });
  const results = await Promise.allSettled(REAL.map((userId) => sdk.users.getUser({ params: { path: { userId } } })));
  for (const result of results) {
    assert.is(result.status, 'rejected');
    const error = (result as PromiseRejectedResult).reason;
    assert.ok(isNetworkError(error));
    assert.is(error.type, 'SERVER');
    assert.is(error.status, 503);
  }
  assert.is((results[0] as PromiseRejectedResult).reason, (results[1] as PromiseRejectedResult).reason);
});

test("a caller's abort before the batch is sent ends only its own call", async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: true });
  server.requests.length = 0;
  const controller = new AbortController();
  const gone = sdk.users.getUser({ params: { path: { userId: ALICE } } }, { signal: controller.signal });
  const kept = sdk.users.getUser({ params: { path: { userId: CAROL } } }, { signal: new AbortController().signal });
  controller.abort();
  assert.is(((await gone.catch((e: unknown) => e)) as { type: string }).type, 'CANCELLED');
  assert.is((await kept).id, CAROL);
  assert.is(batchPosts(server.requests), 1);
});

test('off by default, and calls with their own options, invalid ids or .safe() go out as getUser', async ({ server }) => {
  const plain = await signedInSdk(server, 'bob@example.com');
  server.requests.length = 0;
  await Promise.all(REAL.map((userId) => plain.sdk.users.getUser({ params: { path: { userId } } })));
  assert.is(singleGets(server.requests), 3);
  assert.is(batchPosts(server.requests), 0);

  const { sdk } = await signedInSdk(server, 'bob@example.com', { batch: true });
  server.requests.length = 0;
  const [timed, invalid, safe, batched] = await Promise.allSettled([
    sdk.users.getUser({ params: { path: { userId: ALICE } } }, { timeoutMs: 5_000 }),
    sdk.users.getUser({ params: { path: { userId: 'not-a-uuid' } } }),
    sdk.users.getUser.safe({ params: { path: { userId: BOB } } }),
    sdk.users.getUser({ params: { path: { userId: CAROL } } }),
  ]);
  assert.is(timed!.status, 'fulfilled');
  assert.is(((invalid as PromiseRejectedResult).reason as { type: string }).type, 'VALIDATION');
  assert.is(safe!.status, 'fulfilled');
  assert.is(batched!.status, 'fulfilled');
  assert.is(singleGets(server.requests), 2, 'the timed call and .safe()');
  assert.is(batchPosts(server.requests), 1);
});

test('bad batch options are TypeErrors at createSdk, naming the option', async ({ server }) => {
  const bad = [{ batch: { 'users.getUser': { maxBatchSize: 0 } } }, { batch: { 'users.getUser': { maxBatchSize: 101 } } }, { batch: 'yes' }, { batch: { 'users.getUser': { windowMs: -1 } } }];
  for (const extra of bad) {
    const error = await signedInSdk(server, 'bob@example.com', extra as object).catch((e: unknown) => e);
    assert.instance(error, TypeError);
    assert.match((error as Error).message, /options\.batch/);
  }
});

test.run();
