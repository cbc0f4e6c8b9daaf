/**
 * Bundles the page's app (test/browser/app/) the way an app's bundler would build it against
 * the published ESM build: esbuild, browser platform, ES2020 (the published build's target, for
 * Hermes and older Safari), the `import`/`module` conditions. The page runs this code, so the
 * suite tests the runtime as a browser receives it, not as Node's tsx runs it.
 */
import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';
import { root } from '../../helpers/paths.js';

/** The two scripts the page server serves. */
export interface AppBundle {
  /** The app (an ES module) that puts `window.tether` on the page. */
  readonly app: string;
  /** The service worker that keeps the app shell for offline reloads. */
  readonly serviceWorker: string;
}

const COMMON: BuildOptions = {
  bundle: true,
  write: false,
  platform: 'browser',
  target: 'es2020',
  mainFields: ['browser', 'module', 'main'],
  conditions: ['import', 'module', 'default'],
  legalComments: 'none',
  logLevel: 'silent',
  // No source map: it would triple what every page load parses; a page's exception names its message either way.
  sourcemap: false,
};

async function one(entry: string, format: 'esm' | 'iife'): Promise<string> {
  const result = await build({ ...COMMON, entryPoints: [join(root, 'test', 'browser', 'app', entry)], format });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error(`esbuild produced nothing for test/browser/app/${entry}`);
  return file.text;
}

let built: Promise<AppBundle> | undefined;

/** The bundle, built once per process: the runner's worker runs every file of a run, so the browser files share one build. */
export function appBundle(): Promise<AppBundle> {
  built ??= Promise.all([one('main.ts', 'esm'), one('service-worker.ts', 'iife')]).then(([app, serviceWorker]) => ({ app, serviceWorker }));
  return built;
}
