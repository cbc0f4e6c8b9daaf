/**
 * `npm run build` (also run by `npm pack` through prepack) writes dist/, the whole published
 * package, with no runtime `dependencies`:
 *   dist/runtime/   the runtime (`@tether/sdk/runtime`), openapi-fetch inlined
 *   dist/valibot/   valibot (`@tether/sdk/valibot`), one copy shared by every generated SDK
 *   dist/<version>/ each pinned SDK (`@tether/sdk/<version>`), importing the two above
 *   dist/types/, dist/cjs-types/  declarations for ESM and CJS consumers (see declarations.ts)
 *   dist/storage-node/ the Node-only storage adapters (`@tether/sdk/storage/node`), Node builds only
 *   dist/cli/       the `tether` bin, the generator bundled with its dependencies (build/cli.mjs)
 * ESM builds are platform-neutral ES2020 for browsers, React Native and workers (no Node built-in
 * may appear); CJS builds are for Node.
 */
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { buildCli } from './build/cli.mjs';
import { writeDeclarations } from './build/declarations.js';
import { NEUTRAL_RESOLUTION, NEUTRAL_SYNTAX } from './build/neutral.js';
import { listVersions } from './codegen/versions.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = join(root, 'dist');

/** Fails the neutral build on any Node built-in, so one cannot slip into a browser/RN bundle. */
const noNodeBuiltins: Plugin = {
  name: 'no-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|crypto|http|https|net|os|stream|url|util|buffer|events|child_process)$/ }, (args) => ({
      errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer}: the published ESM build must run in browsers and React Native` }],
    }));
  },
};

/**
 * A pinned SDK imports the runtime and valibot from their own dist folders instead of inlining
 * them, so an app using `@tether/sdk/v1` next to an SDK it generated itself loads one runtime
 * and one valibot.
 */
function sharedRuntime(ext: 'mjs' | 'cjs'): Plugin {
  const targets = new Map([
    [join(root, 'src', 'runtime.js'), `../runtime/index.${ext}`],
    [join(root, 'src', 'index.js'), `../runtime/index.${ext}`],
    [join(root, 'src', 'client.js'), `../runtime/index.${ext}`],
    [join(root, 'src', 'valibot.js'), `../valibot/index.${ext}`],
  ]);
  return {
    name: 'shared-runtime',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) => {
        const target = targets.get(resolve(args.resolveDir, args.path));
        return target === undefined ? undefined : { path: target, external: true };
      });
    },
  };
}

/**
 * CommonJS libraries inlined into the runtime whose evaluation only defines things (no globals
 * touched, nothing required). esbuild evaluates an inlined CommonJS module through a top-level
 * `__toESM(require_x())` call, which an app's bundler must keep as a side effect, so the library
 * would ship even in apps that never call it (http-cache-semantics without the cache). Loading it
 * as an ES module whose one export is a call annotated pure lets that bundler drop it when unused.
 */
const PURE_COMMONJS = ['http-cache-semantics'];

/** Wraps each PURE_COMMONJS package's main file (read from node_modules, unchanged) as described above. */
const pureCommonJs: Plugin = {
  name: 'pure-commonjs',
  setup(b) {
    const filter = new RegExp(`[\\\\/]node_modules[\\\\/](${PURE_COMMONJS.join('|')})[\\\\/][^\\\\/]+\\.js$`);
    b.onLoad({ filter }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (/\brequire\s*\(/.test(source)) {
        return { errors: [{ text: `${args.path} calls require(): it cannot be loaded as a pure ES module; update PURE_COMMONJS` }] };
      }
      // The parameters shadow the names the CommonJS code assigns; the IIFE returns what it exported.
      const contents = `export default /* @__PURE__ */ ((module) => {\n(function (module, exports) {\n${source}\n})(module, module.exports);\nreturn module.exports;\n})({ exports: {} });\n`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * The runtime's public entry: its API plus what generated code imports from src/runtime.ts and
 * src/client.ts (the tree-shakable form).
 */
const RUNTIME_ENTRY = "export * from './src/index.ts';\nexport * from './src/runtime.ts';\nexport * from './src/client.ts';\n";

async function bundleTwice(name: string, options: BuildOptions, plugins: (ext: 'mjs' | 'cjs') => Plugin[] = () => []): Promise<void> {
  const common: BuildOptions = { bundle: true, sourcemap: true, legalComments: 'none', logLevel: 'warning', ...options };
  await build({
    ...common,
    outfile: join(dist, name, 'index.mjs'),
    format: 'esm',
    // ES2020 with async generators lowered, for Hermes (scripts/build/neutral.ts; the Hermes gate checks it).
    ...NEUTRAL_SYNTAX,
    ...NEUTRAL_RESOLUTION,
    plugins: [noNodeBuiltins, pureCommonJs, ...plugins('mjs')],
  });
  await build({ ...common, outfile: join(dist, name, 'index.cjs'), format: 'cjs', platform: 'node', target: 'node20', plugins: [pureCommonJs, ...plugins('cjs')] });
}

async function main(): Promise<void> {
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
    throw new Error(`package.json lists runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}); bundle them instead`);
  }
  const versions = (await listVersions(root)).map((v) => v.name);
  // `--cli-only`: just dist/cli/ (a few seconds; what `npm run generate` does when it is stale).
  if (process.argv.includes('--cli-only')) {
    await buildCli(root);
    process.stdout.write('built dist/cli/\n');
    return;
  }
  await rm(dist, { recursive: true, force: true });
  await bundleTwice('runtime', { stdin: { contents: RUNTIME_ENTRY, resolveDir: root, loader: 'ts', sourcefile: 'runtime-entry.ts' } });
  // The integration review: its own entry, imported by no SDK, so apps that never review ship none of it.
  await bundleTwice('review', { stdin: { contents: "export * from './src/review/index.ts';\n", resolveDir: root, loader: 'ts', sourcefile: 'review-entry.ts' } });
  // Node-only storage adapters (node:fs): their own entry, built for Node in both formats and never
  // neutral, so no browser/RN bundle can reach them. Its StorageError is a copy; the brand check
  // (isStorageError, instanceof) holds across copies.
  for (const [format, ext] of [['esm', 'mjs'], ['cjs', 'cjs']] as const) {
    await build({
      stdin: { contents: "export * from './src/platform/storage/node.ts';\n", resolveDir: root, loader: 'ts', sourcefile: 'storage-node-entry.ts' },
      bundle: true, sourcemap: true, legalComments: 'none', logLevel: 'warning', platform: 'node', target: 'node20', format, outfile: join(dist, 'storage-node', `index.${ext}`),
    });
  }
  await bundleTwice('valibot', { stdin: { contents: "export * from 'valibot';\n", resolveDir: root, loader: 'ts', sourcefile: 'valibot-entry.ts' } });
  for (const version of versions) await bundleTwice(version, { entryPoints: [join(root, 'generated', version, 'index.ts')] }, (ext) => [sharedRuntime(ext)]);
  await writeDeclarations(root, versions);
  await buildCli(root);
  process.stdout.write(`built dist/ for runtime, valibot, ${versions.join(', ')} and the tether CLI\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
