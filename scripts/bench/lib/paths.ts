/** Where the bench reads from and writes to; every path is absolute so children can run anywhere. */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const root = resolve(benchDir, '..', '..');
/**
 * Scratch space under the repo's .tmp/ (git-ignored and excluded from tsconfig.json), so the
 * generated GitHub SDK (which imports the runtime by relative path) never slows anyone's tsc.
 */
export const scratch = join(root, '.tmp', 'bench');
export const githubSpec = join(root, 'test', 'fixtures', 'specs', 'github.json');
export const benchModules = join(benchDir, 'node_modules');
export const tscBin = join(root, 'node_modules', 'typescript', 'lib', 'tsc.js');
