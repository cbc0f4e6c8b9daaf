/**
 * Editor hover, checked through TypeScript's language service (what VS Code runs): in a consumer
 * file importing createSdk from generated/v1, quick info on `sdk.orders.getOrder` (and on the
 * standalone `getOrder`) at a call shows the operation's summary and description from the spec
 * (a call signature with its own JSDoc, or several signatures, would hide them), on a property of the data it resolves
 * with (and of the schema type itself) the property's description, and on the TanStack Query
 * helper `queries.orders.getOrder` the operation's docs too. Expected texts are read from
 * openapi/v1/openapi.yaml, so the test follows the spec rather than a copy of it.
 */
import { suite } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';
import { root } from '../helpers/paths.js';

type Node = Record<string, unknown>;
const spec = parse(readFileSync(join(root, 'openapi/v1/openapi.yaml'), 'utf8')) as Node;
const getOrder = ((spec.paths as Node)['/orders/{orderId}'] as Node).get as { summary: string; description: string };
const versionDoc = ((((spec.components as Node).schemas as Node).Order as Node).properties as Record<string, { description: string }>).version!.description;

// A consumer file that exists only in the language service host (nothing written to disk).
const file = join(root, 'test/consumer/hover-consumer.ts');
const source = `import { createClient, createQueries, createSdk, getOrder, type components } from '../../generated/v1/index.js';
const sdk = createSdk({ baseUrl: 'https://api.example.com' });
export const standalone = getOrder(createClient({ baseUrl: 'https://api.example.com' }), { params: { path: { orderId: 'o-1' } } });
export async function show(orderId: string): Promise<number> {
  const order = await sdk.orders.getOrder({ params: { path: { orderId } } });
  return order.version;
}
export const queries = createQueries(sdk).orders.getOrder;
export type Version = components['schemas']['Order']['version'];
`;

function languageService(): ts.LanguageService {
  const options: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], noEmit: true };
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [file],
    getScriptVersion: () => '1',
    getScriptSnapshot: (name) => {
      const text = name === file ? source : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === file || ts.sys.fileExists(name),
    readFile: (name) => (name === file ? source : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

const service = languageService();
// The first request builds and checks the program (generated/v1 and the runtime's types): ~10 s
// on a quiet machine; the limit leaves room for a busy one.
const test = suite('consumer: editor hover through the TypeScript language service', undefined, { timeoutMs: 120_000 });

/** Quick info (docs and tags) at the first match of `needle` in the consumer file, `offset` characters in. */
function hover(needle: string, offset = 0): { display: string; docs: string } {
  const at = source.indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the consumer file`);
  const info = service.getQuickInfoAtPosition(file, at + offset);
  assert.ok(info, `quick info at ${needle}`);
  // openapi-typescript writes descriptions as `@description` tags, which editors show with the docs.
  const tags = (info.tags ?? []).map((tag) => `@${tag.name} ${ts.displayPartsToString(tag.text)}`);
  return { display: ts.displayPartsToString(info.displayParts), docs: [ts.displayPartsToString(info.documentation), ...tags].join('\n') };
}

/** Whitespace-insensitive, since JSDoc re-wraps the spec's prose. */
const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

test('the consumer file compiles (so the hovers below describe real types)', () => {
  const diagnostics = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
  assert.equal(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), []);
});

test('hover on sdk.orders.getOrder at a call shows the operation’s summary, description and route', () => {
  const { display, docs } = hover('getOrder({', 0);
  assert.match(display, /getOrder/);
  assert.ok(flat(docs).includes(flat(getOrder.summary)), docs);
  assert.ok(flat(docs).includes(flat(getOrder.description)), docs);
  assert.ok(docs.includes('GET /orders/{orderId}'), docs);
});

test('hover on a standalone operation function at a call shows the same docs', () => {
  const { docs } = hover('getOrder(createClient', 0);
  assert.ok(flat(docs).includes(flat(getOrder.summary)), docs);
  assert.ok(flat(docs).includes(flat(getOrder.description)), docs);
});

test('hover on a property of the resolved data, and of the schema type, shows its description', () => {
  const onData = hover('order.version', 'order.'.length);
  assert.match(onData.display, /version: number/);
  assert.ok(flat(onData.docs).includes(flat(versionDoc)), `data property: ${onData.docs}`);
  const onSchema = hover("['version']", 2);
  assert.ok(flat(onSchema.docs).includes(flat(versionDoc)), `schema property: ${onSchema.docs}`);
});

test('hover on the TanStack Query helper shows the same operation docs', () => {
  const { docs } = hover('getOrder;', 0);
  assert.ok(flat(docs).includes(flat(getOrder.summary)), docs);
  assert.ok(docs.includes('GET /orders/{orderId}'), docs);
});

test.run();
