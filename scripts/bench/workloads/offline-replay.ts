/**
 * Child process of the "offline replay" section: queues N createOrder mutations through
 * `sdk.offline` (memory or file storage; autoProcess off, so enqueueing and replaying are timed
 * apart), then replays them with `process()` against the test/server the parent runs, and
 * prints one JSON line: times, peak memory and how many entries are left.
 *   node offline-replay.cjs <baseUrl> <accessToken> <memory|file> <directory> <count> <scopes>
 * `scopes` 1: every entry in one scope (strict FIFO, one at a time); more: spread round-robin
 * over that many scopes, replayed up to the queue's default concurrency (4) in parallel.
 */
import { createSdk, memoryTokenStore } from '../../../generated/v1/index.js';
import { fileStorage } from '../../../src/platform/storage/file-storage.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';

/** The command line, checked. */
function readArgs(): { baseUrl: string; accessToken: string; kind: 'memory' | 'file'; directory: string; count: number; scopes: number } {
  const [baseUrl, accessToken, kind, directory, countText, scopesText] = process.argv.slice(2);
  if (!baseUrl || !accessToken || (kind !== 'memory' && kind !== 'file') || !directory || !countText || !scopesText) {
    throw new Error('usage: offline-replay <baseUrl> <accessToken> <memory|file> <directory> <count> <scopes>');
  }
  return { baseUrl, accessToken, kind, directory, count: Number(countText), scopes: Number(scopesText) };
}

// CommonJS bundle (bench/lib/child.ts): no top-level await, so the run is one async main.
async function main(): Promise<void> {
  const { baseUrl, accessToken, kind, directory, count, scopes } = readArgs();
  // Sampled, not only read at the end: the heap peaks while the queue is full, before the replay.
  let peakHeap = 0;
  const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
  const sampler = setInterval(sample, 10);

  const sdk = createSdk({
    baseUrl,
    logLevel: 'off',
    auth: { tokenStore: memoryTokenStore({ accessToken }) },
    offline: { storage: kind === 'memory' ? memoryStorage() : fileStorage({ directory }), autoProcess: false },
  });
  const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const scope = scopes === 1 ? undefined : { scope: `lane-${i % scopes}` };
    await sdk.offline.enqueue('orders.createOrder', { body: { items: [{ sku: 'MUG-LOGO', quantity: 1 }], note: `bench ${i}`, shippingAddress: address } }, scope);
  }
  const t1 = performance.now();
  sample();
  let sent = 0;
  sdk.offline.on('sent', () => void sent++);
  for (let pass = 0; sent < count && pass < 100; pass++) await sdk.offline.process();
  const t2 = performance.now();
  sample();
  clearInterval(sampler);
  const left = (await sdk.offline.pending()).length;
  const dead = (await sdk.offline.deadLetters()).length;
  await sdk.offline.close();
  process.stdout.write(
    `${JSON.stringify({ count, sent, left, dead, enqueueMs: t1 - t0, replayMs: t2 - t1, peakHeap, maxRss: process.resourceUsage().maxRSS * 1024 })}\n`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
