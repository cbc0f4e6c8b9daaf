/**
 * The published declarations. tsc emits dist/types/ from src/ and generated/; this step then
 * makes it stand alone in a consumer that has nothing but @tether/sdk installed:
 * - valibot's own declarations are shipped (dist/types/valibot/) and src/valibot.d.ts points at
 *   them, as the JS bundles inline valibot;
 * - `runtime.d.ts` is the `@tether/sdk/runtime` entry;
 * - every import must be relative and no `/// <reference types>` may remain (a consumer without
 *   @types/node or valibot would fail with skipLibCheck off), else the build fails;
 * - dist/cjs-types/ is the same tree under a `{"type":"commonjs"}` package.json, so a `.cts` or
 *   CommonJS consumer gets declarations in its own module format instead of TS1479.
 */
import { spawnSync } from 'node:child_process';
import { cp, copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** Every file below `dir`, recursively. */
async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))));
  return nested.flat();
}

/** Bare module specifiers and type references in the declarations under `dir` ("file: specifier"). */
export async function foreignReferences(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const file of (await walk(dir)).filter((f) => /\.d\.[cm]?ts$/.test(f))) {
    const info = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    for (const ref of info.importedFiles) if (!ref.fileName.startsWith('.')) found.push(`${relative(dir, file)}: imports "${ref.fileName}"`);
    for (const ref of info.typeReferenceDirectives) found.push(`${relative(dir, file)}: references types "${ref.fileName}"`);
    for (const ref of info.libReferenceDirectives) found.push(`${relative(dir, file)}: references lib "${ref.fileName}"`);
  }
  return found;
}

/** Emits and completes dist/types/ and dist/cjs-types/. */
export async function writeDeclarations(root: string, versions: readonly string[]): Promise<void> {
  const types = join(root, 'dist', 'types');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (tsc.status !== 0) throw new Error('declaration emit failed');
  // tsc does not copy .d.ts inputs; the generated schema types, validators and operations are such.
  for (const version of versions) {
    await mkdir(join(types, 'generated', version), { recursive: true });
    for (const file of ['schema.d.ts', 'validators.d.ts', 'operations.d.ts']) await copyFile(join(root, 'generated', version, file), join(types, 'generated', version, file));
  }
  const valibot = join(root, 'node_modules', 'valibot');
  await mkdir(join(types, 'valibot'), { recursive: true });
  await copyFile(join(valibot, 'dist', 'index.d.mts'), join(types, 'valibot', 'index.d.ts'));
  await copyFile(join(valibot, 'LICENSE.md'), join(types, 'valibot', 'LICENSE.md'));
  await writeFile(join(types, 'src', 'valibot.d.ts'), "export * from '../valibot/index.js';\n");
  await writeFile(join(types, 'review.d.ts'), "export * from './src/review/index.js';\n");
  await writeFile(join(types, 'storage-node.d.ts'), "export * from './src/platform/storage/node.js';\n");
  await writeFile(join(types, 'runtime.d.ts'), "export * from './src/index.js';\nexport * from './src/runtime.js';\nexport * from './src/client.js';\n");

  const foreign = await foreignReferences(types);
  if (foreign.length > 0) throw new Error(`published declarations reference what a consumer may not have:\n  ${foreign.join('\n  ')}`);

  const cjs = join(root, 'dist', 'cjs-types');
  await cp(types, cjs, { recursive: true });
  await writeFile(join(cjs, 'package.json'), '{ "type": "commonjs" }\n');
}
