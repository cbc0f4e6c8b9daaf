/**
 * The example call of an operation in the API reference: the spec's own examples where it
 * gives them (parameter `example`, media type `example`/`examples`), else a value made from the
 * schema (required properties only, placeholders by type and format). Deterministic: the same
 * spec always gives the same text.
 */
import type { ApiModel, OperationModel, ParameterModel } from '../codegen/model.js';
import { at, componentName, deref, isObject, type Json } from './spec-nodes.js';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(['sdk', 'await', 'delete', 'default', 'new', 'class', 'function', 'import', 'export', 'package', 'interface', 'void', 'this', 'in', 'typeof']);

/** A placeholder value for a schema, following refs, at most a few levels deep. */
export function sampleOf(document: Json, schema: unknown, depth = 0): unknown {
  const node = deref(document, schema);
  if (!isObject(node)) return null;
  if ('example' in node) return node['example'];
  if (Array.isArray(node['examples']) && node['examples'].length > 0) return node['examples'][0];
  if ('const' in node) return node['const'];
  if (Array.isArray(node['enum']) && node['enum'].length > 0) return node['enum'][0];
  if ('default' in node) return node['default'];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const parts = node[key];
    if (Array.isArray(parts) && parts.length > 0) return sampleOf(document, parts[0], depth + 1);
  }
  if (Array.isArray(node['allOf'])) {
    const merged: Json = {};
    for (const part of node['allOf']) {
      const value = sampleOf(document, part, depth + 1);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  const type = Array.isArray(node['type']) ? node['type'].find((t) => t !== 'null') : node['type'];
  switch (type) {
    case 'string':
      return stringSample(typeof node['format'] === 'string' ? node['format'] : undefined, typeof node['minLength'] === 'number' ? node['minLength'] : 0);
    case 'integer':
    case 'number':
      return typeof node['minimum'] === 'number' ? node['minimum'] : 1;
    case 'boolean':
      return true;
    case 'array':
      return depth > 3 ? [] : [sampleOf(document, node['items'], depth + 1)];
    default: {
      if (depth > 3 || !isObject(node['properties'])) return {};
      const required = Array.isArray(node['required']) ? node['required'].filter((name): name is string => typeof name === 'string') : [];
      const properties = node['properties'];
      const value: Json = {};
      for (const name of required) {
        const property = deref(document, properties[name]);
        // What the server fills in is not for the caller to send.
        if (isObject(property) && property['readOnly'] === true) continue;
        value[name] = sampleOf(document, properties[name], depth + 1);
      }
      return value;
    }
  }
}

function stringSample(format: string | undefined, minLength: number): string {
  switch (format) {
    case 'date-time':
      return '2024-01-01T00:00:00Z';
    case 'date':
      return '2024-01-01';
    case 'email':
      return 'user@example.com';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'uri':
    case 'url':
      return 'https://example.com';
    default:
      return 'string'.padEnd(Math.max(6, minLength), 'x');
  }
}

/** A JavaScript literal of `value`, keys unquoted where they are identifiers, 2-space indents. */
export function literal(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = value.map((item) => `${indent}  ${literal(item, `${indent}  `)}`);
    return `[\n${inner.join(',\n')},\n${indent}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const inner = keys.map((key) => `${indent}  ${IDENTIFIER.test(key) ? key : `'${key.replace(/'/g, "\\'")}'`}: ${literal(value[key], `${indent}  `)}`);
    return `{\n${inner.join(',\n')},\n${indent}}`;
  }
  return typeof value === 'string' ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : JSON.stringify(value ?? null);
}

function parameterSample(model: ApiModel, parameter: ParameterModel): unknown {
  const node = deref(model.document, at(model.document, parameter.pointer));
  if (isObject(node) && 'example' in node) return node['example'];
  return sampleOf(model.document, parameter.schema);
}

/** The request body example: the media type's own, else one made from the schema. */
function bodySample(model: ApiModel, operation: OperationModel): unknown {
  const body = operation.requestBody;
  if (!body) return undefined;
  // The body's pointer names its schema (or the media type object when there is none).
  const mediaPointer = body.schema === undefined ? body.pointer : body.pointer.replace(/\/schema$/, '');
  const media = deref(model.document, at(model.document, mediaPointer));
  if (isObject(media)) {
    if ('example' in media) return media['example'];
    const examples = media['examples'];
    if (isObject(examples)) {
      const first = Object.keys(examples).sort()[0];
      const example = first === undefined ? undefined : deref(model.document, examples[first]);
      if (isObject(example) && 'value' in example) return example['value'];
    }
  }
  return sampleOf(model.document, body.schema);
}

/** The `init` argument of an example call: required parameters by location, and the body. */
export function exampleInit(model: ApiModel, operation: OperationModel): Json | undefined {
  const params: Json = {};
  for (const parameter of operation.parameters) {
    // Header parameters the runtime fills in itself (Idempotency-Key) stay out of the example.
    if (!parameter.required || (parameter.in === 'header' && parameter.name.toLowerCase() === operation.idempotencyKeyHeader?.toLowerCase())) continue;
    const group = (params[parameter.in] ??= {}) as Json;
    group[parameter.name] = parameterSample(model, parameter);
  }
  const init: Json = {};
  if (Object.keys(params).length > 0) init['params'] = params;
  const body = bodySample(model, operation);
  if (body !== undefined) init['body'] = body;
  return Object.keys(init).length > 0 ? init : undefined;
}

/** The example call as TypeScript, e.g. `const order = await sdk.orders.getOrder({ … });`. */
export function exampleCall(model: ApiModel, operation: OperationModel): string {
  const init = exampleInit(model, operation);
  const call = `sdk.${operation.service}.${operation.name}(${init ? literal(init) : ''})`;
  // An event-stream operation returns a live stream at once (EventStreamMethod), read with for await.
  if (operation.eventStream) return `const stream = ${call};\nfor await (const event of stream) {\n  console.log(event.id, event.data);\n}`;
  const success = operation.responses.find((response) => /^2/.test(response.status) && response.body !== undefined);
  if (!success) return `await ${call};`;
  // Named after the answer's schema (`const order = …`) where it has one.
  const name = componentName(success.body?.schema);
  const variable = name && IDENTIFIER.test(name) ? `${name[0]!.toLowerCase()}${name.slice(1)}` : 'result';
  return `const ${RESERVED.has(variable) ? 'result' : variable} = await ${call};`;
}
