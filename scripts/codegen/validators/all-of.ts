/**
 * A conjunction (`allOf`, `$ref` + siblings, `type` + `oneOf`/`anyOf`) that runs every member on
 * the ORIGINAL input and passes that input through. `v.intersect` is not used: it merges the
 * members' outputs, and outputs differ from the input where JSON does not expect it — valibot's
 * object schemas accept an array and output an object copy, and objects copy without the keys
 * `constructor`/`__proto__` (`_merge` then also refuses an input that has an own `constructor`).
 * The merge then fails although every member accepted: stricter than JSON Schema. DigitalOcean's
 * `links.pages: []` (an `anyOf` member `{}` next to `allOf` objects) was rejected that way.
 *
 * ```ts
 * /* @__PURE__ *\/ ((schemas: v.GenericSchema[]): v.GenericSchema => v.pipe(v.unknown(), v.rawCheck(({ dataset, config }) => {
 *     for (const schema of schemas) {
 *         const result = schema["~run"]({ value: dataset.value }, config as v.Config<v.BaseIssue<unknown>>);
 *         if (result.issues) Object.assign(dataset, { typed: dataset.typed && result.typed, issues: [...(dataset.issues ?? []), ...result.issues] });
 *     }
 * })))([A, B])
 * ```
 *
 * The members' issues are kept as they are (type, path, message), as `v.intersect` reports them.
 * The members are built once (the arrow is called once, at module load), like any other schema.
 */
import { f, id, pure, str, ts, typeRef, type Expr } from '../ast.js';
import { binary, genericSchemaType, list, NS, prop, vc } from './emit.js';

const callOf = (callee: Expr, args: readonly Expr[]): Expr => f.createCallExpression(callee, undefined, args);
const arrowOf = (params: ts.ParameterDeclaration[], body: ts.ConciseBody, type?: ts.TypeNode): Expr =>
  f.createArrowFunction(undefined, undefined, params, type, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);

/** The members' conjunction; one member is that member. */
export function vAllOf(members: readonly Expr[]): Expr {
  if (members.length === 1) return members[0]!;
  const dataset = (): Expr => id('dataset');
  const result = (): Expr => id('result');
  // const result = schema["~run"]({ value: dataset.value }, config);
  const run = f.createVariableStatement(undefined, f.createVariableDeclarationList([
    f.createVariableDeclaration('result', undefined, undefined, callOf(
      f.createElementAccessExpression(id('schema'), str('~run')),
      // The context's config is typed for raw_check issues; the members report any issue.
      [f.createObjectLiteralExpression([f.createPropertyAssignment('value', prop(dataset(), 'value'))]), f.createAsExpression(id('config'), typeRef(`${NS}.Config`, [typeRef(`${NS}.BaseIssue`, [f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)])]))],
    )),
  ], ts.NodeFlags.Const));
  // if (result.issues) Object.assign(dataset, { typed: …, issues: [...(dataset.issues ?? []), ...result.issues] });
  const issues = f.createArrayLiteralExpression([
    f.createSpreadElement(f.createParenthesizedExpression(binary(prop(dataset(), 'issues'), ts.SyntaxKind.QuestionQuestionToken, f.createArrayLiteralExpression([])))),
    f.createSpreadElement(prop(result(), 'issues')),
  ]);
  const record = f.createIfStatement(prop(result(), 'issues'), f.createExpressionStatement(callOf(prop(id('Object'), 'assign'), [
    dataset(),
    f.createObjectLiteralExpression([
      f.createPropertyAssignment('typed', binary(prop(dataset(), 'typed'), ts.SyntaxKind.AmpersandAmpersandToken, prop(result(), 'typed'))),
      f.createPropertyAssignment('issues', issues),
    ]),
  ])));
  const loop = f.createForOfStatement(undefined,
    f.createVariableDeclarationList([f.createVariableDeclaration('schema')], ts.NodeFlags.Const),
    id('schemas'), f.createBlock([run, record], true));
  const context = f.createParameterDeclaration(undefined, undefined, f.createObjectBindingPattern([
    f.createBindingElement(undefined, undefined, 'dataset'),
    f.createBindingElement(undefined, undefined, 'config'),
  ]));
  const check = vc('rawCheck', arrowOf([context], f.createBlock([loop], true)));
  const schemas = f.createParameterDeclaration(undefined, undefined, 'schemas', undefined, f.createArrayTypeNode(genericSchemaType()));
  const factory = f.createParenthesizedExpression(arrowOf([schemas], vc('pipe', vc('unknown'), check), genericSchemaType()));
  return pure(callOf(factory, [list(members)]));
}
