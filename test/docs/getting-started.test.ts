/**
 * The getting-started guides' code is real API: every ```ts block of each guide is compiled,
 * strict, against the generated v1 SDK (as `@tether/sdk/v1`), the Node storage entry and the
 * published types of the React Native packages they import. Blocks of one guide share the
 * SDK the guide creates; the app's own functions and values they mention are declared.
 */
import * as assert from 'uvu/assert';
import ts from 'typescript';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { suite } from '../helpers/timed-suite.js';
import { cleanScratch, root, scratch } from '../helpers/paths.js';

const SCRATCH = 'getting-started';
const GUIDES = ['getting-started-web.md', 'getting-started-react-native.md', 'getting-started-node.md'];
const RN_AMBIENT = join(root, 'test', 'fixtures', 'react-native', 'rn-ambient.d.ts');

/** What the guides call but an app writes itself. */
const APP_FUNCTIONS = [
  'showSignIn', 'navigateToSignIn', 'showFieldErrors', 'setFieldErrors', 'showOfflineBanner', 'showToast', 'retryLater',
  'report', 'render', 'setOrders', 'showPending', 'showOrder', 'markDone', 'hidePendingBadge',
];
const PRELUDE = [
  ...APP_FUNCTIONS.map((name) => `declare function ${name}(...args: unknown[]): void;`),
  'declare const email: string, password: string, orderId: string, note: string, signal: AbortSignal;',
].join('\n');

// AppState is not in the shared React Native stand-ins; this is its documented shape.
const APP_STATE = `declare module 'react-native' {
  export const AppState: { currentState: string | null; addEventListener(type: 'change', listener: (state: string) => void): { remove(): void } };
}\n`;

const test = suite('getting started guides', {}, { timeoutMs: 90_000 });
test.after(() => cleanScratch(SCRATCH));

/** The ```ts blocks of a Markdown file. */
const blocksOf = (markdown: string): string[] => [...markdown.matchAll(/```ts\n([\s\S]*?)\n```/g)].map((match) => match[1]!);

/** One module of a guide: its imports on top, the block creating the SDK in scope, each other block in its own. */
function moduleOf(blocks: string[]): string {
  const imports: string[] = [];
  const scopes: string[] = [];
  for (const block of blocks) {
    const rest: string[] = [];
    let pending: string[] | undefined;
    for (const line of block.split('\n')) {
      if (pending || /^import\s/.test(line)) {
        (pending ??= []).push(line);
        if (/;\s*(\/\/.*)?$/.test(line)) {
          imports.push(pending.join('\n'));
          pending = undefined;
        }
      } else rest.push(line.replace(/^export /, ''));
    }
    const code = rest.join('\n');
    if (code.includes('createSdk(')) scopes.push(code, 'const body = undefined as unknown as NonNullable<Parameters<typeof sdk.orders.createOrder>[0]>["body"];');
    else scopes.push(`{\n${code}\n}`);
  }
  return `${imports.join('\n')}\n${PRELUDE}\nexport async function guide(): Promise<void | undefined> {\n${scopes.join('\n')}\n}\n`;
}

test('every guide has code, and all of it compiles against the SDK and the published package types', async () => {
  const dir = await scratch(SCRATCH);
  const files: string[] = [];
  for (const guide of GUIDES) {
    const blocks = blocksOf(await readFile(join(root, 'docs', guide), 'utf8'));
    assert.ok(blocks.length >= 5, `${guide}: setup, sign-in, errors, caching, offline`);
    const file = join(dir, guide.replace(/\.md$/, '.ts'));
    await writeFile(file, moduleOf(blocks));
    files.push(file);
  }
  const ambient = join(dir, 'app-state.d.ts');
  await writeFile(ambient, APP_STATE);
  const program = ts.createProgram({
    rootNames: [...files, RN_AMBIENT, ambient],
    options: {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules', '@types')],
      baseUrl: root,
      paths: { '@tether/sdk/v1': ['generated/v1/index.ts'], '@tether/sdk/storage/node': ['src/platform/storage/node.ts'] },
    },
  });
  // Only the guides' own code is checked here; the SDK's sources are the main tsc's.
  const errors = files.flatMap((file) => {
    const source = program.getSourceFile(file)!;
    return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) => {
      const line = d.start === undefined ? 0 : source.getLineAndCharacterOfPosition(d.start).line + 1;
      return `${relative(root, file)}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  });
  assert.equal(errors, [], errors.join('\n'));
});

test('control: a call that is not the API fails to compile the same way', async () => {
  const dir = await scratch(SCRATCH);
  const file = join(dir, 'wrong.ts');
  await writeFile(file, moduleOf([`import { createSdk } from '@tether/sdk/v1';\nconst sdk = createSdk({ baseUrl: 'https://x.example' });`, 'await sdk.orders.placeOrder({ body });']));
  const program = ts.createProgram({
    rootNames: [file],
    options: { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, types: [], baseUrl: root, paths: { '@tether/sdk/v1': ['generated/v1/index.ts'] } },
  });
  const messages = program.getSemanticDiagnostics(program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.ok(messages.some((message) => message.includes("'placeOrder'")), messages.join('\n'));
});

test('the README links each guide', async () => {
  const readme = await readFile(join(root, 'README.md'), 'utf8');
  for (const guide of GUIDES) assert.ok(readme.includes(`docs/${guide}`), guide);
  assert.ok(readme.includes('docs/reference/'));
});

test.run();
