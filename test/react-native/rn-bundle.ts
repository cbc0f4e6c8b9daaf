/**
 * The React Native app bundle both RN suites use: test/fixtures/react-native/app.ts bundled as
 * Metro would take the package, with the published neutral build's syntax level and resolution
 * (scripts/build/neutral.ts), from source (no second full `npm run build`), as one classic
 * script (iife): what hermesc compiles and what the RN-globals child runs.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { NEUTRAL_RESOLUTION, NEUTRAL_SYNTAX } from '../../scripts/build/neutral.js';
import { root, scratch } from '../helpers/paths.js';

/** The RN app entry the suites bundle. */
export const RN_APP_ENTRY = join(root, 'test', 'fixtures', 'react-native', 'app.ts');

/** hermesc as React Native ships it (the `hermes-compiler` package), for this OS. */
export const HERMESC =
  process.platform === 'darwin'
    ? join(root, 'node_modules', 'hermes-compiler', 'hermesc', 'osx-bin', 'hermesc')
    : process.platform === 'win32'
      ? join(root, 'node_modules', 'hermes-compiler', 'hermesc', 'win64-bin', 'hermesc.exe')
      : join(root, 'node_modules', 'hermes-compiler', 'hermesc', 'linux64-bin', 'hermesc');


/** A bundle written to a scratch folder. */
export interface RnBundle {
  readonly file: string;
  readonly text: string;
  /** Node built-ins the code imported (each with its importer); none may appear. */
  readonly builtins: readonly string[];
}

/** Records every import of a Node built-in (left external) so the gate can name it. */
function builtinImports(found: string[]): Plugin {
  return {
    name: 'record-node-builtins',
    setup(b) {
      b.onResolve({ filter: /^node:|^(fs|path|crypto|http|https|net|os|stream|url|util|buffer|events|child_process|zlib|tls)$/ }, (args) => {
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Everything the neutral build publishes, as one entry: the runtime, the review, and each
 * pinned SDK, every export kept (a global name), so the gate also covers code the RN app entry
 * does not reach (adapters, the offline queue, streams, sync).
 */
export const PUBLISHED_ENTRY = [
  "export * as runtime from './src/index.ts';",
  "export * as runtimeInternals from './src/runtime.ts';",
  "export * as client from './src/client.ts';",
  "export * as review from './src/review/index.ts';",
  "export * as v1 from './generated/v1/index.ts';",
  "export * as v2 from './generated/v2/index.ts';",
].join('\n');

/** Options of bundleRnApp. */
export interface RnBundleOptions {
  /** Entry file [the RN app]. */
  readonly entry?: string;
  /** Entry source instead of a file, resolved from the repo root; its exports are kept. */
  readonly source?: string;
  /** Syntax level [the published neutral build's]. */
  readonly syntax?: Pick<BuildOptions, 'target' | 'supported'>;
  /** Output file name, without `.js` ['app']. */
  readonly name?: string;
  /**
   * Scratch folder prefix, one per suite, since each suite's `after` removes its own with
   * cleanScratch and suites may run at the same time.
   */
  readonly scratchName: string;
}

/** Bundles the RN app (or `entry`) into a fresh scratch folder. */
export async function bundleRnApp(options: RnBundleOptions): Promise<RnBundle> {
  const builtins: string[] = [];
  const entry: BuildOptions = options.source === undefined
    ? { entryPoints: [options.entry ?? RN_APP_ENTRY] }
    : { stdin: { contents: options.source, resolveDir: root, loader: 'ts', sourcefile: 'published-entry.ts' }, globalName: 'TetherPublished' };
  const result = await build({
    ...entry,
    bundle: true,
    write: false,
    format: 'iife',
    legalComments: 'none',
    logLevel: 'silent',
    ...NEUTRAL_RESOLUTION,
    ...(options.syntax ?? NEUTRAL_SYNTAX),
    plugins: [builtinImports(builtins)],
  });
  const text = result.outputFiles[0]!.text;
  const file = join(await scratch(options.scratchName), `${options.name ?? 'app'}.js`);
  await writeFile(file, text);
  return { file, text, builtins };
}
