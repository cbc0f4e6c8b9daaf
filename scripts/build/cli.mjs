/**
 * The `tether` bin, dist/cli/tether.mjs: built by `npm run build` (scripts/build.ts) and, when
 * missing or older than its sources, by `npm run generate`/`npm run check` before they run it
 * (scripts/generate.mjs, scripts/check.mjs). Plain JavaScript so those launchers start on bare
 * `node`, without tsx; the types are in cli.d.mts.
 *
 * The generator's dependencies (TypeScript's printer, openapi-typescript, yaml) are bundled
 * rather than declared: the package stays dependency-free and every machine prints with the same
 * TypeScript, which `tether check` needs to compare bytes. Bundled CJS code reads
 * `require`/`__filename`, which ESM lacks, hence the banner.
 */
import { readdirSync, statSync } from 'node:fs';
import { chmod, mkdir, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where the bin is written, relative to the package root. */
export const CLI_PATH = join('dist', 'cli', 'tether.mjs');

/**
 * The bin's worker thread (scripts/codegen/types-worker.ts: openapi-typescript for big specs),
 * bundled next to it and found by `new URL('./types-worker.mjs', import.meta.url)`. Not part of
 * the freshness check: a bin without it generates in one thread (same bytes, slower).
 */
export const CLI_WORKER_PATH = join('dist', 'cli', 'types-worker.mjs');

/**
 * What the bundle is made of: every file under scripts/cli/, scripts/codegen/ and scripts/diff/ (the bundle's
 * own inputs, a superset of what it imports), this file (the build options), and the installed
 * dependencies (node_modules/.package-lock.json, rewritten by every `npm ci`/`npm install`).
 */
export function cliSources(root) {
  const files = [join(root, 'scripts', 'build', 'cli.mjs'), join(root, 'node_modules', '.package-lock.json')];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(join(root, 'scripts', 'cli'));
  walk(join(root, 'scripts', 'codegen'));
  walk(join(root, 'scripts', 'diff'));
  return files;
}

/** Why the bin must be (re)built, or undefined when it is newer than every source. */
export function cliStaleReason(root) {
  let built;
  try {
    built = statSync(join(root, CLI_PATH)).mtimeMs;
  } catch {
    return `${CLI_PATH} is missing`;
  }
  for (const file of cliSources(root)) {
    let mtime;
    try {
      mtime = statSync(file).mtimeMs;
    } catch {
      continue; // e.g. no node_modules/.package-lock.json: nothing to compare
    }
    if (mtime > built) return `${file.slice(root.length + 1)} changed`;
  }
  return undefined;
}

/**
 * Bundles scripts/cli/main.ts into dist/cli/tether.mjs and scripts/codegen/types-worker.ts into
 * dist/cli/types-worker.mjs (each with its LEGAL.txt). Written to a
 * temporary name and renamed, so a concurrent run never imports half a file; the bin's mtime is
 * set to when the build started, so a source saved during the build still counts as newer.
 */
export async function buildCli(root) {
  const started = new Date();
  const { build } = await import('esbuild');
  const outfile = join(root, CLI_PATH);
  const tmp = `${outfile}.${process.pid}.tmp`;
  const result = await build({
    entryPoints: {
      tether: join(root, 'scripts', 'cli', 'main.ts'),
      'types-worker': join(root, 'scripts', 'codegen', 'types-worker.ts'),
    },
    outdir: dirname(outfile),
    outExtension: { '.js': '.mjs' },
    write: false,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'external',
    logLevel: 'warning',
    banner: {
      js: [
        '#!/usr/bin/env node',
        "import { createRequire as __tetherRequire } from 'node:module';",
        "import { fileURLToPath as __tetherPath } from 'node:url';",
        'const require = __tetherRequire(import.meta.url);',
        'const __filename = __tetherPath(import.meta.url);',
        "const __dirname = __tetherPath(new URL('.', import.meta.url));",
      ].join('\n'),
    },
  });
  await mkdir(dirname(outfile), { recursive: true });
  try {
    for (const file of result.outputFiles) {
      if (file.path === outfile) continue;
      await writeFile(`${file.path}.${process.pid}.tmp`, file.contents);
      await rename(`${file.path}.${process.pid}.tmp`, file.path);
    }
    const bin = result.outputFiles.find((f) => f.path === outfile);
    if (!bin) throw new Error(`esbuild wrote no ${CLI_PATH}`);
    await writeFile(tmp, bin.contents, { mode: 0o755 });
    await chmod(tmp, 0o755);
    await utimes(tmp, started, started);
    await rename(tmp, outfile);
  } finally {
    await rm(tmp, { force: true });
  }
  return outfile;
}

/** The bin, built first when missing or stale; `log` hears why it is being built. */
export async function ensureCli(root, log = () => {}) {
  const reason = cliStaleReason(root);
  if (reason === undefined) return join(root, CLI_PATH);
  log(`building ${CLI_PATH} (${reason})`);
  return buildCli(root);
}
