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
  // transpileModule only strips types here (ESNext in, ESNext out), keeping every comment,
  // including the `/* @__PURE__ */` annotations tree-shaking depends on.
  return ts.transpileModule(print(statements), {
    compilerOptions: { target: ts.ScriptTarget.ESNext, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true, removeComments: false },
  }).outputText;
}

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
