/**
 * `query.ts`: TanStack Query helpers per operation, as `createQueries(sdk)`. The runtime's
 * `tetherQueries` builds them by walking the SDK (src/repository/query/); this file only types
 * the result, one member per operation with the method's own JSDoc, so an editor shows the
 * operation's docs on `queries.orders.getOrder` as on `sdk.orders.getOrder`. GET and HEAD get
 * query helpers (plus infinite-query helpers when the generator found a pagination shape), every
 * other method mutation helpers: the same rule as the runtime's `isReadOperation`. Nothing here
 * names @tanstack/query-core; the helpers are plain objects its options accept structurally.
 */
import { access, call, f, importDecl, indexed, propName, typeRef, withDoc, ts } from './ast.js';
import { operationDoc } from './emit-services.js';
import type { ApiModel, OperationModel, ServiceModel } from './model.js';

/** Which helper set an operation gets. */
export function queryHelperKind(op: Pick<OperationModel, 'method' | 'pagination'>): 'QueryHelpers' | 'InfiniteQueryHelpers' | 'MutationHelpers' {
  if (op.method !== 'get' && op.method !== 'head') return 'MutationHelpers';
  return op.pagination ? 'InfiniteQueryHelpers' : 'QueryHelpers';
}

const readonly = () => [f.createModifier(ts.SyntaxKind.ReadonlyKeyword)];

/** Event streams (`text/event-stream`) are not request/response: they get no helpers (docs/tanstack-query.md). */
const hasHelpers = (op: OperationModel): boolean => op.eventStream === undefined;

function serviceMember(service: ServiceModel): ts.TypeElement {
  const members = service.operations.filter(hasHelpers).map((op) =>
    withDoc(
      f.createPropertySignature(readonly(), propName(op.name), undefined, typeRef(queryHelperKind(op), [indexed(typeRef(service.typeName), [op.name])])),
      operationDoc(op),
    ),
  );
  return withDoc(f.createPropertySignature(readonly(), propName(service.key), undefined, f.createTypeLiteralNode(members)), [
    service.description?.trim() || `Operations tagged \`${service.tag}\`.`,
  ]);
}

/** Renders the query module (only for a spec with operations). */
export function emitQuery(model: Pick<ApiModel, 'services' | 'title' | 'version'>, publicApi: string): ts.Statement[] {
  const services = model.services.filter((s) => s.operations.some(hasHelpers));
  const kinds = [...new Set(services.flatMap((s) => s.operations.filter(hasHelpers).map(queryHelperKind)))].sort();
  const statements: ts.Statement[] = [
    importDecl('./index.js', { named: ['Sdk'], typeOnly: true }),
    importDecl('./services.js', { named: services.map((s) => s.typeName), typeOnly: true }),
    importDecl(publicApi, { named: ['tetherQueries', ...[...kinds, 'TetherQueryOptionsConfig'].map((name) => ({ name, type: true as const }))] }),
  ];
  statements.push(
    withDoc(f.createInterfaceDeclaration([f.createModifier(ts.SyntaxKind.ExportKeyword)], 'Queries', undefined, undefined, services.map(serviceMember)), [
      `TanStack Query helpers for ${model.title} ${model.version}: \`queryOptions\` / \`infiniteQueryOptions\` for reads,`,
      '`mutationOptions` for writes, keyed `[prefix, \'<tag>.<operationId>\', init]` (docs/tanstack-query.md).',
    ]),
    withDoc(
      f.createFunctionDeclaration(
        [f.createModifier(ts.SyntaxKind.ExportKeyword)],
        undefined,
        'createQueries',
        undefined,
        [
          f.createParameterDeclaration(undefined, undefined, 'sdk', undefined, typeRef('Sdk')),
          f.createParameterDeclaration(undefined, undefined, 'options', f.createToken(ts.SyntaxKind.QuestionToken), typeRef('TetherQueryOptionsConfig')),
        ],
        typeRef('Queries'),
        f.createBlock([f.createReturnStatement(f.createAsExpression(f.createAsExpression(call('tetherQueries', [access('sdk'), access('options')]), f.createKeywordTypeNode(ts.SyntaxKind.UnknownKeyword)), typeRef('Queries')))], true),
      ),
      [
        'TanStack Query helpers over `sdk` (what `createSdk` returned): every request still runs through the SDK.',
        '`options.prefix` (default `tether`) starts every key; give each SDK its own when two share a QueryClient.',
      ],
    ),
  );
  return statements;
}
