/**
 * The React Native examples (docs/examples/react-native/*.ts) compile, strict, against the
 * published types of @react-native-async-storage/async-storage, react-native-mmkv,
 * expo-secure-store and @react-native-community/netinfo, with skipLibCheck off so those .d.ts
 * are checked too. React Native itself is not installed here (its peers were left out), so
 * test/fixtures/react-native/rn-ambient.d.ts stands in for what those .d.ts import from it.
 * `@tether/sdk/v1` maps to the generated source, as the package's exports map it to dist.
 * A control file with a wrong call must fail, so the check can fail.
 */
import { readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import ts from 'typescript';
import * as assert from 'uvu/assert';
import { cleanScratch, root, scratch } from '../helpers/paths.js';
import { suite } from '../helpers/timed-suite.js';

const test = suite('React Native examples', undefined, { timeoutMs: 120_000 });
test.after(() => cleanScratch('rn-examples'));

const EXAMPLES = join(root, 'docs', 'examples', 'react-native');
const AMBIENT = join(root, 'test', 'fixtures', 'react-native', 'rn-ambient.d.ts');

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noEmit: true,
  skipLibCheck: false,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: [],
  baseUrl: root,
  paths: { '@tether/sdk/v1': ['generated/v1/index.ts'] },
};

/** The published packages whose .d.ts are checked with the examples. */
const PUBLISHED = /node_modules[\\/](@react-native-async-storage[\\/]async-storage|react-native-mmkv|expo-secure-store|@react-native-community[\\/]netinfo)[\\/]/;

/**
 * Type errors in `files`, the ambient stand-ins and the published packages' .d.ts. Only those
 * files are checked (the runtime's own sources are the main tsc's), which keeps this fast.
 */
function compile(files: readonly string[], program?: ts.Program): { program: ts.Program; errors: string[] } {
  const next = ts.createProgram({ rootNames: [...files, AMBIENT], options: OPTIONS, ...(program ? { oldProgram: program } : {}) });
  const checked = next.getSourceFiles().filter((sf) => files.includes(sf.fileName) || sf.fileName === AMBIENT || PUBLISHED.test(sf.fileName));
  const diagnostics = [
    ...next.getOptionsDiagnostics(),
    ...next.getGlobalDiagnostics(),
    ...checked.flatMap((sf) => [...next.getSyntacticDiagnostics(sf), ...next.getSemanticDiagnostics(sf)]),
  ];
  const errors = diagnostics.map((d) => {
    const where = d.file && d.start !== undefined ? `${relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return `${where}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
  return { program: next, errors };
}

let program: ts.Program | undefined;

test('one example per adapter package, plus the whole setup', async () => {
  const names = (await readdir(EXAMPLES)).filter((n) => n.endsWith('.ts')).sort();
  assert.equal(names, ['app-setup.ts', 'async-storage.ts', 'mmkv.ts', 'netinfo.ts', 'secure-store.ts']);
});

test('every example compiles, strict, against the published types (skipLibCheck off)', async () => {
  const files = (await readdir(EXAMPLES)).filter((n) => n.endsWith('.ts')).map((n) => join(EXAMPLES, n));
  const result = compile(files);
  program = result.program;
  assert.equal(result.errors, [], result.errors.join('\n'));
  const published = result.program.getSourceFiles().filter((sf) => PUBLISHED.test(sf.fileName)).map((sf) => sf.fileName.split('node_modules/')[1]!.split('/lib')[0]!.split('/build')[0]);
  for (const name of ['@react-native-async-storage/async-storage', 'react-native-mmkv', 'expo-secure-store', '@react-native-community/netinfo']) {
    assert.ok(published.includes(name), `${name}'s own .d.ts were compiled against`);
  }
});

test('control: a wrong use of a published type fails (SecureStore is no StorageAdapter, MMKV not AsyncStorage)', async () => {
  const dir = await scratch('rn-examples');
  const file = join(dir, 'wrong.ts');
  await writeFile(
    file,
    [
      "import * as SecureStore from 'expo-secure-store';",
      "import { createMMKV } from 'react-native-mmkv';",
      "import { asyncStorageAdapter, createSdk } from '@tether/sdk/v1';",
      "export const a = createSdk({ baseUrl: 'https://api.example.com', storage: SecureStore });",
      "export const b = asyncStorageAdapter(createMMKV());",
    ].join('\n'),
  );
  const { errors } = compile([file], program);
  assert.is(errors.filter((e) => e.startsWith(relative(root, file))).length, 2, errors.join('\n'));
});

test.run();
