/**
 * Done when (issue 8): the packed tarball, installed into an empty app under the OS temp folder
 * (nothing beside it, so nothing resolves from this repo's node_modules), generates an SDK with
 * `npx tether generate`, and a strict consumer of it compiles under every config of the consumer
 * matrix with skipLibCheck off, then runs against test/server — ESM, and CJS through the
 * published `@tether/sdk/v1`.
 */
import { serverSuite } from './helpers/server-suite.js';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { foreignReferences } from '../scripts/build/declarations.js';
import { MATRIX, compile, typeCheck } from './consumer/matrix.js';
import { root } from './helpers/paths.js';

// More than the default 30 s per test: npm pack builds dist/ and installs the tarball into a fresh project: minutes on a loaded 2-core machine.
const test = serverSuite('', { timeoutMs: 300_000 });

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

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

let dir: string;
let app: string;

test.before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tether-consumer-'));
  app = join(dir, 'app');
});
test.after(async () => {
  // The folder goes even when `before` stopped half way (serverSuite closes the server).
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('npm pack: dist only, the tether bin, no dependencies', async () => {
  const packed = must(await run(npm, ['pack', '--json', '--pack-destination', dir], root), 'npm pack');
  const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(info, 'npm pack reports the tarball');
  const paths = info.files.map((f) => f.path);
  for (const want of ['dist/cli/tether.mjs', 'dist/runtime/index.mjs', 'dist/runtime/index.cjs', 'dist/valibot/index.mjs', 'dist/types/runtime.d.ts', 'dist/cjs-types/package.json', 'dist/v1/index.cjs', 'dist/v2/index.mjs', 'dist/v2/index.cjs', 'dist/types/generated/v2/index.d.ts', 'dist/storage-node/index.mjs', 'dist/storage-node/index.cjs', 'dist/types/storage-node.d.ts']) {
    assert.ok(paths.includes(want), `${want} is published`);
  }
  assert.ok(paths.every((p) => p === 'package.json' || p === 'README.md' || p.startsWith('dist/')), 'only dist/ is published');
  const manifest = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: object; bin?: Record<string, string> };
  assert.equal(Object.keys(manifest.dependencies ?? {}), [], 'no runtime dependencies');
  assert.is(manifest.bin?.tether, './dist/cli/tether.mjs');

  await mkdir(app);
  await writeFile(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // Zero dependencies, so --offline cannot miss anything; the registry is never asked.
  must(await run(npm, ['install', '--no-audit', '--no-fund', '--offline', join(dir, info.filename)], app), 'npm install of the tarball');
  assert.equal(await readdir(join(app, 'node_modules')).then((d) => d.filter((n) => !n.startsWith('.'))), ['@tether'], 'the tarball brings nothing else');
});

test('published declarations reference only each other (no valibot, openapi-fetch or @types/node)', async () => {
  const pkg = join(app, 'node_modules', '@tether', 'sdk', 'dist');
  assert.equal(await foreignReferences(join(pkg, 'types')), []);
  assert.equal(await foreignReferences(join(pkg, 'cjs-types')), []);
});

test('@tether/sdk/storage/node resolves in the installed app: types under the ESM matrix, ESM and CJS round trips', async () => {
  await mkdir(join(app, 'src'), { recursive: true });
  await writeFile(join(app, 'src', 'storage.ts'), "import { fileStorage, isStorageError, type FileStorageOptions } from '@tether/sdk/storage/node';\nconst options: FileStorageOptions = { directory: 'store' };\nexport const storage = fileStorage(options);\nexport const check: (e: unknown) => boolean = isStorageError;\n");
  const failures: string[] = [];
  for (const config of MATRIX.filter((c) => c.format === 'esm')) {
    const { errors } = typeCheck([join(app, 'src', 'storage.ts')], config.compilerOptions, app);
    if (errors) failures.push(`${config.name}:\n${errors}`);
  }
  assert.is(failures.join('\n'), '', failures.join('\n'));
  await writeFile(join(app, 'storage.mjs'), "import { fileStorage } from '@tether/sdk/storage/node';\nconst s = fileStorage({ directory: 'store-esm' });\nawait s.setItem('k', 'esm');\nprocess.stdout.write(String(await s.getItem('k')));\n");
  await writeFile(join(app, 'storage.cjs'), "const { fileStorage } = require('@tether/sdk/storage/node');\nconst s = fileStorage({ directory: 'store-cjs' });\ns.setItem('k', 'cjs').then(() => s.getItem('k')).then((v) => process.stdout.write(String(v)));\n");
  assert.is(must(await run(process.execPath, ['storage.mjs'], app), 'ESM import of storage/node').stdout, 'esm');
  assert.is(must(await run(process.execPath, ['storage.cjs'], app), 'CJS require of storage/node').stdout, 'cjs');
  await rm(join(app, 'src', 'storage.ts'));
});

test('npx tether generate writes an SDK importing the package, headed by its own command; check agrees', async () => {
  await cp(join(root, 'openapi', 'v1', 'openapi.yaml'), join(app, 'openapi.yaml'));
  must(await run(npx, ['tether', 'generate', '--spec', 'openapi.yaml', '--out', 'src/api'], app), 'npx tether generate');
  const index = await readFile(join(app, 'src', 'api', 'index.ts'), 'utf8');
  assert.ok(index.includes('run `npx tether generate --spec openapi.yaml --out src/api`'), index.slice(0, 300));
  for (const file of await readdir(join(app, 'src', 'api'))) {
    const text = await readFile(join(app, 'src', 'api', file), 'utf8');
    assert.not.match(text, /from "\.\.\/[^"]*(src|node_modules)\//, `${file} imports no path outside its folder`);
  }
  assert.match(index, /from "@tether\/sdk\/runtime"/);
  assert.match(await readFile(join(app, 'src', 'api', 'validators.js'), 'utf8'), /from "@tether\/sdk\/valibot"/);

  must(await run(npx, ['tether', 'check', '--spec', 'openapi.yaml', '--out', 'src/api'], app), 'tether check on fresh output');
  const services = join(app, 'src', 'api', 'services.ts');
  const original = await readFile(services, 'utf8');
  await writeFile(services, `${original}// edited by hand\n`);
  const stale = await run(npx, ['tether', 'check', '--spec', 'openapi.yaml', '--out', 'src/api'], app);
  await writeFile(services, original);
  assert.is(stale.code, 1);
  assert.match(stale.stderr, /^error: src\/api\/services\.ts: differs from what the spec generates/m);
});

test('the consumer compiles under every config of the matrix (skipLibCheck off)', async () => {
  const api = join(app, 'src', 'api');
  const generated = (await readdir(api)).filter((f) => f.endsWith('.ts')).map((f) => join(api, f));
  await cp(join(root, 'test', 'consumer', 'app', 'main.ts.txt'), join(app, 'src', 'main.ts'));
  await cp(join(root, 'test', 'consumer', 'app', 'main.cts.txt'), join(app, 'main.cts'));
  // The generated SDK inside a CommonJS package too. verbatimModuleSyntax forbids `import` syntax
  // in CommonJS files for every module, so that one config (and only it) turns it off.
  const cjsApp = join(app, 'cjs-package');
  await cp(join(app, 'src'), cjsApp, { recursive: true });
  await writeFile(join(cjsApp, 'package.json'), '{ "type": "commonjs" }\n');
  const cjsGenerated = generated.map((f) => f.replace(join(app, 'src'), cjsApp));
  const failures: string[] = [];
  for (const config of MATRIX) {
    const roots = config.format === 'esm' ? [join(app, 'src', 'main.ts'), ...generated] : [join(app, 'main.cts')];
    const { errors } = typeCheck(roots, config.compilerOptions, app);
    if (errors) failures.push(`${config.name}:\n${errors}`);
  }
  const cjsConfig = MATRIX.find((c) => c.format === 'cjs' && c.compilerOptions.moduleResolution === 'Node16');
  assert.ok(cjsConfig);
  const { errors } = typeCheck([join(cjsApp, 'main.ts'), ...cjsGenerated], { ...cjsConfig.compilerOptions, verbatimModuleSyntax: false }, app);
  if (errors) failures.push(`generated SDK in a CommonJS package:\n${errors}`);
  assert.is(failures.join('\n'), '', failures.join('\n'));
});

test('the compiled consumer runs against test/server (ESM generated SDK, CJS published v1 and v2)', async ({ server }) => {
  const esmConfig = MATRIX.find((c) => c.format === 'esm' && c.compilerOptions.moduleResolution === 'NodeNext');
  const cjsConfig = MATRIX.find((c) => c.format === 'cjs');
  assert.ok(esmConfig && cjsConfig);
  compile([join(app, 'src', 'main.ts')], esmConfig.compilerOptions, app, join(app, 'out'));
  // validators.js and operations.js ship as JavaScript (their .d.ts keep the consumer's tsc
  // cheap) and tsc emits no JS input, so an app building with plain tsc copies them (README).
  for (const file of ['validators.js', 'operations.js']) await copyFile(join(app, 'src', 'api', file), join(app, 'out', 'api', file));
  compile([join(app, 'main.cts')], cjsConfig.compilerOptions, app, join(app, 'out-cjs'));
  const esm = must(await run(process.execPath, [join(app, 'out', 'main.js')], app, { SERVER_URL: server.url }), 'the ESM consumer');
  assert.equal(JSON.parse(esm.stdout.trim()), { email: 'alice@example.com', sku: 'CAP-RED', missing: 'NOT_FOUND' });
  const cjs = must(await run(process.execPath, [join(app, 'out-cjs', 'main.cjs')], app, { SERVER_URL: server.url }), 'the CJS consumer');
  assert.equal(JSON.parse(cjs.stdout.trim()), { cjs: 'UNAUTHORIZED', v2: 'UNAUTHORIZED', same: true });
  assert.is(server.ledger.count('order.created'), 1);
});

test('one app imports @tether/sdk/v1 and /v2 together: no type clash under the matrix, both answer', async ({ server }) => {
  await cp(join(root, 'test', 'consumer', 'app', 'both-versions.ts.txt'), join(app, 'src', 'both.ts'));
  const failures: string[] = [];
  for (const config of MATRIX.filter((c) => c.format === 'esm')) {
    const { errors } = typeCheck([join(app, 'src', 'both.ts')], config.compilerOptions, app);
    if (errors) failures.push(`${config.name}:\n${errors}`);
  }
  assert.is(failures.join('\n'), '', failures.join('\n'));
  const esmConfig = MATRIX.find((c) => c.format === 'esm' && c.compilerOptions.moduleResolution === 'NodeNext');
  assert.ok(esmConfig);
  compile([join(app, 'src', 'both.ts')], esmConfig.compilerOptions, app, join(app, 'out-both'));
  const both = must(await run(process.execPath, [join(app, 'out-both', 'both.js')], app, { SERVER_URL: server.url }), 'the two-version consumer');
  assert.equal(JSON.parse(both.stdout.trim()), { v1: true, v2: true, serverTime: 'number', same: true });
});

test('the ESM builds are platform-neutral and inline their dependencies', async () => {
  for (const name of ['runtime', 'valibot', 'v1', 'v2']) {
    const bundle = await readFile(join(root, 'dist', name, 'index.mjs'), 'utf8');
    assert.not.match(bundle, /from\s*["']node:|require\(["'](node:)?(fs|path|crypto|http|https|net|os|stream|buffer)["']\)/, name);
    assert.not.match(bundle, /from\s*["'](openapi-fetch|valibot)["']/, `${name}: dependencies are inlined`);
  }
});

/** Bundles an app entry of the installed app for the browser, minified, the way its bundler would. */
const bundleApp = async (contents: string): Promise<string> =>
  (await build({ stdin: { contents, resolveDir: app, loader: 'js', sourcefile: 'app.mjs' }, bundle: true, write: false, format: 'esm', platform: 'browser', minify: true, logLevel: 'silent' })).outputFiles[0]!.text;

test('from @tether/sdk/v1, an app that never caches bundles no http-cache-semantics; with the cache it works', async ({ server }) => {
  const call = "getUser(createClient(OPTIONS), { params: { path: { userId: 'u' } } })";
  const plain = await bundleApp(`import { createClient, getUser } from '@tether/sdk/v1';\nexport const run = () => ${call.replace('OPTIONS', "{ baseUrl: 'https://api.example.com' }")};`);
  const cached = await bundleApp(`import { createClient, getUser, withCache } from '@tether/sdk/v1';\nexport const run = () => ${call.replace('OPTIONS', "withCache({ baseUrl: 'https://api.example.com', cache: {} })")};`);
  // http-cache-semantics' own private fields, and the cache's storage key prefix.
  for (const marker of ['_rescc', '_resHeaders', 'tether.cache.v1']) {
    assert.not.ok(plain.includes(marker), `without withCache: ${marker} is not bundled`);
    assert.ok(cached.includes(marker), `withCache: ${marker} is bundled`);
  }
  // The published build loads the library differently (scripts/build.ts, pureCommonJs): a cached answer proves it still works.
  await writeFile(
    join(app, 'cache.mjs'),
    "import { createSdk, memoryTokenStore } from '@tether/sdk/v1';\nconst tokenStore = memoryTokenStore();\nconst sdk = createSdk({ baseUrl: process.env.SERVER_URL, auth: { tokenStore }, cache: { ttlMs: 60000 } });\nconst tokens = await sdk.auth.login({ body: { email: 'alice@example.com', password: 'password123' } });\nawait tokenStore.set({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });\nconst me = await sdk.users.getMe();\nconst get = { params: { path: { userId: me.id } } };\nconst first = await sdk.users.getUser.raw(get);\nconst second = await sdk.users.getUser.raw(get);\nprocess.stdout.write(`${first.cache?.source} ${second.cache?.source}`);\n",
  );
  assert.is(must(await run(process.execPath, ['cache.mjs'], app, { SERVER_URL: server.url }), 'the cache from the published v1').stdout, 'network cache');
});

test.run();
