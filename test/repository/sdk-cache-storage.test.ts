/**
 * The wired cache over real storage adapters, against test/server's /__cache resource (whose
 * caching headers each test picks) through a runtime with one declared operation: no-store
 * answers reach neither memory nor the file adapter's folder, a corrupted file entry is a miss
 * (and the network answers), stale-while-revalidate answers from memory then notifies the
 * subscriber with the new typed data, and an IndexedDB-backed cache (fake-indexeddb) serves a
 * restarted SDK.
 */
import * as assert from 'uvu/assert';
import { readdir } from 'node:fs/promises';
import { IDBFactory } from 'fake-indexeddb';
import { serverSuite } from '../helpers/server-suite.js';
import { cleanScratch, scratchPath } from '../helpers/paths.js';
import { createRuntime, type OperationMeta, type OperationMethod, type SdkOptions } from '../../src/runtime.js';
import { fileStorage } from '../../src/platform/storage/node.js';
import { indexedDbStorage } from '../../src/platform/storage/indexeddb-storage.js';
import { isCacheMiss } from '../../src/repository/cache/cache-miss.js';
import type { CacheUpdate } from '../../src/repository/sdk-cache.js';
import type { StorageAdapter } from '../../src/platform/storage/types.js';

/** GET /__cache/{name}?cc=&vary=&etag= in openapi-typescript's shape. */
interface LabOp {
  parameters: { path: { name: string }; query?: { cc?: string; etag?: string; delayMs?: number } };
  responses: { 200: { content: { 'application/json': { name: string; lang: string; hits: number } } } };
}

const labMeta: OperationMeta = {
  id: 'lab.getItem', operationId: 'getItem', method: 'get', path: '/__cache/{name}', tag: 'lab',
  idempotent: true, idempotencyKeyHeader: undefined, security: [], successStatuses: ['200'], errorStatuses: [],
  requestContentType: undefined, accept: 'application/json', responseKind: 'json', pagination: undefined,
  cacheable: true, deprecated: false, authRole: undefined, schemas: { responses: {} },
};

interface LabSdk {
  lab: { getItem: OperationMethod<LabOp> };
}

const SCRATCH = 'sdk-cache-storage';
const test = serverSuite('sdk cache: real storage adapters');
test.after(() => cleanScratch(SCRATCH));

let folders = 0;

function labSdk(baseUrl: string, storage: StorageAdapter, extra: Partial<SdkOptions> = {}, clock = { now: Date.now() }) {
  const runtime = createRuntime({ baseUrl, logLevel: 'off', retry: false, clock: { now: () => clock.now }, cache: { storage }, ...extra }, { title: 'lab', version: '1', specHash: 'x' });
  const sdk: LabSdk & { cache: ReturnType<typeof runtime.cache<LabSdk>> } = { lab: { getItem: runtime.operation<LabOp>(labMeta) }, cache: runtime.cache<LabSdk>() };
  return { sdk, clock };
}

const cacheFiles = async (storage: StorageAdapter) => (await storage.getAllKeys()).filter((k) => k.startsWith('tether.cache.'));

test('no-store answers reach neither memory nor the file adapter; an earlier stored copy is dropped', async ({ server }) => {
  const dir = scratchPath(`${SCRATCH}-${++folders}`);
  const storage = fileStorage({ directory: dir });
  const { sdk } = labSdk(server.url, storage);
  const init = (cc: string) => ({ params: { path: { name: 'secret' }, query: { cc } } });

  const data = await sdk.lab.getItem(init('no-store'));
  assert.is(data.name, 'secret');
  await sdk.cache.flush();
  assert.equal(await cacheFiles(storage), [], 'nothing written to disk');
  assert.equal((await readdir(dir).catch(() => [])).filter((f) => !f.startsWith('.')), [], 'the folder holds no entry file');
  const miss = await sdk.lab.getItem(init('no-store'), { cache: 'cache-only' }).catch((e: unknown) => e);
  assert.ok(isCacheMiss(miss), 'nothing in memory either: cache-only misses');

  // Same URL twice with a storable answer first, then no-store: the old copy goes too.
  const urlInit = { params: { path: { name: 'flip' } } };
  server.faults.add({ method: 'GET', path: '/__cache/flip', fault: { type: 'status', status: 200, body: { name: 'flip', lang: '', hits: 0 }, headers: { 'cache-control': 'max-age=600' } } });
  await sdk.lab.getItem(urlInit);
  await sdk.cache.flush();
  assert.ok((await cacheFiles(storage)).length > 0, 'the storable answer was written');
  server.faults.add({ method: 'GET', path: '/__cache/flip', fault: { type: 'status', status: 200, body: { name: 'flip', lang: '', hits: 1 }, headers: { 'cache-control': 'no-store' } } });
  await sdk.lab.getItem(urlInit, { cache: 'network-only' });
  await sdk.cache.flush();
  const left = await cacheFiles(storage);
  assert.ok(!(await Promise.all(left.map((k) => storage.getItem(k)))).some((v) => v?.includes('"hits":0')), 'the stored copy is gone');
  assert.ok(isCacheMiss(await sdk.lab.getItem(urlInit, { cache: 'cache-only' }).catch((e: unknown) => e)));
});

test('a corrupted file entry is a miss: removed, and the network answers', async ({ server }) => {
  const dir = scratchPath(`${SCRATCH}-${++folders}`);
  const init = { params: { path: { name: 'doc' }, query: { cc: 'max-age=600' } } };
  const first = labSdk(server.url, fileStorage({ directory: dir }));
  await first.sdk.lab.getItem(init);
  await first.sdk.cache.flush();

  // A restart over the same folder serves from disk, without a request.
  const restarted = labSdk(server.url, fileStorage({ directory: dir }));
  const fromDisk = await restarted.sdk.lab.getItem.raw(init, { cache: 'cache-only' });
  assert.is(fromDisk.cache?.source, 'cache');
  assert.is(fromDisk.data.hits, 1);

  const storage = fileStorage({ directory: dir });
  for (const key of await cacheFiles(storage)) await storage.setItem(key, '{"v":1,"trunc');
  const afterCorruption = labSdk(server.url, storage);
  assert.ok(isCacheMiss(await afterCorruption.sdk.lab.getItem(init, { cache: 'cache-only' }).catch((e: unknown) => e)), 'a corrupt entry is a miss, not a crash');
  const fresh = await afterCorruption.sdk.lab.getItem.raw(init);
  assert.is(fresh.cache?.source, 'network');
  assert.is(fresh.data.hits, 2, 'the server answered');
  // The network answer is written behind the call; the folder is removed after the suite.
  await afterCorruption.sdk.cache.flush();
  await restarted.sdk.cache.flush();
});

test('stale-while-revalidate answers from memory at once, then the subscriber gets the new typed data', async ({ server }) => {
  const { sdk, clock } = labSdk(server.url, fileStorage({ directory: scratchPath(`${SCRATCH}-${++folders}`) }), { cache: { strategy: 'stale-while-revalidate' } });
  const init = { params: { path: { name: 'feed' }, query: { cc: 'max-age=1' } } };
  assert.is((await sdk.lab.getItem(init)).hits, 1);
  clock.now += 5_000;

  const updates: Array<CacheUpdate<{ name: string; lang: string; hits: number }>> = [];
  let notified!: () => void;
  const arrived = new Promise<void>((resolve) => (notified = resolve));
  const off = sdk.cache.subscribe('lab.getItem', init, (update) => {
    updates.push(update);
    notified();
  });
  await off.ready; // listening once the scope is known
  const stale = await sdk.lab.getItem.raw(init);
  assert.is(stale.cache?.source, 'cache');
  assert.is(stale.cache?.stale, true);
  assert.is(stale.data.hits, 1, 'the old answer, at once');
  await arrived;
  off();
  const update = updates[0]!;
  assert.is(update.type, 'updated');
  if (update.type !== 'updated') return;
  assert.is(update.background, true);
  assert.is(update.data.hits, 2, 'the refreshed data, parsed');
  assert.is((await sdk.lab.getItem(init, { cache: 'cache-only' })).hits, 2, 'and stored for the next read');
  await sdk.cache.flush(); // the background answer's write to disk
});

test('an IndexedDB-backed cache (fake-indexeddb) serves a restarted SDK; sdk.cache.invalidate and clear remove entries', async ({ server }) => {
  const factory = new IDBFactory();
  const init = { params: { path: { name: 'catalog' }, query: { cc: 'max-age=600' } } };
  const first = labSdk(server.url, indexedDbStorage({ indexedDB: factory }));
  await first.sdk.lab.getItem(init);
  await first.sdk.cache.flush();

  const second = labSdk(server.url, indexedDbStorage({ indexedDB: factory }));
  const hit = await second.sdk.lab.getItem.raw(init);
  assert.is(hit.cache?.source, 'cache');
  await second.sdk.cache.invalidate('lab.getItem', init);
  assert.ok(isCacheMiss(await second.sdk.lab.getItem(init, { cache: 'cache-only' }).catch((e: unknown) => e)));
  await second.sdk.lab.getItem(init);
  await second.sdk.cache.clear();
  await second.sdk.cache.flush();
  assert.equal(await cacheFiles(indexedDbStorage({ indexedDB: factory })), []);
});

test.run();
