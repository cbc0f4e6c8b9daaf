/**
 * `npm run check`: fails when generated/ is stale or hand-edited (regenerates every version
 * into a scratch folder and compares bytes), when package.json exports drift from the pinned
 * versions, or when anything fails to type-check.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { staleFiles } from './codegen/freshness.js';
import { exportsMap } from './codegen/package-exports.js';
import { listVersions } from './codegen/versions.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const problems: string[] = [];

async function main(): Promise<void> {
  const versions = await listVersions(root);
  for (const v of versions) problems.push(...(await staleFiles(root, v.name, v.spec)));
  const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  if (JSON.stringify(pkg.exports) !== JSON.stringify(exportsMap(versions.map((v) => v.name)))) {
    problems.push('package.json exports do not match openapi/<version>/: run npm run generate');
  }
  if (pkg.dependencies && Object.keys(pkg.dependencies).length > 0) {
    problems.push(`package.json has runtime dependencies (${Object.keys(pkg.dependencies).join(', ')}): the published SDK must have none`);
  }
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) problems.push('type-check failed (see above)');
  for (const p of problems) process.stderr.write(`check: ${p}\n`);
  if (problems.length === 0) process.stdout.write(`check: ${versions.length} version(s) up to date, types clean\n`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`check: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
