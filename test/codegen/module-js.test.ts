/**
 * moduleJs (scripts/codegen/validators/module-files.ts) strips types from the emitters' syntax
 * trees and prints once; it must give byte for byte what printing the TypeScript and running
 * transpileModule over it gave (the generated files, and so `npm run check`, depend on it).
 */
import * as assert from 'uvu/assert';
import { test } from '../helpers/timed-suite.js';
import { f, id, importDecl, print, ts, typeRef } from '../../scripts/codegen/ast.js';
import { moduleJs } from '../../scripts/codegen/validators/module-files.js';

/** The former implementation: print TypeScript, then let TypeScript strip the types. */
const viaTranspile = (statements: readonly ts.Statement[]) =>
  ts.transpileModule(print(statements), {
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, removeComments: false },
  }).outputText;

const pure = <T extends ts.Node>(node: T): T => ts.addSyntheticLeadingComment(node, ts.SyntaxKind.MultiLineCommentTrivia, ' @__PURE__ ', false);
const call = (callee: string, typeArgs: ts.TypeNode[] | undefined, ...args: ts.Expression[]) =>
  pure(f.createCallExpression(f.createPropertyAccessExpression(id('v'), callee), typeArgs, args));
const exported = (name: string, type: ts.TypeNode | undefined, init: ts.Expression) =>
  f.createVariableStatement([f.createModifier(ts.SyntaxKind.ExportKeyword)], f.createVariableDeclarationList([f.createVariableDeclaration(id(name), undefined, type, init)], ts.NodeFlags.Const));
const arrow = (params: ts.ParameterDeclaration[], body: ts.Expression, type?: ts.TypeNode) =>
  f.createArrowFunction(undefined, undefined, params, type, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);
const param = (name: string, type?: ts.TypeNode) => f.createParameterDeclaration(undefined, undefined, id(name), undefined, type);

const statements: ts.Statement[] = [
  f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(id('v'))), f.createStringLiteral('valibot')),
  importDecl('./runtime.js', { named: ['OperationMeta'], typeOnly: true }),
  f.createTypeAliasDeclaration(undefined, id('Local'), undefined, typeRef('string')),
  ts.addSyntheticLeadingComment(exported('A', typeRef('v.GenericSchema'), call('optional', [typeRef('v.GenericSchema')], call('string', undefined))), ts.SyntaxKind.MultiLineCommentTrivia, '* A doc comment. ', true),
  exported('B', undefined, f.createAsExpression(f.createObjectLiteralExpression([f.createPropertyAssignment('x', f.createNumericLiteral(1))], true), typeRef('OperationMeta'))),
  // A lone typed parameter keeps its parentheses; an untyped one never had them; two params always do.
  exported('C', undefined, pure(f.createParenthesizedExpression(arrow([param('schemas', typeRef('v.GenericSchema'))], call('unknown', undefined))))),
  exported('D', undefined, arrow([param('x')], f.createNonNullExpression(id('x')))),
  exported('E', undefined, arrow([param('a', typeRef('number')), param('b')], id('a'), typeRef('number'))),
  exported('F', undefined, f.createSatisfiesExpression(f.createNewExpression(id('Map'), [typeRef('string'), typeRef('number')], []), typeRef('object'))),
];

test('moduleJs gives exactly what transpileModule gave for the same statements', () => {
  const js = moduleJs(statements);
  assert.fixture(js, viaTranspile(statements));
});

test('moduleJs drops every type and keeps every comment', () => {
  const js = moduleJs(statements);
  for (const gone of ['GenericSchema', 'OperationMeta', 'Local', 'satisfies', ': number', '<string']) assert.not.ok(js.includes(gone), `${gone} is stripped`);
  assert.ok(js.includes('(schemas) =>'), 'a lone typed parameter keeps its parentheses');
  assert.ok(js.includes('x => x'), 'an untyped lone parameter and a non-null assertion');
  assert.ok(js.includes('/** A doc comment. */'), 'doc comments travel with their statement');
  assert.is(js.split('/* @__PURE__ */').length - 1, 4, 'every pure annotation is kept');
});

test.run();
