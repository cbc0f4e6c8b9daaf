/** Runs the TypeScript compiler over one folder as its own strict project. */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { root } from './paths.js';

export interface TscResult {
  ok: boolean;
  output: string;
  ms: number;
}

/** Writes a strict tsconfig into `dir` and type-checks it (`tsc --noEmit --strict`). */
export async function typecheckFolder(dir: string, extra: Record<string, unknown> = {}): Promise<TscResult> {
  const config = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      skipLibCheck: true,
      types: [],
      ...extra,
    },
    include: ['./**/*.ts'],
  };
  await writeFile(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ ok: code === 0, output, ms: performance.now() - started }));
  });
}
