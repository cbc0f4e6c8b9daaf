/**
 * `tsx scripts/generate.ts [--spec <file> --out <dir>]`: what `npm run generate` does, run from
 * source (tests use it; `npm run generate` runs the compiled bin through scripts/generate.mjs).
 * The same code as the `tether generate` bin (scripts/cli/); a spec that cannot be generated
 * prints one error line naming the file and the place, exit code 1.
 */
import { runCli } from './cli/cli.js';
import { processIo } from './cli/io.js';

process.exitCode = await runCli(['generate', ...process.argv.slice(2)], processIo());
