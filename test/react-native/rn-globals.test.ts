/**
 * The RN-globals suite (issue 15): the React Native app bundle (the one the Hermes gate
 * compiles) runs in a child process whose globals are cut down to React Native's on Hermes
 * (test/fixtures/react-native/rn-globals.ts: no AbortSignal.any/timeout, no structuredClone, no
 * TextDecoder, no web streams, crypto.getRandomValues only, and RN's fetch: no response body
 * stream, redirects followed by the platform, no `redirected` flag), against test/server. Each
 * core behaviour works, or degrades as docs/react-native.md says.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import * as assert from 'uvu/assert';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { serverSuite } from '../helpers/server-suite.js';
import { SEED_USERS, type TestServer } from '../server/index.js';
import { bundleRnApp } from './rn-bundle.js';

const test = serverSuite<{ bundle: string; host: string }>('React Native globals', { timeoutMs: 60_000 });

const ALICE = SEED_USERS.find((u) => u.email === 'alice@example.com')!.id;

const SCRATCH = 'rn-globals';

test.before(async (ctx) => {
  ctx.bundle = (await bundleRnApp({ scratchName: SCRATCH })).file;
  const dir = await scratch(SCRATCH);
  ctx.host = join(dir, 'rn-globals.mjs');
  await build({ entryPoints: [join(root, 'test', 'fixtures', 'react-native', 'rn-globals.ts')], outfile: ctx.host, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
});
test.after(() => cleanScratch(SCRATCH));

/** A child that reported nothing, or something else than one result line. */
class ChildFailedError extends Error {
  override readonly name = 'ChildFailedError';
}

/** Runs one scenario of the app in an RN-globals child; resolves with what the app reported. */
function runApp(ctx: { bundle: string; host: string; server: TestServer }, scenario: string, env: Record<string, string> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ctx.host, ctx.bundle], {
      env: { ...process.env, TETHER_RN_BASE_URL: ctx.server.url, TETHER_RN_SCENARIO: scenario, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('{"result"'));
      if (code !== 0 || line === undefined) return reject(new ChildFailedError(`scenario ${scenario}: exit ${code}\n${stdout}\n${stderr}`));
      resolve((JSON.parse(line) as { result: Record<string, unknown> }).result);
    });
  });
}

const hits = (server: TestServer, method: string, path: string): number => server.requests.filter((r) => r.method === method && r.path === path).length;

test('the child really lacks what Hermes and RN lack', async (ctx) => {
  assert.equal(await runApp(ctx, 'globals'), {
    'AbortSignal.any': 'undefined',
    'AbortSignal.timeout': 'undefined',
    structuredClone: 'undefined',
    TextDecoder: 'undefined',
    ReadableStream: 'undefined',
    'crypto.randomUUID': 'undefined',
    'crypto.getRandomValues': 'function',
  });
});

test('a call: login (tokens into SecureStore), then an authenticated GET', async (ctx) => {
  assert.equal(await runApp(ctx, 'call'), { ok: true, value: 'alice@example.com' });
});

test('retry on 503: the second attempt answers', async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'status', status: 503 } });
  assert.equal(await runApp(ctx, 'retry'), { ok: true, value: 'alice@example.com' });
  assert.is(hits(ctx.server, 'GET', '/users/me'), 2);
});

test('timeout without AbortSignal.timeout/any: a hung request fails with TIMEOUT', async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  const result = await runApp(ctx, 'timeout');
  assert.is(result['ok'], false);
  assert.is(result['type'], 'TIMEOUT', String(result['message']));
});

test('timeout while RN buffers a slow body: the attempt still fails with TIMEOUT', async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'drip', bytesPerChunk: 4, intervalMs: 100 } });
  const result = await runApp(ctx, 'bodyTimeout');
  assert.is(result['ok'], false);
  assert.is(result['type'], 'TIMEOUT', String(result['message']));
});

test("the caller's abort without AbortSignal.any: CANCELLED", async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'hang' } });
  const result = await runApp(ctx, 'cancel');
  assert.is(result['ok'], false);
  assert.is(result['type'], 'CANCELLED', String(result['message']));
});

test('auth refresh: an expired access token is refreshed once and the call replayed', async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'expire-token' } });
  assert.equal(await runApp(ctx, 'refresh'), { ok: true, value: 'alice@example.com' });
  assert.is(ctx.server.tokens.refreshCount, 1);
  assert.is(hits(ctx.server, 'GET', '/users/me'), 2);
});

test('cache: the second read of an order is served from the cache (stored in MMKV)', async (ctx) => {
  const result = await runApp(ctx, 'cache');
  assert.is(result['same'], true);
  assert.is(hits(ctx.server, 'GET', `/orders/${String(result['id'])}`), 1);
});

test('redirect: RN follows it itself (manual is ignored); the call succeeds and the SDK warns once that its header rules did not apply', async (ctx) => {
  const wire = `HTTP/1.1 307 Temporary Redirect\r\nLocation: /users/${ALICE}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`;
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'raw', wire } });
  const result = await runApp(ctx, 'redirect');
  assert.is(result['ok'], true, String(result['message']));
  assert.is(result['value'], ALICE);
  const warnings = result['warnings'] as string[];
  assert.is(warnings.filter((w) => w.includes('followed')).length, 1, warnings.join('\n'));
});

test('offline queue: a mutation queued while NetInfo says offline (in AsyncStorage) is sent once NetInfo says online', async (ctx) => {
  const result = await runApp(ctx, 'offline');
  assert.equal(result, { queued: true, pendingOffline: 1, pendingAfter: 0 });
  assert.is(ctx.server.ledger.count('order.created'), 1);
});

test('422: VALIDATION with field errors', async (ctx) => {
  const result = await runApp(ctx, 'validation');
  assert.is(result['ok'], false);
  assert.is(result['type'], 'VALIDATION');
  assert.is(result['status'], 422);
  assert.ok(Object.keys(result['fieldErrors'] as object).some((path) => path.includes('sku')), JSON.stringify(result['fieldErrors']));
});

test('UTF-8 answers decode correctly without TextDecoder (RN decodes bytes one per char)', async (ctx) => {
  const result = await runApp(ctx, 'utf8');
  assert.is(result['created'], result['sent']);
  assert.is(result['fetched'], result['sent']);
});

test('maxResponseBytes without a body stream: checked after the fact, same error (UNKNOWN)', async (ctx) => {
  ctx.server.faults.add({ method: 'GET', path: '/users/me', fault: { type: 'big-body', bytes: 64 * 1024 } });
  const result = await runApp(ctx, 'tooLarge');
  assert.is(result['ok'], false);
  assert.is(result['type'], 'UNKNOWN');
  assert.match(String(result['message']), /maxResponseBytes/);
});

test('without react-native-get-random-values: the call rejects (UNKNOWN, nothing sent) and the cause names the polyfill', async (ctx) => {
  const result = await runApp(ctx, 'call', { TETHER_RN_CRYPTO: 'none' });
  const failed = result['setupFailed'] as Record<string, unknown>;
  assert.is(failed['type'], 'UNKNOWN');
  assert.is(failed['attempts'], 0);
  assert.match(String(failed['cause']), /react-native-get-random-values/);
  assert.is(ctx.server.requests.length, 0, 'nothing reached the server');
});

test.run();
