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

// Many short rounds in alternating order: a neighbour's burst of load then hits every row alike.
const ROUNDS = 8;
const CALLS = 100;
const WARMUP = 30;
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
  // From the server's store rather than a listOrders call: the row measures one operation only.
  const id = server.store.ordersOf('alice@example.com')[0]?.id;
  if (id === undefined) throw new Error('test/server seeded no order for alice');
  const init = { params: { path: { orderId: id } } };
  const path = `/orders/${id}`;

  const staleClock = benchClock();
  const disk = fileStorage({ directory: folder });
  const missSdk = createSdk({ ...common, clock: benchClock(), cache: { storage: fileStorage({ directory: `${folder}-miss` }) } });
  const memoryMissSdk = createSdk({ ...common, clock: benchClock(), cache: {} });
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
      // The entry is removed outside the timed call (invalidate, not clear: clear would also drop
      // the stored owner scope and make the next call rewrite it); the flush waits for the removal.
      before: async () => {
        await missSdk.cache.invalidate('orders.getOrder', init);
        await missSdk.cache.flush();
      },
      requestsPerCall: 1,
      source: 'network',
    },
    {
      name: 'miss, memory only (no storage: download, then store)',
      sdk: memoryMissSdk,
      before: () => memoryMissSdk.cache.invalidate('orders.getOrder', init),
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
  // Round 0 only warms the JIT and the sockets; its figures are dropped.
  for (let round = 0; round <= ROUNDS; round++) {
    // Alternate the order so no scenario always runs right after the same neighbour.
    const order = round % 2 ? [...scenarios].reverse() : scenarios;
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
      if (round > 0) medians.get(s.name)?.push(median(times));
    }
  }
  const base = medians.get(scenarios[0]!.name) ?? [];
  const us = (ms: number) => `${fmt.int(ms * 1000)} µs`;
  const rows = scenarios.map((s) => {
    const m = medians.get(s.name) ?? [];
    return [s.name, us(Math.min(...m)), us(median(m)), fmt.ratio(Math.min(...m) / Math.min(...base)), fmt.ratio(median(m) / median(base)), m.map(us).join(', ')];
  });
  return {
    table: {
      title: `HTTP cache latency: sdk.orders.getOrder through createSdk, test/server on loopback, ${CALLS} sequential calls per scenario per round after ${WARMUP} warm-up, ${ROUNDS} rounds after a warm-up round`,
      head: ['read', 'median, best round', 'median, median round', 'vs no cache (best ÷ best)', 'vs no cache (median ÷ median)', 'median of each round'],
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

const HCS = 'http-cache-semantics (Cache-Control parsing, freshness, revalidation headers)';
const OTHER = 'rest of the runtime kept only with the cache (growth of shared files)';

/** Which part of the cache an input file of a bundle belongs to (undefined: not the cache's). */
function cachePart(file: string): string | undefined {
  if (/node_modules\/http-cache-semantics\//.test(file)) return HCS;
  if (/src\/repository\/cache\//.test(file)) return 'cache core (src/repository/cache/: LRU, tiered store, keys, scopes, strategies, dedupe)';
  if (/src\/repository\/(cache-|cached-|sdk-cache)/.test(file)) return 'wiring into the SDK (cache option checks, scope, call exchange, sdk.cache)';
  return undefined;
}

/** Minified bytes per cache part in one bundle; non-cache files count only by what they grew over `base`. */
function byPart(size: BundleSize, base?: BundleSize): Map<string, number> {
  const parts = new Map<string, number>();
  for (const [file, n] of size.inputs) {
    const part = cachePart(file);
    const bytes = part !== undefined ? n : base ? n - (base.inputs.get(file) ?? 0) : 0;
    if (bytes > 0) parts.set(part ?? OTHER, (parts.get(part ?? OTHER) ?? 0) + bytes);
  }
  return parts;
}

const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

interface CacheBytes {
  readonly table: Table;
  readonly parts: Table;
  /** gzip added by withCache over the one-op app. */
  readonly addedGz: number;
  /** gzip (pro rata) of cache code the one-op app carries without withCache. */
  readonly leakedGz: number;
  readonly leakedParts: readonly string[];
  readonly appGz: number;
}

async function bytes(): Promise<CacheBytes> {
  const index = join(root, 'generated', 'v1', 'index.ts');
  const plain = await bundleSize('cache-one-op-plain', oneOpApp(index, false));
  const cached = await bundleSize('cache-one-op-cached', oneOpApp(index, true));
  const core = await bundleSize('cache-core-only', `import { createHttpCache, runWithStrategy } from ${JSON.stringify(join(root, 'src', 'repository', 'cache', 'index.ts'))};\nexport const run = (send) => runWithStrategy(createHttpCache({}), 'cache-first', { method: 'GET', url: '${BASE}/x', headers: {}, scope: 'a' }, send, {});`);
  const hcs = await bundleSize('cache-hcs-only', `import CachePolicy from 'http-cache-semantics';\nexport const run = (req, res) => new CachePolicy(req, res, { shared: false }).storable();`);
  const addedGz = cached.gzip - plain.gzip;
  const inPlain = byPart(plain);
  const inCached = byPart(cached, plain);
  // gzip cannot be split by file: each part gets the bundle's gzip in proportion to its minified bytes.
  const gzOf = (size: BundleSize, n: number) => (size.gzip * n) / sum(size.inputs.values());
  const leakedGz = gzOf(plain, sum(inPlain.values()));
  const row = (name: string, s: BundleSize, vs: string) => [name, fmt.bytes(s.minified), fmt.bytes(s.gzip), vs];
  return {
    table: {
      title: 'Bytes of the cache: esbuild, browser, ESM, minified, gzip -9',
      head: ['bundle', 'minified', 'gzip', 'vs the one-op app without withCache'],
      rows: [
        row('one-op v1 app (getOrder), createClient without withCache', plain, '1.00×'),
        row('one-op v1 app (getOrder), createClient(withCache({ cache: {} }))', cached, `${fmt.ratio(cached.gzip / plain.gzip)} (+${fmt.bytes(addedGz)} gz)`),
        row('createHttpCache + runWithStrategy alone (core + http-cache-semantics)', core, ''),
        row('http-cache-semantics alone (CachePolicy)', hcs, ''),
      ],
    },
    parts: {
      title: 'Cache code in the one-op app, by part (esbuild metafile minified bytes; gzip pro rata)',
      head: ['part', 'without withCache', 'with withCache', 'gzip with withCache (pro rata)'],
      rows: [...inCached].sort((x, y) => y[1] - x[1]).map(([part, n]) => [part, fmt.bytes(inPlain.get(part) ?? 0), fmt.bytes(n), `≈ ${fmt.bytes(gzOf(cached, n))}`]),
    },
    addedGz,
    leakedGz,
    leakedParts: [...inPlain].filter(([, n]) => n > 0).map(([part, n]) => `${part.replace(/ \(.*$/, '')} ${fmt.bytes(n)}`),
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
  const judged = measured.table.rows.slice(1).map((r) => [`${r[0] ?? ''} ${r[4] ?? ''}`, Number.parseFloat(r[4] ?? '')] as const);
  const slower = judged.filter(([, x]) => x > 1).map(([row]) => row);
  const faster = judged.filter(([, x]) => x <= 1).map(([row]) => row);
  return {
    tables: [measured.table, size.table, size.parts],
    goals: [],
    notes: [
      'Through the SDK: `createSdk` from generated/v1 with `cache` (wired by issue 11), signed in as alice (memory token store), default options otherwise (validate strict, so every answer, cached or not, is parsed and validated). test/server runs in the bench’s own process on 127.0.0.1 and calls are sequential, so its handling time is part of each round trip, as a real backend’s would be (a real one across a network is much slower, which makes every hit worth more than here). Each SDK reads the time from a clock only the bench moves: the memory and disk entries stay fresh, and the revalidation row moves it 61 s (past `max-age=60`) before each call, untimed. The miss rows remove the order’s entry (`sdk.cache.invalidate`, memory and file) before each call (untimed) and time the lookup (memory, then file), download and memory write; the file write is queued and finishes after the call resolves. The memory-only miss row shows the same without a storage adapter.',
      'Each row is checked while measured: hits send no request for the order, revalidations send exactly one with If-None-Match (answered 304), misses one; and `.raw().cache.source` is `cache`, `cache`, `revalidated`, `network`, `network`. The disk folder is a scratch folder under .tmp/bench, removed after; the file adapter runs with its default `durable: true`. Each round’s figure is the median of its calls; ratios divide a row’s best round by the uncached row’s best round, and its median round by the uncached median round.',
      `**Where the cache costs more than it saves.** Time, on this run (median rounds): ${slower.length > 0 ? `slower than the uncached read: ${slower.join('; ')}` : 'no row is slower than the uncached read'}; faster: ${faster.join('; ') || 'none'}. Loopback is the cache’s worst case: the round trip it saves costs well under a millisecond here, so a disk hit can cost more than the request it replaces, and a 304 saves only the body’s download (nearly free on loopback) while adding the conditional request’s and the re-store’s work; on a phone’s network, where a round trip is tens to hundreds of ms, every hit and 304 wins. An app whose reads are mostly one-off pays the miss rows on each.`
      + ` Bytes: \`withCache\` adds ${fmt.bytes(size.addedGz)} gz to a one-op app of ${fmt.bytes(size.appGz)} gz (${fmt.ratio((size.appGz + size.addedGz) / size.appGz)}), and \`createSdk\` carries the cache always, cache option or not. The order read here is ${fmt.bytes(measured.bodyBytes)} of JSON, so those bytes equal ≈ ${Math.ceil(size.addedGz / measured.bodyBytes)} avoided order downloads (uncompressed; a bundle is usually cached by the browser, downloads are not): a small app with few repeated reads does not earn them back in bytes, only in latency and offline reads.`,
      // The CACHE_WIRING symbol (≈ 40 B minified) is what createClient reads to recognise withCache; anything more is a leak.
      size.leakedGz > 100
        ? `**Cache code in an app that does not use the cache.** The one-op app *without* \`withCache\` already carries ${size.leakedParts.join(', ')} (minified; ≈ ${fmt.bytes(size.leakedGz)} gz pro rata): http-cache-semantics is CommonJS, so once any module the app reaches imports it (src/repository/cache/policy.ts: src/runtime.ts imports src/repository/cache-wiring.ts for its CACHE_WIRING symbol, which imports http-cache.ts → policy.ts), esbuild keeps the whole module. test/codegen/tree-shaking.test.ts does not see it, since it looks only for strings of Tether's own cache code. The true cost of the cache to a one-op app is therefore ≈ ${fmt.bytes(size.addedGz + size.leakedGz)} gz, not the difference above.`
        : `The one-op app without \`withCache\` carries no cache code: no http-cache-semantics and no cache module, only ${size.leakedParts.join(', ') || 'nothing'} (the symbol createClient reads to recognise \`withCache\`; test/codegen/tree-shaking.test.ts and test/pack.test.ts check both the source and the published build).`,
    ],
  };
}
