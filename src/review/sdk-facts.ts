/**
 * A live SDK object (`createSdk(options)`) → the review's facts: its services and the operation
 * metadata each method carries (`method.meta`), and the options it was created with, which the
 * runtime leaves on each method under a registry symbol (SDK_OPTIONS) so apps that never review
 * pay nothing for this module.
 */
import type { OperationMeta } from '../contract/operation.js';
import { listShapeOf, queryParamsOf } from './schema-shape.js';
import type { ReviewOperation, ReviewSecurityScheme } from './types.js';

/**
 * The registry symbol src/runtime.ts stores `{ options, api }` under on every method (the same
 * symbol in every copy of the package).
 */
export const SDK_CONTEXT: unique symbol = Symbol.for('tether.sdkContext') as never;

/** What the runtime leaves under SDK_CONTEXT; read defensively (an older runtime leaves nothing). */
export interface SdkContext {
  readonly options: unknown;
  readonly api: { readonly title?: unknown; readonly version?: unknown; readonly securitySchemes?: unknown } | undefined;
}

/** The context of a method, if its runtime left one. */
export function sdkContextOf(method: ReviewableMethod): SdkContext | undefined {
  const context = (method as unknown as Record<symbol, unknown>)[SDK_CONTEXT];
  return context !== null && typeof context === 'object' ? (context as SdkContext) : undefined;
}

/**
 * The security schemes a generated SDK carries in `api.securitySchemes` (`{ kind, in?, scheme? }`
 * per name), as the review's scheme shape; undefined when the SDK carries none.
 */
export function schemesFromApi(api: SdkContext['api']): Record<string, ReviewSecurityScheme> | undefined {
  const raw = api?.securitySchemes;
  if (raw === null || typeof raw !== 'object') return undefined;
  const result: Record<string, ReviewSecurityScheme> = {};
  for (const [name, value] of Object.entries(raw as Record<string, { kind?: unknown; in?: unknown; scheme?: unknown }>)) {
    const kind = value?.kind;
    const pointer = `#/components/securitySchemes/${escapePointer(name)}`;
    if (kind === 'token') result[name] = { name, type: 'http', scheme: 'bearer', in: undefined, pointer };
    else if (kind === 'apiKey') result[name] = { name, type: 'apiKey', scheme: undefined, in: typeof value.in === 'string' ? value.in : undefined, pointer };
    else if (kind === 'basic') result[name] = { name, type: 'http', scheme: 'basic', in: undefined, pointer };
    else if (kind === 'http') result[name] = { name, type: 'http', scheme: typeof value.scheme === 'string' ? value.scheme : undefined, in: undefined, pointer };
    else result[name] = { name, type: typeof kind === 'string' ? kind : 'unknown', scheme: undefined, in: undefined, pointer };
  }
  return result;
}

const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);
const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function isMeta(value: unknown): value is OperationMeta {
  if (value === null || typeof value !== 'object') return false;
  const meta = value as Partial<OperationMeta>;
  return typeof meta.id === 'string' && typeof meta.method === 'string' && typeof meta.path === 'string' && Array.isArray(meta.errorStatuses);
}

/** An SDK method: a function with the `meta` createRuntime gives it. */
export interface ReviewableMethod {
  readonly meta: OperationMeta;
}

/** Every `sdk.<service>.<method>` with operation metadata, in property order. */
export function sdkMethods(sdk: object): Array<{ service: string; name: string; method: ReviewableMethod }> {
  const found: Array<{ service: string; name: string; method: ReviewableMethod }> = [];
  for (const [service, value] of Object.entries(sdk)) {
    if (value === null || typeof value !== 'object') continue;
    for (const [name, method] of Object.entries(value as Record<string, unknown>)) {
      if (typeof method === 'function' && isMeta((method as { meta?: unknown }).meta)) found.push({ service, name, method: method as unknown as ReviewableMethod });
    }
  }
  return found;
}

/** One method's metadata as the review sees it; pointers are the spec's path-item pointers. */
export function operationFromMeta(service: string, name: string, meta: OperationMeta): ReviewOperation {
  const pointer = `#/paths/${escapePointer(meta.path)}/${meta.method}`;
  const responses = meta.schemas.responses ?? {};
  const success = meta.successStatuses.find((s) => responses[s] !== undefined);
  return {
    sdkName: `sdk.${service}.${name}`,
    service,
    method: meta.method,
    path: meta.path,
    pointer,
    operationId: meta.operationId,
    idempotent: meta.idempotent,
    idempotencyKeyHeader: meta.idempotencyKeyHeader,
    security: meta.security,
    successStatuses: meta.successStatuses,
    errorResponses: meta.errorStatuses.filter((s) => !isSuccess(s)).map((status) => ({ status, schema: responses[status] !== undefined })),
    // The SDK keeps no response headers: unknown (the runtime honours Retry-After when sent).
    retryAfterDeclared: undefined,
    paginated: meta.pagination !== undefined,
    list: meta.responseKind === 'json' && success !== undefined ? listShapeOf(responses[success], `${pointer}/responses/${success}/content/application~1json/schema`) : undefined,
    queryParams: queryParamsOf(meta.schemas.params),
    cacheable: meta.cacheable,
    responseKind: meta.responseKind,
    authRole: meta.authRole,
    untagged: undefined,
  };
}
