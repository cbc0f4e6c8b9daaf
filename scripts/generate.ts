/**
 * `npm run generate`: regenerates `generated/<version>/` for every `openapi/<version>/`.
 * `npm run generate -- --spec <file> --out <dir>`: generates an SDK for any spec into `<dir>`.
 * The same code as the `tether generate` bin (scripts/cli/), run from source; a spec that cannot
 * be generated prints one error line naming the file and the place, exit code 1.
 */
import { runCli } from './cli/cli.js';
import { processIo } from './cli/io.js';

process.exitCode = await runCli(['generate', ...process.argv.slice(2)], processIo());
