/** Repo paths for tests, independent of the working directory. */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Real-world specs vendored into the repo (see its README for provenance); tests never read ../shared. */
export const fixtureSpecs = resolve(root, 'test', 'fixtures', 'specs');

/** A fresh scratch folder under .tmp/ (inside the repo, so generated code resolves node_modules). */
export async function scratch(prefix: string): Promise<string> {
  await mkdir(join(root, '.tmp'), { recursive: true });
  return mkdtemp(join(root, '.tmp', `${prefix}-`));
}
