/**
 * `index.ts`: `createSdk(options)` wiring one runtime to every service, the SDK's type, the
 * tree-shakable form (`createClient(options)` plus the standalone functions of functions.ts),
 * and re-exports of the runtime's public API so one import serves an app.
 */
import { access, call, exportConst, exportFunction, f, importDecl, literal, obj, propName, reexport, typeRef, withDoc, ts } from './ast.js';
import { authRole } from './emit-operations.js';
import { CREDENTIAL_TYPES, RUNTIME_OPTIONS, emitCredentialTypes } from './emit-credentials.js';
import { factoryName } from './emit-services.js';
import { webhookExports } from './emit-webhooks.js';
import { detectSyncFeed, emitSyncFeeds } from './collect-sync.js';
import type { ApiModel } from './model.js';
import type { RuntimeImports } from './runtime-imports.js';

/** Renders the index module. */
export function emitIndex(
  model: Pick<ApiModel, 'services' | 'title' | 'version' | 'specHash'> & Partial<Pick<ApiModel, 'webhooks' | 'operations' | 'document' | 'securitySchemes'>>,
  imports: Pick<RuntimeImports, 'runtime' | 'publicApi' | 'client'>,
): ts.Statement[] {
  const runtimeImport = imports.runtime;
  const operations = model.operations ?? model.services.flatMap((s) => s.operations);
  // The spec's refresh operation, handed to createClient so `auth` can refresh before any call.
  const document = model.document;
  const refresh = document && operations.find((op) => authRole(document, op) === 'refresh');
  const schemes = model.securitySchemes ?? {};
  const credentialTypes = emitCredentialTypes(schemes, model.title);
  // `sdk.cache` (docs/caching.md), unless a tag already holds that name.
  const hasCacheMember = !model.services.some((s) => s.key === 'cache');
  // `sdk.offline` (docs/offline.md), likewise unless a tag holds that name.
  const hasOfflineMember = !model.services.some((s) => s.key === 'offline');
  const members = [...(hasCacheMember ? ['cache'] : []), ...(hasOfflineMember ? ['offline'] : [])];
  const servicesType = f.createTypeReferenceNode('Omit', [
    typeRef('Sdk'),
    members.length === 0 ? f.createLiteralTypeNode(f.createStringLiteral('cache')) : f.createUnionTypeNode(members.map((m) => f.createLiteralTypeNode(f.createStringLiteral(m)))),
  ]);
  const usesCredentialTypes = Object.values(schemes).some((s) => s.kind === 'apiKey' || s.kind === 'basic' || s.kind === 'http');
  const statements: ts.Statement[] = [
    // The runtime's options under another name: index.ts declares the spec-typed `SdkOptions`.
    f.createImportDeclaration(
      undefined,
      f.createImportClause(false, undefined, f.createNamedImports([
        f.createImportSpecifier(false, undefined, f.createIdentifier('createRuntime')),
        f.createImportSpecifier(true, f.createIdentifier('SdkOptions'), f.createIdentifier(RUNTIME_OPTIONS)),
        ...(hasCacheMember ? [f.createImportSpecifier(true, undefined, f.createIdentifier('SdkCache'))] : []),
        ...(hasOfflineMember ? [f.createImportSpecifier(true, undefined, f.createIdentifier('OfflineQueue'))] : []),
      ])),
      f.createStringLiteral(runtimeImport),
    ),
    importDecl(imports.client, { named: ['createOperationClient', { name: 'Client', type: true }] }),
    importDecl('./services.js', {
      named: model.services.flatMap((s) => [factoryName(s), { name: s.typeName, type: true as const }]),
    }),
  ];
  if (refresh) statements.push(importDecl('./operations.js', { namespace: 'op' }));
  if (usesCredentialTypes) statements.push(importDecl(imports.publicApi, { named: [...CREDENTIAL_TYPES], typeOnly: true }));

  statements.push(
    withDoc(
      exportConst('api', f.createAsExpression(literal({
        title: model.title,
        version: model.version,
        specHash: model.specHash,
        // How each security scheme's credential is sent; the runtime reads it (src/auth/).
        ...(Object.keys(schemes).length > 0 ? { securitySchemes: schemes } : {}),
      }), typeRef('const'))),
      ['The API this SDK was generated from.'],
    ),
    ...credentialTypes,
  );

  const sdkMembers = model.services.map((s) =>
    withDoc(
      f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], propName(s.key), undefined, typeRef(s.typeName)),
      [s.description?.trim() || `Operations tagged \`${s.tag}\`.`],
    ),
  );
  if (hasCacheMember) {
    sdkMembers.push(withDoc(
      f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], 'cache', undefined, f.createTypeReferenceNode('SdkCache', [servicesType])),
      ['The HTTP cache: `subscribe(operation, init, listener)`, `invalidate`, `clear` (inert without the `cache` option).'],
    ));
  }
  if (hasOfflineMember) {
    sdkMembers.push(withDoc(
      f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], 'offline', undefined, f.createTypeReferenceNode('OfflineQueue', [servicesType])),
      ['The offline queue: `enqueue(operation, init)`, `process`, `pending`, `deadLetters`, events (inert without the `offline` option).'],
    ));
  }
  statements.push(
    withDoc(f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], 'Sdk', undefined, undefined, sdkMembers), [
      `A client for ${model.title} ${model.version}: one property per tag, one method per operation.`,
    ]),
  );

  const body = obj([
    ...model.services.map((s) => [s.key, call(factoryName(s), [access('runtime')])] as const),
    ...(hasCacheMember ? [['cache', call('runtime.cache', [], [servicesType])] as const] : []),
    ...(hasOfflineMember ? [['offline', call('runtime.offline', [], [servicesType])] as const] : []),
  ]);
  statements.push(
    withDoc(
      exportFunction('createSdk', [['options', typeRef('SdkOptions')]], typeRef('Sdk'), [
        f.createVariableStatement(
          undefined,
          f.createVariableDeclarationList(
            [f.createVariableDeclaration('runtime', undefined, undefined, call('createRuntime', [access('options'), access('api')]))],
            ts.NodeFlags.Const,
          ),
        ),
        f.createReturnStatement(body),
      ]),
      [`Creates a ${model.title} client. \`baseUrl\` is required; every other option has a documented default.`],
    ),
  );

  statements.push(
    withDoc(
      exportFunction('createClient', [['options', typeRef('SdkOptions')]], typeRef('Client'), [
        f.createReturnStatement(call('createOperationClient', [access('options'), access('api'), ...(refresh ? [access(`op.${refresh.exportName}`)] : [])])),
      ]),
      [
        `Creates a ${model.title} client for the standalone operation functions (\`getX(client, init)\`): an app`,
        'bundles only the operations it imports. Same options and behaviour as `createSdk`, except that `auth`',
        'and `credentials` need `createClient(withAuth(options))`, so an app without them bundles no auth layer.',
      ],
    ),
  );

  statements.push(
    reexport(imports.publicApi),
    reexport(imports.client, ['Client', 'OperationFunction', 'PagedOperationFunction'], true),
    reexport('./schema.js', ['paths', 'components', 'operations'], true),
    reexport('./services.js', model.services.map((s) => s.typeName), true),
  );
  if (operations.length > 0) statements.push(reexport('./functions.js', operations.map((op) => op.exportName)));
  // TanStack Query helpers (query.ts, emit-query.ts), for the same specs as functions.ts.
  if (operations.length > 0) statements.push(reexport('./query.js', ['createQueries']), reexport('./query.js', ['Queries'], true));
  if (model.webhooks?.length) {
    const hooks = webhookExports(model.webhooks);
    statements.push(reexport('./webhooks.js', hooks.values), reexport('./webhooks.js', hooks.types, true));
  }
  // createSyncFor<Operation> for each since/cursor changes feed (collect-sync.ts, docs/sync.md).
  if (document) {
    const feeds = model.services.flatMap((s) => s.operations.flatMap((op) => detectSyncFeed(document, s, op) ?? []));
    statements.push(...emitSyncFeeds(document, feeds, imports.publicApi, hasOfflineMember));
  }
  return statements;
}
