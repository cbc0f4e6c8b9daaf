/**
 * `operations.ts`: one plain, side-effect-free `OperationMeta` object per operation, holding
 * everything the runtime needs to treat the call right (retry safety, auth, caching, paging).
 * Plain object literals let bundlers drop the operations an app never calls.
 */
import { access, arr, bool, exportConst, importDecl, literal, obj, str, typeRef, undef, withDoc, type Expr } from './ast.js';
import type { ApiModel, BodyModel, OperationModel, ParameterWireModel } from './model.js';
import type { ts } from './ast.js';

/** Names of the validator consts per operation, from the validators emitter. */
export interface OperationValidatorNames {
  body?: string;
  params?: string;
  responses: Record<string, string>;
  /** One event's data of an event-stream operation. */
  event?: string;
}

const optionalStr = (value: string | undefined): Expr => (value === undefined ? undef() : str(value));

const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

/** How the runtime should read the success body. */
export function responseKind(operation: OperationModel): 'json' | 'text' | 'stream' | 'blob' | 'none' {
  const bodies = operation.responses.filter((r) => isSuccess(r.status)).map((r) => r.body).filter((b): b is BodyModel => !!b);
  const first = bodies[0];
  if (!first) return 'none';
  const type = first.contentType.toLowerCase();
  if (/json/.test(type)) return 'json';
  if (type === 'text/event-stream' || type === 'application/x-ndjson') return 'stream';
  if (type.startsWith('text/') || /xml|yaml|csv/.test(type)) return 'text';
  return 'blob';
}

/** The role `x-tether-auth` gives an operation (login, refresh, logout), if any. */
export function authRole(document: Record<string, unknown>, operation: OperationModel): string | undefined {
  const raw = lookup(document, operation)?.['x-tether-auth'];
  return raw === 'login' || raw === 'refresh' || raw === 'logout' ? raw : undefined;
}

function lookup(document: Record<string, unknown>, operation: OperationModel): Record<string, unknown> | undefined {
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const item = paths[operation.path]?.[operation.method];
  return item && typeof item === 'object' ? (item as Record<string, unknown>) : undefined;
}

function schemasExpr(names: OperationValidatorNames | undefined): Expr {
  const entries: Array<readonly [string, Expr]> = [];
  if (names?.body) entries.push(['body', access(`v.${names.body}`)]);
  if (names?.params) entries.push(['params', access(`v.${names.params}`)]);
  const responses = Object.entries(names?.responses ?? {});
  if (responses.length > 0) entries.push(['responses', obj(responses.map(([status, name]) => [status, access(`v.${name}`)] as const))]);
  if (names?.event) entries.push(['event', access(`v.${names.event}`)]);
  return obj(entries);
}

/** `params`: the parameters not serialised the default way (style, explode, …), only when there are any. */
function paramsEntry(op: OperationModel): Array<readonly [string, Expr]> {
  const unusual = op.parameters.filter((p) => p.wire !== undefined).map((p) => ({ name: p.name, in: p.in, ...p.wire }));
  return unusual.length > 0 ? [['params', literal(unusual)]] : [];
}

/** JSON as the runtime's body writer classes it (service/body/media-type.ts): `application/json`, `*+json`, `text/json`. */
function isJsonType(type: string): boolean {
  const essence = type.split(';')[0]!.trim().toLowerCase();
  return essence === 'application/json' || essence.endsWith('+json') || essence === 'text/json';
}

/**
 * Whether the operation's bodies need the full body writer (form encodings, binary, text, a
 * choice of types): only then is it referenced, so JSON-only apps do not bundle it.
 */
function needsMediaBodies(op: OperationModel): boolean {
  const type = op.requestBody?.contentType;
  return op.wire?.requestMedia !== undefined || (type !== undefined && !isJsonType(type));
}

// openapi-fetch's template syntax for label (`{.x}`) and matrix (`{;x}`); `{x*}` is simple.
const STYLED_TEMPLATE = /\{[.;][^{}]*\}/;

/**
 * Whether the operation's parameters need the full parameter serializer (a style other than its
 * location's default, allowReserved or content; any cookie; a label/matrix path template): only
 * then is it referenced, so apps calling default-style operations do not bundle it. `explode`
 * alone the default serializer reads (service/params/default-params.ts).
 */
function needsStyledParams(op: OperationModel): boolean {
  const styled = (wire: ParameterWireModel): boolean => wire.style !== undefined || wire.allowReserved !== undefined || wire.content !== undefined;
  return STYLED_TEMPLATE.test(op.path) || op.parameters.some((p) => p.in === 'cookie' || (p.wire !== undefined && styled(p.wire)));
}

/** Renders the operations module. */
export function emitOperations(
  model: Pick<ApiModel, 'operations' | 'document'>,
  validators: Record<string, OperationValidatorNames>,
  runtimeImport: string,
): ts.Statement[] {
  const codecs = [
    ...(model.operations.some(needsMediaBodies) ? ['mediaBodies'] : []),
    ...(model.operations.some(needsStyledParams) ? ['styledParams'] : []),
  ];
  const statements: ts.Statement[] = [
    importDecl(runtimeImport, { named: ['OperationMeta'], typeOnly: true }),
    ...(codecs.length > 0 ? [importDecl(runtimeImport, { named: codecs })] : []),
    importDecl('./validators.js', { namespace: 'v' }),
  ];
  for (const op of model.operations) {
    const statuses = op.responses.map((r) => r.status);
    const meta = obj([
      ['id', str(`${op.service}.${op.name}`)],
      ['operationId', optionalStr(op.operationId)],
      ['method', str(op.method)],
      ['path', str(op.path)],
      ['tag', str(op.tag)],
      ['idempotent', bool(op.idempotent)],
      ['idempotencyKeyHeader', optionalStr(op.idempotencyKeyHeader)],
      ['security', arr(op.security.map((alt) => arr(alt.map(str))))],
      ['successStatuses', literal(statuses.filter(isSuccess))],
      ['errorStatuses', literal(statuses.filter((s) => !isSuccess(s)))],
      ['requestContentType', optionalStr(op.requestBody?.contentType)],
      // Only when they say more than the defaults (collect-bodies.ts).
      ...(op.wire?.requestMedia ? [['requestMedia', literal(op.wire.requestMedia)] as const] : []),
      ...(needsMediaBodies(op) ? [['bodyCodec', access('mediaBodies')] as const] : []),
      ...(op.wire?.accept ? [['accept', str(op.wire.accept)] as const] : []),
      ['responseKind', str(responseKind(op))],
      ['pagination', op.pagination ? literal(op.pagination) : undef()],
      ['cacheable', bool(op.cacheable)],
      ['deprecated', bool(op.deprecated)],
      ['authRole', optionalStr(authRole(model.document, op))],
      ['schemas', schemasExpr(validators[op.exportName])],
      ...paramsEntry(op),
      ...(needsStyledParams(op) ? [['paramCodec', access('styledParams')] as const] : []),
      ...(op.batch ? [['batch', literal(op.batch)] as const] : []),
    ]);
    statements.push(withDoc(exportConst(op.exportName, meta, typeRef('OperationMeta')), [`\`${op.method.toUpperCase()} ${op.path}\``]));
  }
  return statements;
}
