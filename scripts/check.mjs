/**
 * `npm run check`: fails when generated/ is stale or hand-edited, when package.json exports drift
 * from the pinned versions (both by `tether check`, the compiled bin, built first when missing or
 * stale, as in scripts/generate.mjs), when docs/reference/ differs from what the specs give
 * (scripts/docs/api-reference.ts --check, under tsx), when package.json declares runtime
 * dependencies, or when anything fails to type-check.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCli } from './build/cli.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const problems = [];

const cli = await ensureCli(root, (line) => process.stderr.write(`check: ${line}\n`));
// The bin reads its command line from process.argv when it loads and sets process.exitCode.
process.argv.splice(2, 0, 'check');
await import(pathToFileURL(cli).href);
if (process.exitCode !== 0) problems.push('generated/ or package.json exports out of date (see above)');

// docs/reference/<version>.md follows the specs as generated/ does (scripts/docs/api-reference.ts).
const reference = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/docs/api-reference.ts'), '--check'], { cwd: root, stdio: 'inherit' });
if (reference.status !== 0) problems.push('docs/reference/ out of date (see above)');

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
  problems.push(`package.json has runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}): the published SDK must have none`);
}
const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
if (tsc.status !== 0) problems.push('type-check failed (see above)');
for (const p of problems) process.stderr.write(`check: ${p}\n`);
if (problems.length === 0) process.stdout.write('check: generated/ and docs/reference/ up to date, types clean\n');
process.exitCode = problems.length === 0 ? 0 : 1;
