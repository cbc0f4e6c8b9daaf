/**
 * The Shop API spec (openapi/v1/openapi.yaml), loaded once. The server validates requests
 * against it, so a constraint changed in the spec is enforced without touching the server.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { resolveRef } from './validate.js';

export const SPEC_PATH = new URL('../../openapi/v1/openapi.yaml', import.meta.url);

export interface ParameterInfo {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: Record<string, unknown>;
  style: string;
  explode: boolean;
}

export interface OperationInfo {
  operationId: string;
  method: string;
  /** Path template, e.g. `/orders/{orderId}`. */
  path: string;
  parameters: ParameterInfo[];
  /** JSON request body schema, when the operation has one. */
  requestSchema: Record<string, unknown> | undefined;
  requestBodyRequired: boolean;
  /** The raw operation object. */
  raw: Record<string, unknown>;
}

export interface Spec {
  document: Record<string, unknown>;
  operation(operationId: string): OperationInfo;
  operations(): OperationInfo[];
  /** `#/components/schemas/<name>`. */
  schema(name: string): Record<string, unknown>;
  /** Schema of a response body (first media type) for a status, refs resolved one level. */
  responseSchema(operationId: string, status: number | string): Record<string, unknown> | undefined;
}

let cached: Spec | undefined;

export function loadSpec(): Spec {
  cached ??= buildSpec(parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>);
  return cached;
}

/** The Shop API's next version, served under /v2 (versions.ts). */
export const SPEC_V2_PATH = new URL('../../openapi/v2/openapi.yaml', import.meta.url);
let cachedV2: Spec | undefined;

/** openapi/v2/openapi.yaml, loaded once. */
export function loadSpecV2(): Spec {
  cachedV2 ??= buildSpec(parse(readFileSync(SPEC_V2_PATH, 'utf8')) as Record<string, unknown>);
  return cachedV2;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

function buildSpec(document: Record<string, unknown>): Spec {
  const deref = <T>(node: unknown): T => {
    let n = node as Record<string, unknown>;
    while (typeof n.$ref === 'string') n = resolveRef(document, n.$ref) as Record<string, unknown>;
    return n as T;
  };
  const byId = new Map<string, OperationInfo>();
  const paths = document.paths as Record<string, Record<string, unknown>>;
  for (const [path, item] of Object.entries(paths)) {
    const shared = (item.parameters ?? []) as unknown[];
    for (const method of METHODS) {
      const op = item[method] as Record<string, unknown> | undefined;
      if (!op || typeof op.operationId !== 'string') continue;
      const parameters = [...shared, ...((op.parameters ?? []) as unknown[])].map((p) => {
        const raw = deref<Record<string, unknown>>(p);
        const where = raw.in as ParameterInfo['in'];
        const style = (raw.style as string | undefined) ?? (where === 'query' || where === 'cookie' ? 'form' : 'simple');
        return {
          name: raw.name as string,
          in: where,
          required: raw.required === true,
          schema: (raw.schema ?? {}) as Record<string, unknown>,
          style,
          explode: (raw.explode as boolean | undefined) ?? style === 'form',
        };
      });
      const body = op.requestBody ? deref<Record<string, unknown>>(op.requestBody) : undefined;
      const content = (body?.content ?? {}) as Record<string, { schema?: Record<string, unknown> }>;
      byId.set(op.operationId, {
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        requestSchema: content['application/json']?.schema,
        requestBodyRequired: body?.required === true,
        raw: op,
      });
    }
  }
  return {
    document,
    operation(operationId) {
      const op = byId.get(operationId);
      if (!op) throw new Error(`No operation ${operationId} in ${SPEC_PATH.pathname}`);
      return op;
    },
    operations: () => [...byId.values()],
    schema(name) {
      return resolveRef(document, `#/components/schemas/${name}`) as Record<string, unknown>;
    },
    responseSchema(operationId, status) {
      const responses = this.operation(operationId).raw.responses as Record<string, unknown>;
      const response = responses[String(status)];
      if (!response) return undefined;
      const content = deref<Record<string, unknown>>(response).content as Record<string, { schema?: Record<string, unknown> }> | undefined;
      const first = content && Object.values(content)[0];
      return first?.schema;
    },
  };
}
