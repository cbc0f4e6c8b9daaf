/**
 * Section 9: what the HTTP cache (issue 11) saves per read and costs in bytes. Latency: one
 * GET /orders/{orderId} (ETag, `private, max-age=60`, Vary: Authorization) through createSdk
 * against test/server on loopback, uncached vs a memory hit, a disk hit (file adapter, memory
 * tier off), a 304 revalidation and a miss, measured side by side in alternating rounds. Bytes:
 * the one-op app with and without `withCache`, split into the cache's own code and
 * http-cache-semantics.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createSdk } from '../../../generated/v1/index.js';
import { memoryTokenStore } from '../../../src/index.js';
import { fileStorage } from '../../../src/platform/storage/node.js';
import { startServer, type TestServer } from '../../../test/server/index.js';
import { bundleSize, type BundleSize } from '../lib/bundle-size.js';
import { root, scratch } from '../lib/paths.js';
import { fmt, median, type SectionResult, type Table } from '../lib/table.js';

/** The section's heading in docs/benchmarks.md (run.ts and cache-report.ts). */
export const CACHE_TITLE = '9. HTTP cache: hits, revalidation and bytes (issue 11)';

const ROUNDS = 5;
const CALLS = 200;
const WARMUP = 50;
const BASE = 'https://api.example.com';

type Sdk = ReturnType<typeof createSdk>;

/** One way of reading the order: how to prepare before each call, and what the server must see. */
interface Scenario {
  readonly name: string;
  readonly sdk: Sdk;
  /** Untimed work before each timed call (move the clock, empty the cache). */
  readonly before?: () => Promise<void> | void;
  /** Requests to the order's path a call of this scenario must cause (checked after each round). */
  readonly requestsPerCall: 0 | 1;
  /** The `.raw().cache.source` a call must report (undefined: no cache). */
  readonly source: 'network' | 'cache' | 'revalidated' | undefined;
}

/** A clock only the bench moves: entries stay fresh during a round unless a scenario ages them. */
function benchClock(): { now: () => number; advance: (ms: number) => void } {
  let now = Date.now();
  return { now: () => now, advance: (ms) => void (now += ms) };
}

async function latencies(server: TestServer, folder: string): Promise<{ table: Table; bodyBytes: number }> {
  const token = server.tokens.issue('alice@example.com');
  const common = { baseUrl: server.url, auth: { tokenStore: memoryTokenStore(token) }, logLevel: 'off' as const };
  const probe = createSdk(common);
  const id = (await probe.orders.listOrders()).items[0]?.id;
  if (id === undefined) throw new Error('test/server seeded no order for alice');
  const init = { params: { path: { orderId: id } } };
  const path = `/orders/${id}`;

  const staleClock = benchClock();
  const disk = fileStorage({ directory: folder });
  const missSdk = createSdk({ ...common, clock: benchClock(), cache: { storage: fileStorage({ directory: `${folder}-miss` }) } });
  const scenarios: Scenario[] = [
    { name: 'no cache (full loopback round trip)', sdk: createSdk({ ...common, clock: benchClock() }), requestsPerCall: 1, source: undefined },
    { name: 'memory hit (fresh entry in the LRU)', sdk: createSdk({ ...common, clock: benchClock(), cache: {} }), requestsPerCall: 0, source: 'cache' },
    { name: 'disk hit (file adapter, memory tier off: maxEntries 0)', sdk: createSdk({ ...common, clock: benchClock(), cache: { storage: disk, maxEntries: 0 } }), requestsPerCall: 0, source: 'cache' },
    {
      name: '304 revalidation (stale entry, If-None-Match, memory tier)',
      sdk: createSdk({ ...common, clock: staleClock, cache: {} }),
      before: () => staleClock.advance(61_000),
      requestsPerCall: 1,
      source: 'revalidated',
    },
    {
      name: 'miss (memory + file adapter empty: download, then store)',
      sdk: missSdk,
      // Emptied outside the timed call; the flush lets the previous call's file write finish first.
      before: async () => {
        await missSdk.cache.flush();
        await missSdk.cache.clear();
      },
      requestsPerCall: 1,
      source: 'network',
    },
  ];
  // Prime every cache (and its file) so each timed call finds what its scenario needs.
  for (const s of scenarios) {
    await s.sdk.orders.getOrder(init);
    await s.sdk.cache.flush();
  }
  const body = JSON.stringify(await probe.orders.getOrder(init));

  try {
    return await measure(server, scenarios, init, path, Buffer.byteLength(body));
  } finally {
    // Queued file writes end before the scratch folders are removed.
    for (const s of scenarios) await s.sdk.cache.flush();
  }
}

async function measure(server: TestServer, scenarios: readonly Scenario[], init: Parameters<Sdk['orders']['getOrder']>[0], path: string, bodyBytes: number): Promise<{ table: Table; bodyBytes: number }> {
  const medians = new Map<string, number[]>(scenarios.map((s) => [s.name, []]));
  const ratios = new Map<string, number[]>(scenarios.map((s) => [s.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // Alternate the order so no scenario always runs right after the same neighbour.
    const order = round % 2 ? [...scenarios].reverse() : scenarios;
    const roundMedian = new Map<string, number>();
    for (const s of order) {
      const times: number[] = [];
      for (let i = 0; i < WARMUP + CALLS; i++) {
        await s.before?.();
        const seenBefore = server.requests.length;
        const t0 = performance.now();
        await s.sdk.orders.getOrder(init);
        const elapsed = performance.now() - t0;
        const seen = server.requests.slice(seenBefore).filter((r) => r.path === path);
        // A figure is only worth reporting if the call did what its row says.
        if (seen.length !== s.requestsPerCall) throw new Error(`${s.name}: call sent ${seen.length} request(s) for the order, expected ${s.requestsPerCall}`);
        if (s.source === 'revalidated' && seen[0]?.headers['if-none-match'] === undefined) throw new Error(`${s.name}: no If-None-Match sent`);
        if (i >= WARMUP) times.push(elapsed);
      }
      await s.before?.();
      const raw = await s.sdk.orders.getOrder.raw(init);
      if (raw.cache?.source !== s.source) throw new Error(`${s.name}: cache source ${String(raw.cache?.source)}, expected ${String(s.source)}`);
      server.requests.length = 0;
      roundMedian.set(s.name, median(times));
      medians.get(s.name)?.push(median(times));
    }
    const base = roundMedian.get(scenarios[0]!.name) ?? Number.NaN;
    for (const s of scenarios) ratios.get(s.name)?.push((roundMedian.get(s.name) ?? Number.NaN) / base);
  }
  const us = (ms: number) => `${fmt.int(ms * 1000)} µs`;
  const rows = scenarios.map((s) => {
    const m = medians.get(s.name) ?? [];
    const r = ratios.get(s.name) ?? [];
    return [s.name, us(Math.min(...m)), us(median(m)), fmt.ratio(Math.min(...r)), fmt.ratio(median(r)), m.map(us).join(', ')];
  });
  return {
    table: {
      title: `HTTP cache latency: sdk.orders.getOrder through createSdk, test/server on loopback, ${CALLS} sequential calls per scenario per round after ${WARMUP} warm-up, ${ROUNDS} rounds`,
      head: ['read', 'median, best round', 'median, median round', 'vs no cache, best round', 'vs no cache, median round', 'median of each round'],
      rows,
    },
    bodyBytes,
  };
}

/** The one-op v1 app: createClient + getOrder, optionally through withCache. */
function oneOpApp(index: string, cached: boolean): string {
  const options = cached ? `withCache({ baseUrl: '${BASE}', cache: {} })` : `{ baseUrl: '${BASE}' }`;
  return [
    `import { createClient, getOrder${cached ? ', withCache' : ''} } from ${JSON.stringify(index)};`,
    `const client = createClient(${options});`,
    `export const run = (orderId) => getOrder(client, { params: { path: { orderId } } });`,
  ].join('\n');
}

/** Which part of the cache an input file of a bundle belongs to (undefined: not the cache's). */
function cachePart(file: string): string | undefined {
  if (/node_modules\/http-cache-semantics\//.test(file)) return 'http-cache-semantics (Cache-Control parsing, freshness, revalidation headers)';
  if (/src\/repository\/cache\//.test(file)) return 'cache core (src/repository/cache/: LRU, tiered store, keys, scopes, strategies, dedupe)';
  return 'wiring into the SDK and the rest (cache option checks, sdk.cache, call exchange, shared code newly kept)';
}

async function bytes(): Promise<{ table: Table; parts: Table; cacheGz: number; appGz: number }> {
  const index = join(root, 'generated', 'v1', 'index.ts');
  const plain = await bundleSize('cache-one-op-plain', oneOpApp(index, false));
  const cached = await bundleSize('cache-one-op-cached', oneOpApp(index, true));
  const core = await bundleSize('cache-core-only', `import { createHttpCache, runWithStrategy } from ${JSON.stringify(join(root, 'src', 'repository', 'cache', 'index.ts'))};\nexport const run = (send) => runWithStrategy(createHttpCache({}), 'cache-first', { method: 'GET', url: '${BASE}/x', headers: {}, scope: 'a' }, send, {});`);
  const hcs = await bundleSize('cache-hcs-only', `import CachePolicy from 'http-cache-semantics';\nexport const run = (req, res) => new CachePolicy(req, res, { shared: false }).storable();`);
  const delta = cached.gzip - plain.gzip;
  const added = new Map<string, number>();
  let addedTotal = 0;
  for (const [file, n] of cached.inputs) {
    const extra = n - (plain.inputs.get(file) ?? 0);
    if (extra <= 0) continue;
    const part = cachePart(file) ?? 'other';
    added.set(part, (added.get(part) ?? 0) + extra);
    addedTotal += extra;
  }
  const row = (name: string, s: BundleSize, vs: string) => [name, fmt.bytes(s.minified), fmt.bytes(s.gzip), vs];
  return {
    table: {
      title: 'Bytes the cache adds: esbuild, browser, ESM, minified, gzip -9',
      head: ['bundle', 'minified', 'gzip', 'vs the one-op app without cache'],
      rows: [
        row('one-op v1 app, createClient (no cache)', plain, '1.00×'),
        row('one-op v1 app, createClient(withCache(…))', cached, `${fmt.ratio(cached.gzip / plain.gzip)} (+${fmt.bytes(delta)} gz)`),
        row('createHttpCache + runWithStrategy alone (core + http-cache-semantics)', core, ''),
        row('http-cache-semantics alone (CachePolicy)', hcs, ''),
      ],
    },
    parts: {
      title: 'What withCache adds to the one-op app, by part (esbuild metafile bytes; gzip pro rata of the difference)',
      head: ['part', 'minified added', 'gzip (pro rata)'],
      rows: [...added].sort((a, b) => b[1] - a[1]).map(([part, n]) => [part, fmt.bytes(n), `≈ ${fmt.bytes((delta * n) / addedTotal)}`]),
    },
    cacheGz: delta,
    appGz: plain.gzip,
  };
}

/** Runs the section: latency on a fresh test/server, then bundle bytes. */
export async function cache(): Promise<SectionResult> {
  const folder = join(scratch, `cache-${process.pid}`);
  await mkdir(scratch, { recursive: true });
  const server = await startServer({ seedOrders: 1, accessTokenTtlMs: 365 * 24 * 3_600_000 });
  let measured: Awaited<ReturnType<typeof latencies>>;
  try {
    measured = await latencies(server, folder);
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true, maxRetries: 3 });
    await rm(`${folder}-miss`, { recursive: true, force: true, maxRetries: 3 });
  }
  const size = await bytes();
  const cell = (name: string, col: number) => measured.table.rows.find((r) => r[0]?.startsWith(name))?.[col] ?? 'n/a';
  const breakEven = Math.ceil(size.cacheGz / measured.bodyBytes);
  return {
    tables: [measured.table, size.table, size.parts],
    goals: [],
    notes: [
      'Through the SDK: `createSdk` from generated/v1 with `cache` (wired by issue 11), signed in as alice (memory token store), default options otherwise (validate strict, so every answer, cached or not, is parsed and validated). test/server runs in the bench’s own process on 127.0.0.1 and calls are sequential, so its handling time is part of each round trip, as a real backend’s would be (a real one across a network is much slower, which makes every hit worth more than here). Each SDK reads the time from a clock only the bench moves: the memory and disk entries stay fresh, and the revalidation row moves it 61 s (past `max-age=60`) before each call, untimed. The miss row empties memory and files before each call (untimed) and times the read, download and memory write; the file write is queued and finishes after the call resolves.',
      'Each row is checked while measured: hits send no request for the order, revalidations send exactly one with If-None-Match (answered 304), misses one; and `.raw().cache.source` is `cache`, `cache`, `revalidated`, `network`. The disk folder is a scratch folder under .tmp/bench, removed after; the file adapter runs with its default `durable: true`. Ratios are per round (each scenario’s median over the uncached median of the same round), best and median of the rounds.',
      `**Where the cache costs more than it saves.** Time: a miss (${cell('miss', 4)} of an uncached read, median round) and a revalidation that ends in a 304 (${cell('304', 4)}) are never faster than the plain request on loopback: a 304 saves only the body’s download, which on loopback is nearly free, so its gain shows only on slow links; an app whose reads are mostly one-off pays the miss row on each. Bytes: \`withCache\` adds ${fmt.bytes(size.cacheGz)} gz to a one-op app of ${fmt.bytes(size.appGz)} gz (${fmt.ratio((size.appGz + size.cacheGz) / size.appGz)}), and \`createSdk\` carries it always, cache option or not. The order used here is ${fmt.bytes(measured.bodyBytes)} of JSON, so the cache’s code costs as much as ≈ ${breakEven} avoided order downloads (uncompressed body bytes; bundles are usually cached by the browser, downloads are not): for a small app with few repeated reads it does not pay back in bytes, only in latency and offline reads.`,
    ],
  };
}
