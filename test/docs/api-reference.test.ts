/**
 * docs/reference/<version>.md: fresh (byte-identical to what the specs give, as
 * test/codegen/freshness.test.ts checks generated/), complete (every operation and component
 * schema of v1 and v2, read from the spec itself, not from the renderer's model), stale
 * detection on a scratch copy, and every example call type-checks against the generated SDK.
 */
import * as assert from 'uvu/assert';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import ts from 'typescript';
import { suite } from '../helpers/timed-suite.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { staleReferences, writeReferences } from '../../scripts/docs/api-reference.js';
import { listVersions } from '../../scripts/codegen/versions.js';

const SCRATCH = 'api-reference';
const test = suite('api reference', {}, { timeoutMs: 90_000 });
test.after(() => cleanScratch(SCRATCH));

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** `[METHOD path, operationId]` of every operation, straight from the spec file. */
async function specOperations(spec: string): Promise<Array<[string, string | undefined]>> {
  const document = parse(await readFile(spec, 'utf8')) as { paths?: Record<string, Record<string, { operationId?: string }>> };
  const found: Array<[string, string | undefined]> = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) if (item[method]) found.push([`${method.toUpperCase()} ${path}`, item[method]!.operationId]);
  }
  return found;
}

test('the committed references are what the specs generate (run npm run generate when this fails)', async () => {
  assert.equal(await staleReferences(root), []);
});

test('each reference names every operation of its spec (method, path, operationId), every schema, and the error types', async () => {
  const versions = await listVersions(root);
  assert.equal(versions.map((version) => version.name).filter((name) => name === 'v1' || name === 'v2'), ['v1', 'v2']);
  for (const version of versions) {
    const reference = await readFile(join(root, 'docs/reference', `${version.name}.md`), 'utf8');
    const operations = await specOperations(version.spec);
    assert.ok(operations.length > 5, `${version.name} has operations`);
    for (const [route, operationId] of operations) {
      assert.ok(reference.includes(`\`${route}\``), `${version.name}: ${route}`);
      if (operationId) assert.ok(reference.includes(`operationId \`${operationId}\``), `${version.name}: ${operationId}`);
    }
    assert.is((reference.match(/^\*\*Example\*\*$/gm) ?? []).length, operations.length, `${version.name}: one example per operation`);
    assert.is((reference.match(/^\*\*Fails with\*\* `NetworkError`:$/gm) ?? []).length, operations.length);
    const document = parse(await readFile(version.spec, 'utf8')) as { components?: { schemas?: Record<string, unknown> } };
    for (const name of Object.keys(document.components?.schemas ?? {})) assert.ok(reference.includes(`\n### ${name}\n`), `${version.name}: schema ${name}`);
    for (const type of ['CONNECTION', 'TIMEOUT', 'SERVER', 'CLIENT', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION', 'RATE_LIMITED', 'CANCELLED', 'UNKNOWN']) {
      assert.ok(reference.includes(`| \`${type}\` |`), `${version.name}: ${type}`);
    }
  }
});

test('a missing or hand-edited reference is reported; writing it makes it fresh (on a scratch copy of the specs)', async () => {
  const copy = await scratch(SCRATCH);
  await cp(join(root, 'openapi'), join(copy, 'openapi'), { recursive: true });
  const missing = await staleReferences(copy);
  assert.ok(missing.includes('docs/reference/v1.md is missing: run npm run generate'), missing.join('\n'));
  assert.equal((await writeReferences(copy)).sort(), ['docs/reference/v1.md', 'docs/reference/v2.md']);
  assert.equal(await staleReferences(copy), []);
  assert.equal(await writeReferences(copy), [], 'deterministic: a second run writes nothing');
  const file = join(copy, 'docs/reference/v1.md');
  await writeFile(file, (await readFile(file, 'utf8')).replace('## Types', '## Types (edited)'));
  assert.equal(await staleReferences(copy), ['docs/reference/v1.md differs from what the spec generates (stale or edited by hand): run npm run generate']);
});

test('every example call of v1 and v2 type-checks against the generated SDK', async () => {
  const dir = join(await scratch(SCRATCH), 'examples');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const version of ['v1', 'v2']) {
    const reference = await readFile(join(root, 'docs/reference', `${version}.md`), 'utf8');
    const examples = [...reference.matchAll(/\*\*Example\*\*\n\n```ts\n([\s\S]*?)\n```/g)].map((match) => match[1]!);
    assert.ok(examples.length > 5);
    const sdkPath = relative(dir, join(root, 'generated', version, 'index.js')).split('\\').join('/');
    // Each example in its own block scope, so `const order` may appear twice.
    const body = examples.map((example) => `  {\n${example.replace(/^/gm, '    ')}\n    void 0;\n  }`).join('\n');
    const file = join(dir, `${version}.ts`);
    await writeFile(file, `import { createSdk } from '${sdkPath}';\nconst sdk = createSdk({ baseUrl: 'https://api.example.com' });\nexport async function examples(): Promise<void> {\n${body}\n}\n`);
    files.push(file);
  }
  // Only the examples are checked (the SDK's own sources are the main tsc's), in process: fast.
  const program = ts.createProgram({
    rootNames: files,
    options: { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [] },
  });
  const errors = files.flatMap((file) => {
    const source = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `${relative(root, file)}:${d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
  });
  assert.equal(errors, [], errors.join('\n'));
  // Control: the same check refuses an operation the SDK does not have.
  const wrong = join(dir, 'wrong.ts');
  await writeFile(wrong, `import { createSdk } from '${relative(dir, join(root, 'generated', 'v1', 'index.js')).split('\\').join('/')}';\nexport const call = () => createSdk({ baseUrl: 'https://x.example' }).orders.placeOrder();\n`);
  const control = ts.createProgram({ rootNames: [wrong], options: program.getCompilerOptions(), oldProgram: program });
  assert.ok(control.getSemanticDiagnostics(control.getSourceFile(wrong)).length > 0, 'a wrong call is reported');
});

test.run();
