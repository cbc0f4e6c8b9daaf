/**
 * Recognises since/cursor changes feeds (docs/sync.md, "Which operations are feeds") and emits,
 * for each, `createSyncFor<Operation>(sdk, options)`: `createSync` with the feed's pull, the
 * record schema and the SDK's offline queue filled in, typed so `apply` gets the feed's records.
 * The SDK's user comes with the pull (operationFeed tags it from the SDK method), so the stored
 * cursor is that user's without the app passing an `owner` (src/repository/sync/owner.ts).
 *
 * A feed is a GET with a `since`-like query parameter (since, sync_token, changes_since,
 * updated_since, delta_token) whose JSON answer has a next-cursor string, a has-more boolean and
 * an array of changed records (deletes optional). A plain `cursor` parameter is pagination, not
 * a feed. `x-tether-sync: false` on an operation opts it out.
 */
import { access, call, exportFunction, f, indexed, literal, obj, typeRef, withDoc, ts } from './ast.js';
import { deref } from './refs.js';
import type { OperationModel, ServiceModel } from './model.js';
import { NS } from './validators/emit.js';
import { SCHEMA_TYPE } from './validators/module-files.js';
import { NameRegistry, assignComponentNames } from './validators/names.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SINCE = /^(since|sync_?token|changes_?since|updated_?since|delta_?token)$/i;
const NEXT = /^(next_?cursor|next_?sync_?token|sync_?token|cursor|next)$/i;
const MORE = /^(has_?more|more)$/i;
const UPSERTS = /^(upserts|changes|changed|updated|items|records)$/i;
const DELETES = /^(deletes|deleted|removed|deleted_?ids)$/i;

/** A recognised feed: where its parts are and the component its records are. */
export interface SyncFeedModel {
  readonly service: ServiceModel;
  readonly operation: OperationModel;
  readonly fields: { cursorParam: string; nextCursor: string; hasMore: string; upserts: string; deletes?: string };
  /** `#/components/schemas/<name>` of the records, when they are a $ref. */
  readonly recordComponent: string | undefined;
}

const typeOf = (document: Obj, schema: unknown): unknown => {
  const { node } = deref(document, schema, '#');
  return isObj(node) ? node.type : undefined;
};

/** The feed shape of `op`, or undefined. */
export function detectSyncFeed(document: Obj, service: ServiceModel, op: OperationModel): SyncFeedModel | undefined {
  if (op.method !== 'get') return undefined;
  const raw = lookupOperation(document, op);
  if (raw?.['x-tether-sync'] === false) return undefined;
  const cursorParam = op.parameters.find((p) => p.in === 'query' && SINCE.test(p.name))?.name;
  if (!cursorParam) return undefined;
  const body = op.responses.find((r) => /^2/.test(r.status) && r.body && /json/i.test(r.body.contentType))?.body;
  const { node } = deref(document, body?.schema, '#');
  if (!isObj(node) || !isObj(node.properties)) return undefined;
  const props = node.properties;
  const keys = Object.keys(props);
  const nextCursor = keys.find((k) => NEXT.test(k) && typeOf(document, props[k]) === 'string');
  const hasMore = keys.find((k) => MORE.test(k) && typeOf(document, props[k]) === 'boolean');
  const upserts = keys.find((k) => UPSERTS.test(k) && typeOf(document, props[k]) === 'array');
  const deletes = keys.find((k) => DELETES.test(k) && typeOf(document, props[k]) === 'array');
  if (!nextCursor || !hasMore || !upserts) return undefined;
  const items = deref(document, props[upserts], '#').node;
  const ref = isObj(items) && isObj(items.items) && typeof items.items.$ref === 'string' ? items.items.$ref : undefined;
  const recordComponent = ref?.startsWith('#/components/schemas/') && !ref.slice(21).includes('/') ? decodeURIComponent(ref.slice(21)) : undefined;
  return { service, operation: op, fields: { cursorParam, nextCursor, hasMore, upserts, ...(deletes ? { deletes } : {}) }, recordComponent };
}

function lookupOperation(document: Obj, op: OperationModel): Obj | undefined {
  const paths = document.paths;
  const item = isObj(paths) ? paths[op.path] : undefined;
  const found = isObj(item) ? item[op.method] : undefined;
  return isObj(found) ? found : undefined;
}

/** The name of the generated factory: `createSyncFor` + the operation's export name in PascalCase. */
export const syncFactoryName = (feed: SyncFeedModel): string => `createSyncFor${feed.operation.exportName[0]!.toUpperCase()}${feed.operation.exportName.slice(1)}`;

/** The const validators.ts gives each component schema: the same assignment, so clashes settle alike. */
function validatorNames(document: Obj): Map<string, string> {
  const schemas = isObj(document.components) && isObj(document.components.schemas) ? Object.keys(document.components.schemas) : [];
  return assignComponentNames(schemas, new NameRegistry([NS, SCHEMA_TYPE]));
}

/** Emits the imports and one factory per feed for index.ts. */
export function emitSyncFeeds(document: Obj, feeds: readonly SyncFeedModel[], publicApi: string, hasOffline: boolean): ts.Statement[] {
  if (feeds.length === 0) return [];
  const names = validatorNames(document);
  const schemaOf = (feed: SyncFeedModel) => (feed.recordComponent === undefined ? undefined : names.get(feed.recordComponent));
  const schemas = feeds.flatMap((feed) => schemaOf(feed) ?? []);
  const out: ts.Statement[] = [
    f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamedImports([
      f.createImportSpecifier(false, f.createIdentifier('createSync'), f.createIdentifier('__createSync')),
      f.createImportSpecifier(false, f.createIdentifier('operationFeed'), f.createIdentifier('__operationFeed')),
      f.createImportSpecifier(true, f.createIdentifier('Sync'), f.createIdentifier('__Sync')),
      f.createImportSpecifier(true, f.createIdentifier('SyncOptions'), f.createIdentifier('__SyncOptions')),
    ])), f.createStringLiteral(publicApi)),
  ];
  if (schemas.length > 0) {
    out.push(f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamedImports(
      [...new Set(schemas)].map((name) => f.createImportSpecifier(false, undefined, f.createIdentifier(name))),
    )), f.createStringLiteral('./validators.js')));
  }
  for (const feed of feeds) {
    const method = indexed(typeRef(feed.service.typeName), [feed.operation.name]);
    const data = typeRef('Awaited', [typeRef('ReturnType', [method])]);
    const record = f.createIndexedAccessTypeNode(typeRef('NonNullable', [indexed(data, [feed.fields.upserts])]), f.createKeywordTypeNode(ts.SyntaxKind.NumberKeyword));
    const options = typeRef('Omit', [typeRef('__SyncOptions', [record]), f.createLiteralTypeNode(f.createStringLiteral('pull'))]);
    const sdkType = f.createTypeLiteralNode([
      f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], feed.service.key, undefined, f.createTypeLiteralNode([
        f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], feed.operation.name, undefined, method),
      ])),
      ...(hasOffline ? [f.createPropertySignature([f.createModifier(ts.SyntaxKind.ReadonlyKeyword)], 'offline', f.createToken(ts.SyntaxKind.QuestionToken), indexed(typeRef('Sdk'), ['offline']))] : []),
    ]);
    const settings = obj([
      ...(schemaOf(feed) ? [['schema', access(schemaOf(feed)!)] as const] : []),
      ...(hasOffline ? [['offline', access('sdk.offline')] as const] : []),
    ], true);
    const merged = f.createObjectLiteralExpression([
      ...(settings as ts.ObjectLiteralExpression).properties,
      f.createSpreadAssignment(f.createIdentifier('options')),
      f.createPropertyAssignment('pull', call('__operationFeed', [access(`sdk.${feed.service.key}.${feed.operation.name}`), literal(feed.fields)])),
    ], true);
    out.push(withDoc(
      exportFunction(syncFactoryName(feed), [['sdk', sdkType], ['options', options]], typeRef('__Sync'), [f.createReturnStatement(call('__createSync', [merged]))]),
      [
        `\`${feed.operation.method.toUpperCase()} ${feed.operation.path}\` as an incremental sync (docs/sync.md): pulls from the stored \`${feed.fields.cursorParam}\` cursor,`,
        `checks each record${feed.recordComponent ? ` against \`${feed.recordComponent}\`` : ''}, pushes the offline queue first; pass \`apply\` and \`storage\`.`,
        'The cursor is the SDK\'s signed-in user\'s: a run for anyone else is a full sync (`reset: true`);',
        'pass `owner` to name the user yourself.',
      ],
    ));
  }
  return out;
}
