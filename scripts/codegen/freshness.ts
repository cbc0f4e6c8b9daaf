/**
 * Whether committed generated/<version>/ is exactly what its spec generates: regenerates into a
 * scratch folder at the same depth (so relative paths in the output match) and compares bytes.
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from './generate.js';

/** Returns one line per difference; empty when generated/<name> is fresh. */
export async function staleFiles(root: string, name: string, spec: string): Promise<string[]> {
  const out = join(root, '.tmp', `fresh-${name}`);
  await rm(out, { recursive: true, force: true });
  await generate({ spec, out, runtimeDir: join(root, 'src') });
  const committed = join(root, 'generated', name);
  if (!existsSync(committed)) return [`generated/${name} is missing: run npm run generate`];
  const problems: string[] = [];
  const want = (await readdir(out)).sort();
  const have = (await readdir(committed)).sort();
  if (want.join() !== have.join()) problems.push(`generated/${name} holds [${have.join(', ')}], expected [${want.join(', ')}]`);
  for (const file of want.filter((f) => have.includes(f))) {
    const [a, b] = await Promise.all([readFile(join(out, file), 'utf8'), readFile(join(committed, file), 'utf8')]);
    if (a !== b) problems.push(`generated/${name}/${file} differs from what the spec generates (stale or edited by hand): run npm run generate`);
  }
  await rm(out, { recursive: true, force: true });
  return problems;
}
