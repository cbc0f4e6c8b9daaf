/** Entry of the `tether` bin (bundled to dist/cli/tether.mjs by `npm run build`). */
import { runCli } from './cli.js';
import { processIo } from './io.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
