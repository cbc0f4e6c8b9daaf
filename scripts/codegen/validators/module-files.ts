/**
 * How the validators ship: `validators.js` (the valibot code, types stripped) beside
 * `validators.d.ts` (one `export declare const X: StandardSchemaV1;` per export). operations.ts
 * ships the same way (`export declare const x: OperationMeta;`): 1,223 object literals checked
 * against OperationMeta were the next biggest cost of a GitHub consumer's tsc.
 *
 * Why not `validators.ts`: every consumer's tsc would check every valibot expression in it
 * (4 MB for GitHub's spec) and load valibot's own declarations, though nothing reads more of
 * a validator than "a Standard Schema" (OperationMeta.schemas). A declaration file is not
 * checked, and it names only the runtime's StandardSchemaV1, so valibot's types never enter
 * the consumer's program. Bundlers and Node read the `.js`; TypeScript resolves `./validators.js`
 * to the `.d.ts`. The emitter itself still builds (and tests type-check) the TypeScript form.
 */
import { f, id, importDecl, print, typeRef, ts } from '../ast.js';

/** The type every exported validator is declared as. */
export const SCHEMA_TYPE = 'StandardSchemaV1';

/** A module's JavaScript from the emitter's statements: the same code with its types removed. */
export function moduleJs(statements: readonly ts.Statement[]): string {
  // The types are dropped from the syntax tree and the rest printed once, rather than printing
  // TypeScript and running transpileModule over it (a second parse and print: on GitHub's spec
  // that was most of generate's time). Comments are synthetic on these nodes and travel with
  // them, including the `/* @__PURE__ */` annotations tree-shaking depends on.
  const result = ts.transform(f.createSourceFile(statements, f.createToken(ts.SyntaxKind.EndOfFileToken), ts.NodeFlags.None), [stripTypes]);
  try {
    return print(result.transformed[0]?.statements ?? []);
  } finally {
    result.dispose();
  }
}

/**
 * Removes what only TypeScript reads from the code the emitters build: type-only imports and
 * declarations, annotations on variables, parameters and return types, type arguments, and
 * `as`/`satisfies`/`!` wrappers (their operand stays). Anything else is kept as it is.
 */
const stripTypes: ts.TransformerFactory<ts.SourceFile> = (context) => {
  const expression = (node: ts.Expression): ts.Expression => ts.visitNode(node, visit, ts.isExpression) ?? node;
  const visit = (node: ts.Node): ts.VisitResult<ts.Node | undefined> => {
    if (ts.isTypeNode(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return undefined;
    if (ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) return undefined;
    if (ts.isImportSpecifier(node) && node.isTypeOnly) return undefined;
    if (ts.isExportDeclaration(node) && node.isTypeOnly) return undefined;
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
      return ts.visitNode(node.expression, visit);
    }
    if (ts.isCallExpression(node) && node.typeArguments) {
      return f.updateCallExpression(node, expression(node.expression), undefined, ts.visitNodes(node.arguments, visit, ts.isExpression));
    }
    if (ts.isNewExpression(node) && node.typeArguments) {
      return f.updateNewExpression(node, expression(node.expression), undefined, node.arguments && ts.visitNodes(node.arguments, visit, ts.isExpression));
    }
    const visited = ts.visitEachChild(node, visit, context);
    // `(x: T) => …` printed from TypeScript keeps its parentheses once `: T` is gone; the printer
    // drops them for a synthetic lone parameter starting where its arrow does, so this one is
    // marked as starting elsewhere (still a synthetic position: nothing is read at it).
    const lone = ts.isArrowFunction(node) && node.parameters.length === 1 ? node.parameters[0] : undefined;
    if (lone?.type && ts.isArrowFunction(visited)) ts.setTextRange(visited.parameters[0] as ts.ParameterDeclaration, { pos: -2, end: -2 });
    return visited;
  };
  return (file) => ts.visitEachChild(file, visit, context);
};

/** `validators.d.ts`: each exported const declared as a Standard Schema, with its JSDoc. */
export function validatorsDts(statements: readonly ts.Statement[], runtimeImport: string): string {
  return declarationsOf(statements, runtimeImport, SCHEMA_TYPE);
}

/** A declaration module: each exported const of `statements` declared as `typeName` (imported from `from`). */
export function declarationsOf(statements: readonly ts.Statement[], from: string, typeName: string): string {
  const out: ts.Statement[] = [importDecl(from, { named: [typeName], typeOnly: true })];
  for (const statement of statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue;
      const declared = f.createVariableStatement(
        [f.createModifier(ts.SyntaxKind.ExportKeyword), f.createModifier(ts.SyntaxKind.DeclareKeyword)],
        f.createVariableDeclarationList([f.createVariableDeclaration(id(declaration.name.text), undefined, typeRef(typeName))], ts.NodeFlags.Const),
      );
      ts.setSyntheticLeadingComments(declared, ts.getSyntheticLeadingComments(statement));
      out.push(declared);
    }
  }
  return print(out);
}
