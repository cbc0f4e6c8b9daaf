/** Writes a generated validators module under the run's scratch folder (beside a valibot shim) and imports it. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as v from 'valibot';
import { scratchPath } from '../../helpers/paths.js';

export async function load(code: string, name: string): Promise<Record<string, v.GenericSchema>> {
  const dir = scratchPath('validators-differential', name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'valibot.ts'), "export * from 'valibot';\n");
  await writeFile(join(dir, 'validators.ts'), code);
  return (await import(pathToFileURL(join(dir, 'validators.ts')).href)) as Record<string, v.GenericSchema>;
}
