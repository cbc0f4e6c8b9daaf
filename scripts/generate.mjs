/**
 * `npm run generate`: regenerates `generated/<version>/` for every `openapi/<version>/`.
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
