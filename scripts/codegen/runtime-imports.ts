/**
 * Where generated code gets the runtime from. Inside the Tether checkout the SDK imports
 * `src/` by a relative path (so tests and the build see source); anywhere else it imports the
 * package's public exports, never a path into a checkout that will not exist on the app's
 * machine or in its CI.
 */
import { relative, resolve, sep } from 'node:path';

/** The module specifiers generated files import. */
export interface RuntimeImports {
  /** `createRuntime`, `Runtime`, `OperationMethod`, `OperationMeta`, `SdkOptions`. */
  runtime: string;
  /** The runtime's public API, re-exported by each generated `index.ts`. */
  publicApi: string;
  /** valibot, for the generated validators. */
  valibot: string;
  /** The tree-shakable form: `createOperationClient`, `defineOperation`, `Client`. */
  client: string;
}

/** The package's public runtime export (compiled JS + .d.ts, zero dependencies). */
export const PACKAGE_RUNTIME = '@tether/sdk/runtime';
/** The package's valibot export: one bundled copy shared by every generated SDK in an app. */
export const PACKAGE_VALIBOT = '@tether/sdk/valibot';

/** Relative imports from `out` into the runtime sources in `runtimeDir` (the checkout's `src/`). */
export function relativeRuntimeImports(out: string, runtimeDir: string): RuntimeImports {
  let dir = relative(resolve(out), resolve(runtimeDir)).split(sep).join('/');
  if (!dir.startsWith('.')) dir = `./${dir}`;
  return { runtime: `${dir}/runtime.js`, publicApi: `${dir}/index.js`, valibot: `${dir}/valibot.js`, client: `${dir}/client.js` };
}

/** Imports of a published runtime: `@tether/sdk/runtime` unless the app names its own. */
export function packageRuntimeImports(runtime: string = PACKAGE_RUNTIME, valibot: string = PACKAGE_VALIBOT): RuntimeImports {
  // The package's runtime export bundles src/client.ts too (scripts/build.ts).
  return { runtime, publicApi: runtime, valibot, client: runtime };
}
