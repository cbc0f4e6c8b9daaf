/**
 * A spec file → the review's facts, through the generator's own loader and operation model
 * (load-spec.ts, collect-operations.ts, pagination.ts), read-only: the review sees exactly the
 * operations, names and pagination the generated SDK has.
 */
import { collectOperations } from '../codegen/collect-operations.js';
import { loadSpec } from '../codegen/load-spec.js';
import type { Diagnostics, OperationModel } from '../codegen/model.js';
import { deref } from '../codegen/refs.js';
import { joinPointer } from '../codegen/spec-error.js';
import type { ReviewInput, ReviewOperation, ReviewPlatform, ReviewSecurityScheme, ReviewedOptions } from '../../src/review/types.js';
import { listShape } from './list-shape.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

/** The generator's warnings (names settled, duplicates) do not concern the review. */
const quiet: Diagnostics = { warn() {} };

/** Loads `file` and builds the review input; throws the loader's SpecError for a bad spec. */
export async function specFacts(file: string, displayName: string, options: ReviewedOptions | undefined, platform: ReviewPlatform): Promise<ReviewInput> {
  const loaded = await loadSpec(file, quiet);
  const document = loaded.document;
  const { operations } = collectOperations(document, quiet);
  return {
    file: displayName,
    servers: servers(document, operations),
    securitySchemes: securitySchemes(document),
    operations: operations.map((op) => reviewOperation(document, op)),
    options,
    platform,
  };
}

function reviewOperation(document: Obj, op: OperationModel): ReviewOperation {
  const success = op.responses.filter((r) => isSuccess(r.status));
  const json = success.find((r) => r.body?.schema !== undefined && /json/i.test(r.body.contentType));
  const raw = (document.paths as Obj | undefined)?.[op.path];
  const operationNode = isObj(raw) ? raw[op.method] : undefined;
  const tags = isObj(operationNode) ? operationNode.tags : undefined;
  const tooMany = op.responses.find((r) => r.status === '429');
  return {
    sdkName: `sdk.${op.service}.${op.name}`,
    service: op.service,
    method: op.method,
    path: op.path,
    pointer: op.pointer,
    operationId: op.operationId,
    idempotent: op.idempotent,
    idempotencyKeyHeader: op.idempotencyKeyHeader,
    security: op.security,
    successStatuses: success.map((r) => r.status),
    errorResponses: op.responses.filter((r) => !isSuccess(r.status)).map((r) => ({ status: r.status, schema: r.body?.schema !== undefined })),
    retryAfterDeclared: tooMany === undefined ? undefined : tooMany.headers.some((h) => h === 'retry-after' || h === 'retry-after-ms'),
    paginated: op.pagination !== undefined,
    list: json?.body?.schema === undefined ? undefined : listShape(document, json.body.schema, json.body.pointer),
    queryParams: op.parameters.filter((p) => p.in === 'query').map((p) => p.name),
    cacheable: op.cacheable,
    responseKind: responseKind(success),
    authRole: authRole(operationNode),
    untagged: !(Array.isArray(tags) && typeof tags[0] === 'string'),
  };
}

function responseKind(success: OperationModel['responses']): ReviewOperation['responseKind'] {
  const type = success.find((r) => r.body !== undefined)?.body?.contentType;
  if (type === undefined) return 'none';
  if (/json/i.test(type)) return 'json';
  if (/^text\/event-stream/i.test(type)) return 'stream';
  if (/^text\//i.test(type)) return 'text';
  return 'blob';
}

function authRole(node: unknown): ReviewOperation['authRole'] {
  const role = isObj(node) ? node['x-tether-auth'] : undefined;
  return role === 'login' || role === 'refresh' || role === 'logout' ? role : undefined;
}

/** Root servers plus path- and operation-level overrides, with their pointers. */
function servers(document: Obj, operations: OperationModel[]): Array<{ url: string; pointer: string }> {
  const found: Array<{ url: string; pointer: string }> = [];
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((s, i) => {
      if (isObj(s) && typeof s.url === 'string') found.push({ url: s.url, pointer: joinPointer(base, 'servers', i, 'url') });
    });
  };
  add(document.servers, '#');
  const paths = isObj(document.paths) ? document.paths : {};
  for (const path of new Set(operations.map((op) => op.path))) {
    const item = paths[path];
    if (!isObj(item)) continue;
    add(item.servers, joinPointer('#/paths', path));
    for (const op of operations.filter((o) => o.path === path)) add(isObj(item[op.method]) ? (item[op.method] as Obj).servers : undefined, op.pointer);
  }
  return found;
}

function securitySchemes(document: Obj): Record<string, ReviewSecurityScheme> {
  const components = isObj(document.components) ? document.components : {};
  const schemes = isObj(components.securitySchemes) ? components.securitySchemes : {};
  const result: Record<string, ReviewSecurityScheme> = {};
  for (const [name, raw] of Object.entries(schemes)) {
    const pointer = joinPointer('#/components/securitySchemes', name);
    const target = deref(document, raw, pointer).node;
    if (!isObj(target)) continue;
    const node: Obj = target;
    result[name] = {
      name,
      type: typeof node?.type === 'string' ? node.type : 'unknown',
      scheme: typeof node?.scheme === 'string' ? node.scheme : undefined,
      in: typeof node?.in === 'string' ? node.in : undefined,
      pointer,
    };
  }
  return result;
}
