/** Entry of `npm run diff` (run from source with tsx). */
import { processIo } from '../cli/io.js';
import { runDiff } from './main.js';

process.exitCode = await runDiff(process.argv.slice(2), processIo());
