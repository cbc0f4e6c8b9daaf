/**
 * Where an SDK is being generated, and what that decides: inside the Tether checkout the output
 * imports `src/` relatively and the header says `npm run generate …`; anywhere else (an app that
 * installed the package) it imports the package's public exports and the header says
 * `npx tether generate …` with paths relative to the app's root, so the line works from there
 * on any machine.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_COMMAND } from '../codegen/header.js';
import { packageRuntimeImports, relativeRuntimeImports, type RuntimeImports } from '../codegen/runtime-imports.js';

/** The root of the package this CLI belongs to (two folders up as source and as a bundle). */
export const packageRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** The runtime sources, present only when the CLI runs from a Tether checkout (not installed). */
export function checkoutSources(root: string = packageRoot): string | undefined {
  const src = join(root, 'src');
  return existsSync(join(src, 'runtime.ts')) && existsSync(join(root, 'openapi')) ? src : undefined;
}

const isInside = (dir: string, path: string): boolean => {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** Flags that shape the output beyond spec and folder. */
export interface ImportFlags {
  runtime?: string | undefined;
  valibot?: string | undefined;
}

/** What one `generate`/`check` run writes: import specifiers and the header's command. */
export interface Target {
  imports: RuntimeImports;
  command: string;
}

/** POSIX shell quoting, so the header's command can be pasted as is. */
export function shellQuote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** The nearest folder at or above `start` holding a package.json, else `fallback`. */
export function projectRootOf(start: string, fallback: string): string {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(fallback);
  }
}

const posixRelative = (from: string, to: string): string => relative(from, to).split(sep).join('/') || '.';

/** Decides imports and header command for `--spec <spec> --out <out>`. */
export function targetFor(spec: string, out: string, flags: ImportFlags, cwd: string = process.cwd()): Target {
  const absOut = resolve(cwd, out);
  const absSpec = resolve(cwd, spec);
  const sources = checkoutSources();
  const extra: string[] = [];
  if (flags.runtime !== undefined) extra.push('--runtime', flags.runtime);
  if (flags.valibot !== undefined) extra.push('--valibot', flags.valibot);
  const inCheckout = sources !== undefined && isInside(packageRoot, absOut) && !absOut.split(sep).includes('node_modules');
  const root = inCheckout ? packageRoot : projectRootOf(dirname(absOut), cwd);
  const args = ['--spec', posixRelative(root, absSpec), '--out', posixRelative(root, absOut), ...extra].map(shellQuote).join(' ');
  const imports =
    inCheckout && flags.runtime === undefined && flags.valibot === undefined
      ? relativeRuntimeImports(absOut, sources)
      : packageRuntimeImports(flags.runtime, flags.valibot);
  return { imports, command: inCheckout ? `${REPO_COMMAND} -- ${args}` : `npx tether generate ${args}` };
}
