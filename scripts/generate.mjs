/**
 * `npm run generate`: regenerates `generated/<version>/` for every `openapi/<version>/`, then
 * its API reference, `docs/reference/<version>.md` (scripts/docs/api-reference.ts).
 * `npm run generate -- --spec <file> --out <dir>`: generates an SDK for any spec into `<dir>`.
 * Runs the compiled `tether generate` (dist/cli/tether.mjs, what `npx tether` runs), building it
 * first when it is missing or older than its sources (build/cli.mjs). Plain JavaScript on bare
 * node: no tsx start-up. scripts/generate.ts runs the same code from source.
 */
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCli } from './build/cli.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const cli = await ensureCli(root, (line) => process.stderr.write(`${line}\n`));
// The bin reads its command line from process.argv when it loads; run it in this process.
process.argv.splice(2, 0, 'generate');
await import(pathToFileURL(cli).href);

// The API reference of each pinned version (docs/reference/<version>.md) follows the SDKs it
// documents; only for this repo's own versions, not for `--spec … --out …` runs. tsx runs the
// TypeScript script: it is a dev dependency, and this script only runs in a checkout.
if (!process.exitCode && !process.argv.includes('--spec') && !process.argv.includes('--help')) {
  const { spawnSync } = await import('node:child_process');
  const script = resolve(root, 'scripts/docs/api-reference.ts');
  const docs = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: 'inherit' });
  if (docs.status !== 0) process.exitCode = 1;
}
