/**
 * `index.ts`: `createSdk(options)` wiring one runtime to every service, the SDK's type, and
 * re-exports of the runtime's public API so one import serves an app.
 */
import { access, call, exportConst, f, importDecl, literal, obj, propName, reexport, typeRef, withDoc, ts } from './ast.js';
import { factoryName } from './emit-services.js';
import { webhookExports } from './emit-webhooks.js';
import type { ApiModel } from './model.js';
import type { RuntimeImports } from './runtime-imports.js';

/** Renders the index module. */
export function emitIndex(model: Pick<ApiModel, 'services' | 'title' | 'version' | 'specHash'> & Partial<Pick<ApiModel, 'webhooks'>>, imports: Pick<RuntimeImports, 'runtime' | 'publicApi'>): ts.Statement[] {
  const runtimeImport = imports.runtime;
  const statements: ts.Statement[] = [
    importDecl(runtimeImport, { named: ['createRuntime', { name: 'SdkOptions', type: true }] }),
    importDecl('./services.js', {
      named: model.services.flatMap((s) => [factoryName(s), { name: s.typeName, type: true as const }]),
    }),
  ];

  statements.push(
    withDoc(
      exportConst('api', f.createAsExpression(literal({ title: model.title, version: model.version, specHash: model.specHash }), typeRef('const'))),
      ['The API this SDK was generated from.'],
    ),
  );

  const members = model.services.map((s) =>
    withDoc(
      f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], propName(s.key), undefined, typeRef(s.typeName)),
      [s.description?.trim() || `Operations tagged \`${s.tag}\`.`],
    ),
  );
  statements.push(
    withDoc(f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], 'Sdk', undefined, undefined, members), [
      `A client for ${model.title} ${model.version}: one property per tag, one method per operation.`,
    ]),
  );

  const body = obj(model.services.map((s) => [s.key, call(factoryName(s), [access('runtime')])] as const));
  statements.push(
    withDoc(
      f.createFunctionDeclaration(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        undefined,
        'createSdk',
        undefined,
        [f.createParameterDeclaration(undefined, undefined, 'options', undefined, typeRef('SdkOptions'))],
        typeRef('Sdk'),
        f.createBlock(
          [
            f.createVariableStatement(
              undefined,
              f.createVariableDeclarationList(
                [f.createVariableDeclaration('runtime', undefined, undefined, call('createRuntime', [access('options'), access('api')]))],
                ts.NodeFlags.Const,
              ),
            ),
            f.createReturnStatement(body),
          ],
          true,
        ),
      ),
      [`Creates a ${model.title} client. \`baseUrl\` is required; every other option has a documented default.`],
    ),
  );

  statements.push(
    reexport(imports.publicApi),
    reexport('./schema.js', ['paths', 'components', 'operations'], true),
    reexport('./services.js', model.services.map((s) => s.typeName), true),
  );
  if (model.webhooks?.length) {
    const hooks = webhookExports(model.webhooks);
    statements.push(reexport('./webhooks.js', hooks.values), reexport('./webhooks.js', hooks.types, true));
  }
  return statements;
}
