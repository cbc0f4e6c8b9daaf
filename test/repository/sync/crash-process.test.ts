/**
 * A real crash between apply and the cursor write: a child process (fileStorage for the cursor,
 * a JSON file as the app's table) exits right after an apply; the next process repeats that
 * page, and the table ends equal to the server's state and to a full resync.
 */
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serverSuite } from '../../helpers/server-suite.js';
import { cleanScratch, scratch } from '../../helpers/paths.js';
import { bundleNodeFixture } from '../../helpers/node-fixture.js';
import { SEED_ADDRESS } from '../../server/store.js';
import { serverSnapshot } from './helpers.js';

const SCRATCH = 'sync-crash';
const test = serverSuite('sync: a process dies between apply and the cursor write', { timeoutMs: 60_000, server: { seedOrders: 7 } });

let child: string;
test.before(async () => {
  child = await bundleNodeFixture(SCRATCH, 'test/repository/sync/fixtures/crash-child.ts', 'crash-child.mjs');
});
test.after(() => cleanScratch(SCRATCH));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d));
    proc.stderr.on('data', (d: Buffer) => (stderr += d));
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('crash after the 2nd page and after an incremental page: each next run repeats the page; the table equals a full resync', async (ctx) => {
  const token = ctx.server.tokens.issue('alice@example.com').accessToken;
  const dir = join(await scratch(SCRATCH), 'app');
  const sincePulls = () => ctx.server.requests.filter((r) => r.path === '/sync').map((r) => new URL(r.url, 'http://x').searchParams.get('since') ?? '');

  const crashed = await run([ctx.server.url, token, dir, '2']);
  assert.is(crashed.code, 7, crashed.stderr);
  const afterCrash = sincePulls();
  assert.is(afterCrash.length, 2);

  const resumed = await run([ctx.server.url, token, dir, '0']);
  assert.is(resumed.code, 0, resumed.stderr);
  const pulls = sincePulls();
  assert.is(pulls[2], afterCrash[1], 'the page whose cursor was never written is pulled again');

  // Changes while the app is closed, then a crash right after applying them.
  const [first, second] = ctx.server.store.ordersOf('alice@example.com');
  ctx.server.store.updateOrder(first!.id, { note: 'edited elsewhere' });
  ctx.server.store.deleteOrder(second!.id);
  ctx.server.store.createOrder(ctx.server.seed.alice.id, { items: [{ sku: 'MUG-LOGO', quantity: 1 }], shippingAddress: SEED_ADDRESS });
  assert.is((await run([ctx.server.url, token, dir, '1'])).code, 7);
  assert.is((await run([ctx.server.url, token, dir, '0'])).code, 0);

  const table = JSON.parse(await readFile(join(dir, 'local.json'), 'utf8')) as Record<string, number>;
  const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
  assert.equal(sorted, serverSnapshot(ctx.server), 'equals the server, i.e. what a full resync gives');

  const fresh = join(await scratch(SCRATCH), 'fresh');
  assert.is((await run([ctx.server.url, token, fresh, '0'])).code, 0);
  assert.equal(JSON.parse(await readFile(join(fresh, 'local.json'), 'utf8')), table);
});

test.run();
