/**
 * Section 8: the validators emitter on the GitHub spec (the largest vendored one): emit + print
 * time in this process (best of 3, spec parsing excluded) and `tsc --noEmit --strict` of the
 * emitted module in its own process. These budgets used to be assertions in
 * test/codegen/validators-specs.test.ts; a loaded CI machine is not a benchmark, so they live here.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { print } from '../../codegen/ast.js';
import { emitValidators } from '../../codegen/validators/index.js';
import { operationsOf } from '../../../test/codegen/fixtures/validators/operations.js';
import { measureCommand } from '../lib/child.js';
import { githubSpec, root, scratch, tscBin } from '../lib/paths.js';
import { fmt, type SectionResult } from '../lib/table.js';

const RUNS = 3;
/** The budgets the test suite used to assert. */
const EMIT_BUDGET_MS = 10_000;
const TSC_BUDGET_MS = 30_000;

export async function validators(): Promise<SectionResult> {
  const document = JSON.parse(await readFile(githubSpec, 'utf8')) as Record<string, unknown>;
  const operations = operationsOf(document);
  const openapiVersion = String(document['openapi']).startsWith('3.1') ? '3.1' : '3.0';
  const times: number[] = [];
  let text = '';
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const output = emitValidators({ document, openapiVersion, operations, valibotImport: './valibot.js', diagnostics: { warn: () => undefined } });
    text = print(output.statements);
    times.push(performance.now() - started);
  }
  const emitMs = Math.min(...times);
  const dir = join(scratch, 'validators');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'valibot.ts'), "export * from 'valibot';\n");
  await writeFile(join(dir, 'validators.ts'), text);
  const tsc = await measureCommand(process.execPath, [tscBin, '--noEmit', '--strict', '--skipLibCheck', '--module', 'esnext', '--moduleResolution', 'bundler', '--target', 'es2022', join(dir, 'validators.ts')], { cwd: root, timeoutMs: 180_000 });
  return {
    tables: [
      {
        title: `Validators emitter, test/fixtures/specs/github.json (${operations.length} operations, ${fmt.mb(text.length)} of code)`,
        head: ['step', 'wall', 'peak RSS'],
        rows: [
          [`emit + print (best of ${RUNS}, in process)`, fmt.ms(emitMs), 'n/a'],
          ['tsc --noEmit --strict of the module (own process)', tsc.ok ? fmt.s(tsc.wallMs) : `failed: ${tsc.detail.split('\n')[0] ?? ''}`, tsc.maxRssBytes ? fmt.mb(tsc.maxRssBytes) : 'n/a'],
        ],
      },
    ],
    goals: [
      { goal: 'validators emit + print on GitHub < 10 s', measured: fmt.ms(emitMs), met: emitMs < EMIT_BUDGET_MS },
      { goal: 'tsc --strict of the GitHub validators < 30 s', measured: tsc.ok ? fmt.s(tsc.wallMs) : 'failed', met: tsc.ok ? tsc.wallMs < TSC_BUDGET_MS : undefined },
    ],
    notes: ['Correctness of the same module (samples, mutations, determinism, tree-shaking, that it type-checks at all) stays in test/codegen/validators-specs.test.ts; only the speed budgets moved here.'],
  };
}
