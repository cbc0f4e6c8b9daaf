import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import { root } from '../helpers/paths.js';
import { checkLayers, layerOf, readImportGraph, type ImportGraph } from './layer-graph.js';

test('src/ imports only go down the layers, never in a cycle', () => {
  const graph = readImportGraph(resolve(root, 'src'));
  // Guard against a checker that passes because it saw nothing.
  assert.ok(graph.size > 40, `only ${graph.size} files found`);
  assert.ok([...graph.values()].flat().length > 100, 'too few imports found');
  const violations = checkLayers(graph).map((v) => v.message);
  assert.equal(violations, [], `\n${violations.join('\n')}`);
});

test('every folder of src/ is a known layer; files in src/ itself are the top', () => {
  assert.is(layerOf('runtime.ts'), 'top');
  assert.is(layerOf('contract/operation.ts'), 'contract');
  assert.is(layerOf('platform/storage/types.ts'), 'platform');
  assert.is(layerOf('misc/helper.ts'), undefined);
  const unknown = checkLayers(new Map([['misc/helper.ts', []]]));
  assert.equal(unknown.map((v) => v.kind), ['unknown-layer']);
});

test('the checker catches a synthetic upward import and a cycle, naming the edges', () => {
  const graph: ImportGraph = new Map([
    ['network/retry.ts', ['service/idempotency.ts', 'network/types.ts']],
    ['service/idempotency.ts', ['contract/operation.ts']],
    ['contract/operation.ts', []],
    ['network/types.ts', ['network/backoff.ts']],
    ['network/backoff.ts', ['network/retry.ts']],
    ['errors/a.ts', ['errors/a.ts']],
  ]);
  const messages = checkLayers(graph).map((v) => v.message);
  assert.ok(messages.includes('upward import: network/retry.ts (network) → service/idempotency.ts (service)'), messages.join('\n'));
  assert.ok(messages.includes('import cycle: network/retry.ts → network/types.ts → network/backoff.ts → network/retry.ts'), messages.join('\n'));
  assert.ok(messages.includes('import cycle: errors/a.ts → errors/a.ts'), messages.join('\n'));
  assert.is(messages.length, 3, messages.join('\n'));
});

test('imports are read by the TypeScript scanner: type-only, re-exports and dynamic imports count, comments do not', async () => {
  const { mkdtemp, mkdir, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'tether-layers-'));
  try {
    await mkdir(join(dir, 'network'));
    await mkdir(join(dir, 'service'));
    await writeFile(join(dir, 'service', 'meta.ts'), 'export type M = 1;\n');
    await writeFile(
      join(dir, 'network', 'a.ts'),
      [
        "// import { x } from '../service/commented.js';",
        "import type { M } from '../service/meta.js';",
        "export { y } from './b.js';",
        "const later = () => import('../service/late.js');",
        "const text = \"import '../service/string.js'\";",
      ].join('\n'),
    );
    await writeFile(join(dir, 'network', 'b.ts'), 'export const y = 1;\n');
    const graph = readImportGraph(dir);
    assert.equal(graph.get('network/a.ts'), ['service/meta.ts', 'network/b.ts', 'service/late.ts']);
    assert.equal(checkLayers(graph).map((v) => v.kind), ['upward', 'upward']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.run();
