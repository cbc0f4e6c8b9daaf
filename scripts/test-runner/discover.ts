/** Which test files a run covers: all of them, those matching a pattern, or the quick loop's. */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Test files end so; fixtures of the runner's own tests end `.fixture.ts` and are never picked up. */
const TEST_FILE = /\.test\.ts$/;

/**
 * The quick loop (`npm run test:quick`): the runtime's unit and end-to-end suites, a few seconds.
 * Left out: codegen (real specs, validators, tsc), the packed tarball, the consumer matrix.
 */
export const QUICK_FOLDERS = ['test/runtime/', 'test/network/', 'test/auth/', 'test/service/', 'test/e2e/'] as const;

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (TEST_FILE.test(entry.name)) out.push(path);
  }
}

/** Every test file under test/, as repo-relative POSIX paths in a stable order. */
export function allTestFiles(root: string): string[] {
  const found: string[] = [];
  walk(join(root, 'test'), found);
  return found.map((file) => relative(root, file).split(sep).join('/')).sort();
}

/** The files whose path (from test/ or from the repo root) matches `pattern`, a regular expression as uvu took it. */
export function matching(files: readonly string[], pattern: string): string[] {
  const regex = new RegExp(pattern);
  return files.filter((file) => regex.test(file) || regex.test(file.replace(/^test\//, '')));
}

/** The quick loop's files. */
export function quickFiles(files: readonly string[]): string[] {
  return files.filter((file) => QUICK_FOLDERS.some((folder) => file.startsWith(folder)));
}
