/** `npm run review`: the mobile backend integration review of every openapi/ spec (or `--spec`). */
import { fileURLToPath } from 'node:url';
import { runReview } from './run-review.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
process.exitCode = await runReview(process.argv.slice(2), {
  cwd: process.cwd(),
  root,
  write: (text) => process.stdout.write(text),
  error: (text) => process.stderr.write(text),
});
