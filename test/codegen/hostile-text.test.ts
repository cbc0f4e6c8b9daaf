/**
 * Property test: spec text (summaries, descriptions, titles, tags, paths, enum values, property
 * names, response status keys) containing `*\/`, newlines, U+2028/2029, backticks and quotes
 * never changes the generated code's structure. The same spec with benign text of the same
 * shape must parse to the same statements, and string values must round-trip.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import ts from 'typescript';
import { print } from '../../scripts/codegen/ast.js';
import { collectOperations } from '../../scripts/codegen/collect-operations.js';
import { emitIndex } from '../../scripts/codegen/emit-index.js';
import { emitOperations } from '../../scripts/codegen/emit-operations.js';
import { emitServices } from '../../scripts/codegen/emit-services.js';
import { emitValidators } from '../../scripts/codegen/validators/index.js';

const textArb = fc.string({
  unit: fc.constantFrom('*/', '/*', '//', '\n', '\r', '\u2028', '\u2029', '`', '"', "'", '\\', '${', '}', '<', '>', 'a', ' ', '@', '__proto__', 'x'),
  maxLength: 16,
});

function docOf(t: readonly string[]): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: t[0], version: t[1] },
    tags: [{ name: 'pets', description: t[2] }],
    paths: {
      [`/pets/${t[3]}`]: {
        get: {
          operationId: 'getPet',
          tags: ['pets'],
          summary: t[4],
          description: t[5],
          responses: {
            '200': { description: t[6], content: { 'application/json': { schema: { type: 'object', description: t[7], properties: { [`p${t[8]}`]: { type: 'string', enum: [t[9], 'b'] } } } } } },
          },
        },
      },
    },
  };
}

function render(doc: Record<string, unknown>): string[] {
  const { services, operations } = collectOperations(doc, { warn: () => {} });
  const validators = emitValidators({ document: doc, openapiVersion: '3.1', operations, valibotImport: '../rt/valibot.js', diagnostics: { warn: () => {} } });
  const info = doc.info as { title: string; version: string };
  return [
    print(emitServices({ services }, '../rt/runtime.js')),
    print(emitOperations({ operations, document: doc }, validators.operations, '../rt/runtime.js')),
    print(emitIndex({ services, title: info.title, version: info.version, specHash: 'h' }, { runtime: '../rt/runtime.js', publicApi: '../rt/index.js', client: '../rt/client.js' })),
    print(validators.statements),
  ];
}

/** Statement kinds, plus every string literal's value, of a parsed module. */
function shape(text: string): { kinds: string[]; strings: string[]; errors: number } {
  const file = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const strings: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node)) strings.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  const errors = (file as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
  return { kinds: file.statements.map((s) => ts.SyntaxKind[s.kind]), strings, errors };
}

test('property: hostile spec text never changes the structure of services, operations, index or validators', () => {
  fc.assert(
    fc.property(fc.array(textArb, { minLength: 10, maxLength: 10 }), (texts) => {
      const benign = texts.map((_, i) => `t${i}`);
      const hostile = render(docOf(texts));
      const plain = render(docOf(benign));
      hostile.forEach((text, i) => {
        const got = shape(text);
        const want = shape(plain[i]!);
        assert.is(got.errors, 0, text);
        assert.equal(got.kinds, want.kinds, text);
      });
      // The path reaches operations.ts as a string literal, exactly.
      assert.ok(shape(hostile[1]!).strings.includes(`/pets/${texts[3]}`));
    }),
    { numRuns: 150, seed: 2 },
  );
});

test('a JSDoc description holding */ and line separators stays one comment', () => {
  const [services] = render(docOf(['T', '1', 'a */ export const pwned = 1; /*', 'x', 's\u2028*/ evil()', 'd\r*/`${x}`', 'r', 'x', 'y', 'z']));
  assert.not.match(services!, /^\s*(export const pwned|evil\(\))/m);
  assert.is(shape(services!).errors, 0);
});

test.run();
