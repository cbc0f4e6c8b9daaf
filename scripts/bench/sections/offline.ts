/**
 * Section 10: offline replay (issue 12). N createOrder mutations queued through `sdk.offline`
 * in a child process, then replayed by `process()` against test/server on loopback (run in the
 * bench's own process, so the child's memory is the SDK's alone); mutations/s for enqueueing
 * and for replaying, and the child's peak memory, for the memory and the file adapter, one
 * scope (strict FIFO) and 16 scopes (parallel up to the default concurrency). Each row checks
 * that the server applied exactly N orders and nothing is left or dead.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { startServer } from '../../../test/server/index.js';
import { bundleWorkload, runWorkload } from '../lib/child.js';
import { scratch } from '../lib/paths.js';
import { fmt, type SectionResult } from '../lib/table.js';

/** The section's heading in docs/benchmarks.md (run.ts and offline-report.ts). */
export const OFFLINE_TITLE = '10. Offline replay (issue 12)';

interface Out {
  count: number;
  sent: number;
  left: number;
  dead: number;
  enqueueMs: number;
  replayMs: number;
  peakHeap: number;
  maxRss: number;
}

/** Rows: storage, mutations, scopes. The file adapter runs with its default `durable: true` (fsync per write). */
const ROWS: ReadonlyArray<readonly ['memory' | 'file', number, number]> = [
  ['memory', 10_000, 1],
  ['memory', 10_000, 16],
  ['file', 2_000, 1],
  ['file', 2_000, 16],
];

export async function offline(): Promise<SectionResult> {
  const workload = await bundleWorkload('offline-replay.ts');
  const server = await startServer({ seedOrders: 0 });
  const rows: string[][] = [];
  try {
    const token = server.tokens.issue('alice@example.com');
    for (const [kind, count, scopes] of ROWS) {
      server.reset();
      const directory = join(scratch, `offline-replay-${process.pid}-${kind}-${scopes}`);
      await rm(directory, { recursive: true, force: true });
      await mkdir(directory, { recursive: true });
      try {
        const out = await runWorkload<Out>(workload, [server.url, token.accessToken, kind, directory, String(count), String(scopes)], { timeoutMs: 600_000 });
        const applied = server.ledger.count('order.created');
        if (applied !== count || out.left !== 0 || out.dead !== 0) {
          throw new Error(`${kind}/${scopes} scopes: ${applied} of ${count} applied, ${out.left} left, ${out.dead} dead`);
        }
        rows.push([
          kind === 'memory' ? 'memoryStorage' : 'fileStorage (durable)',
          fmt.int(count),
          String(scopes),
          fmt.int(count / (out.enqueueMs / 1000)),
          fmt.int(count / (out.replayMs / 1000)),
          fmt.s(out.replayMs),
          fmt.mb(out.peakHeap),
          fmt.mb(out.maxRss),
        ]);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  return {
    tables: [{
      title: 'Offline queue: N createOrder mutations queued, then replayed by process() against test/server on loopback',
      head: ['storage', 'mutations', 'scopes', 'enqueue, mutations/s', 'replay, mutations/s', 'replay time', 'peak heap', 'peak RSS (maxRSS)'],
      rows,
    }],
    goals: [],
    notes: [
      'A child process (bundled with esbuild, plain node) creates the v1 SDK signed in as alice with `offline: { storage, autoProcess: false }`, enqueues N createOrder mutations (each persisted before `enqueue` resolves, with its own Idempotency-Key), then calls `process()` until every one was sent. test/server runs in the bench process on 127.0.0.1, so its handling time is part of each replay; the server applies exactly N orders (checked). One scope: every entry in the default scope `/orders`, sent strictly in order, one at a time. 16 scopes: `enqueue(…, { scope })` round-robin, replayed up to the default concurrency of 4 at once.',
      'Peak heap is sampled every 10 ms in the child; peak RSS is its `process.resourceUsage().maxRSS` (the whole node process: node itself, the bundled SDK and the queue). The file adapter writes each entry to its own file with fsync (`durable: true`, its default), and each replayed entry costs one durable write, its removal (a DELETE also writes its attempt count before the send); it runs 2,000 mutations rather than 10,000 to keep the bench short.',
      'Before the replay changes of docs/offline.md\'s *Replay speed* (commit 7f66e8b, same machine, load average 2.5–5.5), replay ran at 754 and 911 mutations/s (memory, 1 and 16 scopes) and 90 and 75 mutations/s (file, 1 and 16 scopes). The file adapter gained most: a replay of an operation other than DELETE now makes one durable write (the removal) instead of two, and a drain lists the storage once per lease hold instead of before every pass; with the memory adapter the HTTP round trip and test/server dominate, and the figures move with the machine\'s load.',
    ],
  };
}
