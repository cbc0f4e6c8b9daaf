/**
 * The published artefact as a consumer gets it: `npm pack`, install the tarball into a fresh
 * project outside this repo (so nothing can resolve from our node_modules), compile a strict
 * TypeScript consumer against `@tether/sdk/v1` and run it — ESM and CJS — against test/server.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './helpers/paths.js';
import { startServer, type TestServer } from './server/index.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async spawn: the test server lives in this process and must keep answering meanwhile. */
function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const must = (r: Run, what: string): Run => {
  assert.is(r.code, 0, `${what} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
};

const CONSUMER_TS = `
import { createSdk, isNetworkError, memoryTokenStore, type components } from '@tether/sdk/v1';

type Order = components['schemas']['Order'];

const tokenStore = memoryTokenStore();
const sdk = createSdk({ baseUrl: process.env.SERVER_URL!, auth: { tokenStore } });
const tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });
await tokenStore.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
const me = await sdk.users.getMe();
const order: Order = await sdk.orders.createOrder({
  body: { items: [{ sku: 'CAP-RED', quantity: 1 }], shippingAddress: { name: 'A', line1: 'l', city: 'c', postalCode: '1', country: 'DE' } },
});
let missing = 'none';
try {
  await sdk.orders.getOrder({ params: { path: { orderId: '00000000-0000-4000-8000-000000000000' } } });
} catch (error) {
  if (isNetworkError(error)) missing = error.type;
}
console.log(JSON.stringify({ email: me.email, sku: order.items[0]?.sku, missing }));
`;

const CONSUMER_CJS = `
const { createSdk, isNetworkError } = require('@tether/sdk/v1');
const sdk = createSdk({ baseUrl: process.env.SERVER_URL });
sdk.users.getMe().then(
  () => console.log(JSON.stringify({ unexpected: true })),
  (error) => console.log(JSON.stringify({ cjs: isNetworkError(error) ? error.type : String(error) })),
);
`;

let server: TestServer;
let dir: string;

test.before(async () => {
  server = await startServer();
  dir = await mkdtemp(join(tmpdir(), 'tether-consumer-'));
});
test.after(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

test('npm pack → fresh project → strict compile → runs against test/server (ESM + CJS)', async () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const packed = must(await run(npm, ['pack', '--json', '--pack-destination', dir], root), 'npm pack');
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(info, 'npm pack reports the tarball');
  const { filename, files } = info;
  const paths = files.map((f) => f.path);
  assert.ok(paths.includes('dist/v1/index.mjs') && paths.includes('dist/v1/index.cjs') && paths.includes('dist/types/generated/v1/index.d.ts'), paths.join('\n'));
  assert.ok(paths.every((p) => p === 'package.json' || p === 'README.md' || p.startsWith('dist/')), 'only dist/ is published');

  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: object; name: string };
  assert.equal(Object.keys(manifest.dependencies ?? {}), [], 'no runtime dependencies');

  const app = join(dir, 'app');
  await run('mkdir', ['-p', app], dir);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  must(await run(npm, ['install', '--no-audit', '--no-fund', '--offline', join(dir, filename)], app), 'npm install of the tarball');
  assert.equal(await readdir(join(app, 'node_modules')).then((d) => d.filter((n) => !n.startsWith('.'))), ['@tether'], 'the tarball brings nothing else');

  await writeFile(join(app, 'main.ts'), CONSUMER_TS);
  await writeFile(join(app, 'main.cjs'), CONSUMER_CJS);
  await writeFile(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: [], skipLibCheck: false, outDir: 'out' },
      files: ['main.ts', 'env.d.ts'],
    }),
  );
  // The consumer has no @types/node; declare the one Node global it reads.
  await writeFile(join(app, 'env.d.ts'), 'declare const process: { env: Record<string, string | undefined> };\n');
  must(await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', app], app), 'tsc of the consumer (skipLibCheck off)');

  const esm = must(await run(process.execPath, [join(app, 'out/main.js')], app, { SERVER_URL: server.url }), 'the ESM consumer');
  assert.equal(JSON.parse(esm.stdout.trim()), { email: 'alice@example.com', sku: 'CAP-RED', missing: 'NOT_FOUND' });
  const cjs = must(await run(process.execPath, [join(app, 'main.cjs')], app, { SERVER_URL: server.url }), 'the CJS consumer');
  assert.equal(JSON.parse(cjs.stdout.trim()), { cjs: 'UNAUTHORIZED' });
  assert.is(server.ledger.count('order.created'), 1);
});

test('the ESM build is platform-neutral: no Node built-ins for browsers and React Native', async () => {
  const bundle = await readFile(join(root, 'dist/v1/index.mjs'), 'utf8');
  assert.not.match(bundle, /from\s*["']node:|require\(["'](node:)?(fs|path|crypto|http|https|net|os|stream|buffer)["']\)/);
  assert.not.match(bundle, /from\s*["'](openapi-fetch|valibot)["']/, 'dependencies are inlined');
});

test.run();
