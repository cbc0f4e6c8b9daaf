/** Repo paths for tests, independent of the working directory. */
import { mkdir, mkdtemp, readdir, rm, rmdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** Real-world specs vendored into the repo (see its README for provenance); tests never read ../shared. */
export const fixtureSpecs = resolve(root, 'test', 'fixtures', 'specs');

/**
 * This run's scratch root: .tmp/run-<pid>/ of the runner (scripts/test.ts names it in
 * TETHER_TEST_SCRATCH and removes it at the end), or of this process when a file runs alone.
 * Inside the repo, so generated code written there resolves node_modules; per run, so two
 * concurrent runs never clean up each other's files.
 */
export const scratchRoot = process.env['TETHER_TEST_SCRATCH'] ?? join(root, '.tmp', `run-${process.pid}`);

/** A fresh scratch folder `<prefix>-XXXXXX` under this run's scratch root. */
export async function scratch(prefix: string): Promise<string> {
  await mkdir(scratchRoot, { recursive: true });
  return mkdtemp(join(scratchRoot, `${prefix}-`));
}

/** A fixed path under this run's scratch root (not created), for tests that want stable names. */
export function scratchPath(...segments: string[]): string {
  return join(scratchRoot, ...segments);
}

/**
 * Removes what a suite put under the scratch root: every entry named `name` or `name-…`
 * (scratch(name) folders); call it from the suite's `after` hook. Removes the root too once
 * empty, so a file run alone leaves nothing under .tmp/.
 */
export async function cleanScratch(...names: string[]): Promise<void> {
  const entries = await readdir(scratchRoot).catch(() => [] as string[]);
  const mine = entries.filter((entry) => names.some((name) => entry === name || entry.startsWith(`${name}-`)));
  // Retries: a writer the suite did not wait for (a file adapter's temp file) can race rmdir.
  await Promise.all(mine.map((entry) => rm(join(scratchRoot, entry), { recursive: true, force: true, maxRetries: 5, retryDelay: 50 })));
  if (process.env['TETHER_TEST_SCRATCH']) return; // the runner removes its own root
  await rmdir(scratchRoot).catch(() => undefined);
  await rmdir(join(root, '.tmp')).catch(() => undefined);
}
