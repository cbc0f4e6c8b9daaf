/**
 * The pinned API versions: one folder per version under `openapi/`, each with one spec file;
 * each becomes `generated/<version>/` and the package export `./<version>`.
 */
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface ApiVersion {
  /** Folder name, e.g. `v1`. */
  name: string;
  spec: string;
}

const SPEC_NAMES = ['openapi.yaml', 'openapi.yml', 'openapi.json'];

/** Lists `openapi/<version>/openapi.{yaml,yml,json}` in a stable order. */
export async function listVersions(root: string): Promise<ApiVersion[]> {
  const dir = join(root, 'openapi');
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const versions: ApiVersion[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) {
    const found = SPEC_NAMES.map((n) => join(dir, entry.name, n)).filter((p) => existsSync(p));
    if (found.length > 1) throw new Error(`openapi/${entry.name} holds more than one spec (${found.join(', ')}); keep exactly one`);
    if (found[0]) versions.push({ name: entry.name, spec: found[0] });
  }
  return versions;
}
