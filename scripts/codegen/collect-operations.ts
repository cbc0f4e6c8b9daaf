/**
 * Walks `paths` into the operation model: one entry per (path, method), grouped by first tag,
 * with names that are unique, readable identifiers and the metadata the runtime needs.
 * @see https://spec.openapis.org/oas/v3.1.0#paths-object
 */
import { deref } from './refs.js';
import { collectBodies } from './collect-bodies.js';
import { collectEventStream } from './collect-event-stream.js';
import type {
  BodyModel,
  Diagnostics,
  HttpMethod,
  OperationModel,
  ParameterModel,
  ResponseModel,
  SchemaNode,
  ServiceModel,
} from './model.js';
import { NameScope, camelCase, camelProperty, memberHazard, pascalCase, safeIdentifier, safeMember, words } from './names.js';
import { parameterSchema, parameterWire } from './collect-parameters.js';
import { detectPagination } from './pagination.js';
import { RESERVED_EXPORTS } from './reserved-exports.js';
import { joinPointer } from './spec-error.js';

const METHODS: readonly HttpMethod[] = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** RFC 9110 §9.2.2: repeating these has the same effect as sending once. */
const IDEMPOTENT = new Set<HttpMethod>(['get', 'head', 'options', 'put', 'delete', 'trace']);
/** Keys the SDK object itself uses (or will: `sdk.offline`); a tag with one of these names is numbered. */
const RESERVED_SERVICE_KEYS = ['offline'];
/** Keys a service object keeps for itself. */
const RESERVED_METHOD_KEYS = ['meta'];
/** Names services.ts and index.ts declare or import next to the service types. */
const RESERVED_TYPE_NAMES = ['Sdk', 'Runtime', 'OperationMethod', 'SdkOptions'];
const DEFAULT_TAG = 'default';
/** Header names recognised as an idempotency key (IETF draft-ietf-httpapi-idempotency-key-header). */
export const IDEMPOTENCY_HEADER = /^idempotency[-_]?key$/i;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Picks the media type the SDK speaks: JSON first, then any `+json`, then the first declared. */
export function pickMediaType(content: Obj): string | undefined {
  const types = Object.keys(content);
  return (
    types.find((t) => /^application\/json\b/i.test(t)) ??
    types.find((t) => /[/+]json\b/i.test(t)) ??
    types[0]
  );
}

function bodyOf(document: Obj, content: unknown, pointer: string): BodyModel | undefined {
  if (!isObj(content)) return undefined;
  const contentType = pickMediaType(content);
  if (!contentType) return undefined;
  const mediaPointer = joinPointer(pointer, 'content', contentType);
  const media = content[contentType];
  const schema = isObj(media) && (isObj(media.schema) || typeof media.schema === 'boolean') ? (media.schema as SchemaNode) : undefined;
  return { contentType, schema, pointer: schema === undefined ? mediaPointer : joinPointer(mediaPointer, 'schema') };
}

function collectParameters(document: Obj, pathItem: Obj, operation: Obj, pathPointer: string, opPointer: string): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  const add = (list: unknown, base: string): void => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, index) => {
      const { node } = deref(document, raw, joinPointer(base, 'parameters', index));
      if (!isObj(node) || typeof node.name !== 'string' || typeof node.in !== 'string') return;
      const location = node.in as ParameterModel['in'];
      const wire = parameterWire(node, location);
      // Operation-level parameters override path-level ones with the same name and location.
      byKey.set(`${location}:${node.name}`, {
        name: node.name,
        in: location,
        required: location === 'path' || node.required === true,
        schema: parameterSchema(node) as SchemaNode | undefined,
        pointer: joinPointer(base, 'parameters', index),
        ...(wire && { wire }),
      });
    });
  };
  add(pathItem.parameters, pathPointer);
  add(operation.parameters, opPointer);
  return [...byKey.values()];
}

function collectResponses(document: Obj, responses: unknown, opPointer: string): ResponseModel[] {
  if (!isObj(responses)) return [];
  return Object.entries(responses).map(([status, raw]) => {
    const pointer = joinPointer(opPointer, 'responses', status);
    const { node, pointer: target } = deref(document, raw, pointer);
    const response = isObj(node) ? node : {};
    return {
      status,
      body: bodyOf(document, response.content, target),
      headers: isObj(response.headers) ? Object.keys(response.headers).map((h) => h.toLowerCase()) : [],
      pointer,
    };
  });
}

const eventStreamEntry = (eventStream: OperationModel['eventStream']) => (eventStream ? { eventStream } : {});

const isSuccess = (status: string): boolean => /^2(\d\d|XX)$/i.test(status);

/** The method name an operation gets before collisions are resolved. */
function baseName(operationId: string | undefined, tag: string, method: HttpMethod, path: string): string {
  if (operationId && words(operationId).length > 0) {
    // Ids often repeat their service (`repos/get-content` under `repos`, `sshKeys_list` under
    // `SSH Keys`); under `sdk.<service>` the prefix is noise, so whole leading words are dropped.
    const idWords = words(operationId).map((w) => w.toLowerCase());
    const tagWords = words(tag).map((w) => w.toLowerCase());
    const prefixed = idWords.length > tagWords.length && tagWords.length > 0 && tagWords.every((w, i) => idWords[i] === w);
    return camelProperty(prefixed ? idWords.slice(tagWords.length).join(' ') : operationId);
  }
  // Stable fallback from method and path: GET /orders/{orderId}/items → getOrdersByOrderIdItems.
  const segments = path
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith('{') ? `by ${s.slice(1, -1)}` : s));
  return camelProperty([method, ...segments].join(' '));
}

/** Collects every operation of the document, grouped into services by first tag. */
export function collectOperations(document: Obj, diagnostics: Diagnostics): { services: ServiceModel[]; operations: OperationModel[] } {
  const paths = isObj(document.paths) ? document.paths : {};
  const globalSecurity = Array.isArray(document.security) ? document.security : [];
  const tagDocs = new Map<string, string | undefined>();
  if (Array.isArray(document.tags)) {
    for (const t of document.tags) if (isObj(t) && typeof t.name === 'string') tagDocs.set(t.name, typeof t.description === 'string' ? t.description : undefined);
  }

  const operations: OperationModel[] = [];
  const tagPointers = new Map<OperationModel, string>();
  const seenOperationIds = new Map<string, string>();
  for (const path of Object.keys(paths)) {
    const pathPointer = joinPointer('#/paths', path);
    const { node: pathNode } = deref(document, paths[path], pathPointer);
    if (!isObj(pathNode)) continue;
    for (const method of METHODS) {
      const operation = pathNode[method];
      if (!isObj(operation)) continue;
      const pointer = joinPointer(pathPointer, method);
      const operationId = typeof operation.operationId === 'string' ? operation.operationId : undefined;
      if (operationId !== undefined) {
        const previous = seenOperationIds.get(operationId);
        // The name scopes below keep the SDK's names unique (and warn); the spec still needs fixing.
        if (previous) diagnostics.warn(joinPointer(pointer, 'operationId'), `duplicate operationId ${JSON.stringify(operationId)} (first at ${previous}); operationIds must be unique`);
        else seenOperationIds.set(operationId, pointer);
      }
      const tagged = Array.isArray(operation.tags) && typeof operation.tags[0] === 'string' && operation.tags[0].trim() !== '';
      const tag = tagged ? (operation.tags as string[])[0]! : DEFAULT_TAG;
      const parameters = collectParameters(document, pathNode, operation, pathPointer, pointer);
      const { node: rbNode, pointer: rbPointer } = deref(document, operation.requestBody, joinPointer(pointer, 'requestBody'));
      const requestBody = isObj(rbNode) ? bodyOf(document, rbNode.content, rbPointer) : undefined;
      const responses = collectResponses(document, operation.responses, pointer);
      const security = (Array.isArray(operation.security) ? operation.security : globalSecurity)
        .filter(isObj)
        .map((alternative) => Object.keys(alternative));
      const idempotencyKeyHeader = parameters.find((p) => p.in === 'header' && IDEMPOTENCY_HEADER.test(p.name))?.name;
      const success = responses.filter((r) => isSuccess(r.status));
      const declaresCaching = success.some((r) => r.headers.includes('etag') || r.headers.includes('cache-control'));
      const model: OperationModel = {
        name: baseName(operationId, tag, method, path),
        exportName: '',
        operationId,
        service: '',
        tag,
        method,
        path,
        pointer,
        summary: typeof operation.summary === 'string' ? operation.summary : undefined,
        description: typeof operation.description === 'string' ? operation.description : undefined,
        deprecated: operation.deprecated === true,
        parameters,
        requestBody: requestBody && { ...requestBody, required: isObj(rbNode) && rbNode.required === true },
        responses,
        security,
        idempotent: IDEMPOTENT.has(method) || operation['x-tether-idempotent'] === true,
        idempotencyKeyHeader,
        pagination: method === 'get' ? detectPagination(document, parameters, success) : undefined,
        cacheable: (method === 'get' || method === 'head') && declaresCaching,
        wire: collectBodies(document, rbNode, operation.responses, pointer),
        // Only on event-stream operations, so every other model stays as it was.
        ...eventStreamEntry(collectEventStream(document, responses)),
      };
      operations.push(model);
      tagPointers.set(model, tagged ? joinPointer(pointer, 'tags', 0) : pointer);
    }
  }
  return { services: groupServices(operations, tagPointers, tagDocs, diagnostics), operations };
}

/** Groups operations by tag and settles every name (see names.ts); deterministic in document order. */
function groupServices(
  operations: OperationModel[],
  tagPointers: Map<OperationModel, string>,
  tagDocs: Map<string, string | undefined>,
  diagnostics: Diagnostics,
): ServiceModel[] {
  const serviceKeys = new NameScope(RESERVED_SERVICE_KEYS);
  const typeNames = new NameScope(RESERVED_TYPE_NAMES);
  const exportNames = new NameScope(RESERVED_EXPORTS);
  const byTag = new Map<string, ServiceModel & { scope: NameScope }>();
  for (const operation of operations) {
    let service = byTag.get(operation.tag);
    if (!service) {
      const where = tagPointers.get(operation) ?? operation.pointer;
      const key = settle(serviceKeys, camelProperty(operation.tag, 'default'), where, `tag ${JSON.stringify(operation.tag)}`, (n) => `sdk.${n}`, diagnostics);
      service = {
        key,
        typeName: typeNames.claim(`${pascalCase(operation.tag, 'Default')}Service`, where),
        tag: operation.tag,
        description: tagDocs.get(operation.tag),
        operations: [],
        scope: new NameScope(RESERVED_METHOD_KEYS),
      };
      byTag.set(operation.tag, service);
    }
    operation.service = service.key;
    const key = service.key;
    const what = operation.operationId === undefined ? `${operation.method.toUpperCase()} ${operation.path}` : `operationId ${JSON.stringify(operation.operationId)}`;
    operation.name = settle(service.scope, operation.name, operation.pointer, what, (n) => `sdk.${key}.${n}`, diagnostics);
    // Top-level exports (operations.ts, the standalone functions) are unique across services: a
    // clash is qualified by its service, deterministically in document order. The standalone
    // functions are public names an app imports, so a qualified one is warned.
    const exportName = safeIdentifier(operation.name);
    const taken = exportNames.has(exportName);
    operation.exportName = exportNames.claim(taken ? camelCase(`${service.key} ${operation.name}`) : exportName, operation.pointer);
    if (taken) {
      const owner = exportNames.ownerOf(exportName);
      const why = owner === undefined ? 'reserved by the SDK' : `already taken by ${owner}`;
      diagnostics.warn(operation.pointer, `${what} is exported as the standalone function \`${operation.exportName}\` (\`${exportName}\` is ${why})`);
    }
    service.operations.push(operation);
  }
  return [...byTag.values()].map(({ scope: _scope, ...service }) => service);
}

/**
 * Claims a member name in `scope`, renaming a hazardous one (`then` → `then_`) and numbering a
 * taken one (`list` → `list2`); every change is warned at `pointer`, naming the other owner.
 */
function settle(scope: NameScope, wanted: string, pointer: string, what: string, place: (name: string) => string, diagnostics: Diagnostics): string {
  const hazard = memberHazard(wanted);
  const base = safeMember(wanted);
  const claimed = scope.claim(base, pointer);
  if (claimed === wanted) return claimed;
  const reasons: string[] = [];
  if (hazard) reasons.push(`\`${place(wanted)}\` ${hazard}`);
  if (claimed !== base) {
    const owner = scope.ownerOf(base);
    reasons.push(owner === undefined ? `\`${base}\` is reserved by the SDK` : `\`${base}\` is already taken by ${owner}`);
  }
  diagnostics.warn(pointer, `${what} is generated as \`${claimed}\` (${reasons.join('; ')})`);
  return claimed;
}
