/**
 * The reference judge of the differential test: Ajv over the spec's schemas, converted the way
 * JSON Schema reads them. OAS 3.0 → draft-07 (`nullable: true` → `null` added to `type` and to
 * `enum`; boolean `exclusiveMinimum`/`exclusiveMaximum` → the numeric form; `$ref` siblings
 * dropped, as 3.0 says), OAS 3.1 → 2020-12 as is (minus the OAS-only `nullable`). Formats are
 * asserted with ajv-formats (full mode) for exactly the formats Tether checks.
 */
import type { ValidateFunction } from 'ajv';
import Ajv07 from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { compilePattern } from '../../../scripts/codegen/validators/patterns.js';

type Obj = Record<string, unknown>;
const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Formats Tether checks, by the names ajv-formats knows them by. */
const CHECKED_FORMATS = ['date-time', 'date', 'time', 'email', 'uuid', 'uri', 'ipv4', 'ipv6'] as const;

/** Keywords whose value is one schema / a list of schemas / a map of schemas. */
const ONE = ['additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const MANY = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

/** Rewrites one schema (and everything under it) in place into plain JSON Schema. */
function convertSchema(node: unknown, version: '3.0' | '3.1', seen: WeakSet<object>): void {
  if (!isObj(node) || seen.has(node)) return;
  seen.add(node);
  if (version === '3.0' && typeof node['$ref'] === 'string') {
    for (const key of Object.keys(node)) if (key !== '$ref') delete node[key];
    return;
  }
  if (node['nullable'] === true && version === '3.0') {
    const type = node['type'];
    if (typeof type === 'string') node['type'] = [type, 'null'];
    if (Array.isArray(node['enum']) && !node['enum'].includes(null)) node['enum'] = [...node['enum'], null];
  }
  delete node['nullable'];
  delete node['discriminator'];
  for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
    if (typeof node[flag] !== 'boolean') continue;
    if (node[flag] === true && typeof node[bound] === 'number') {
      node[flag] = node[bound];
      delete node[bound];
    } else delete node[flag];
  }
  for (const key of ONE) convertSchema(node[key], version, seen);
  for (const key of MANY) if (Array.isArray(node[key])) for (const member of node[key]) convertSchema(member, version, seen);
  for (const key of MAP) if (isObj(node[key])) for (const member of Object.values(node[key])) convertSchema(member, version, seen);
  const items = node['items'];
  if (Array.isArray(items)) for (const member of items) convertSchema(member, version, seen);
  else convertSchema(items, version, seen);
}

/** Every schema position of an OpenAPI document: components, parameters, media types, headers. */
function convertDocument(doc: Obj, version: '3.0' | '3.1'): void {
  const seen = new WeakSet<object>();
  const schema = (node: unknown): void => convertSchema(node, version, seen);
  const content = (node: unknown): void => {
    if (isObj(node)) for (const media of Object.values(node)) if (isObj(media)) schema(media['schema']);
  };
  const headers = (node: unknown): void => {
    if (isObj(node)) for (const header of Object.values(node)) if (isObj(header)) (schema(header['schema']), content(header['content']));
  };
  const parameter = (node: unknown): void => {
    if (isObj(node)) (schema(node['schema']), content(node['content']));
  };
  const response = (node: unknown): void => {
    if (isObj(node)) (content(node['content']), headers(node['headers']));
  };
  const operation = (node: unknown): void => {
    if (!isObj(node)) return;
    if (Array.isArray(node['parameters'])) node['parameters'].forEach(parameter);
    if (isObj(node['requestBody'])) content(node['requestBody']['content']);
    if (isObj(node['responses'])) Object.values(node['responses']).forEach(response);
  };
  for (const group of ['paths', 'webhooks']) {
    const items = doc[group];
    if (!isObj(items)) continue;
    for (const item of Object.values(items)) {
      if (!isObj(item)) continue;
      if (Array.isArray(item['parameters'])) item['parameters'].forEach(parameter);
      for (const value of Object.values(item)) operation(value);
    }
  }
  const components = isObj(doc['components']) ? doc['components'] : {};
  if (isObj(components['schemas'])) Object.values(components['schemas']).forEach(schema);
  if (isObj(components['parameters'])) Object.values(components['parameters']).forEach(parameter);
  if (isObj(components['responses'])) Object.values(components['responses']).forEach(response);
  if (isObj(components['requestBodies'])) for (const body of Object.values(components['requestBodies'])) if (isObj(body)) content(body['content']);
  headers(components['headers']);
}

/**
 * Patterns as Tether reads them (u mode, needless escapes translated, else without u): the
 * reference must compile the spec's patterns at all, and JSON Schema only defines the u-mode
 * reading, which those patterns do not have.
 */
const regExp = Object.assign((pattern: string) => compilePattern(pattern)?.re ?? /(?:)/, { code: 'new RegExp' });

function safeDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token;
  }
}

export class Reference {
  private readonly ajv: InstanceType<typeof Ajv07> | InstanceType<typeof Ajv2020>;
  private readonly cache = new Map<string, ValidateFunction | Error>();

  constructor(doc: Obj, version: '3.0' | '3.1') {
    const copy = structuredClone(doc);
    convertDocument(copy, version);
    const options = { strict: false, validateSchema: false, allowUnionTypes: true, inlineRefs: false, logger: false, code: { regExp } } as const;
    this.ajv = version === '3.0' ? new Ajv07(options) : new Ajv2020(options);
    addFormats.default(this.ajv, [...CHECKED_FORMATS]);
    // Not JSON Schema formats, but Tether checks them: `url` read as `uri`, `ip` as either address.
    const uri = fullFormats.uri as (value: string) => boolean;
    const ipv4 = fullFormats.ipv4 as RegExp;
    const ipv6 = fullFormats.ipv6 as RegExp;
    this.ajv.addFormat('url', uri);
    this.ajv.addFormat('ip', (value: string) => ipv4.test(value) || ipv6.test(value));
    this.ajv.addSchema(copy, 'spec');
  }

  /** The validator for the schema at a document pointer (`#/components/schemas/x`), or the compile error. */
  at(pointer: string): ValidateFunction | Error {
    let cached = this.cache.get(pointer);
    if (cached === undefined) {
      // Pointers taken from a `$ref` may already be percent-encoded (`%7Bid%7D`): decode, then encode once.
      const fragment = pointer.slice(1).split('/').map((token) => encodeURIComponent(safeDecode(token))).join('/');
      try {
        cached = this.ajv.compile({ $ref: `spec#${fragment}` });
      } catch (error) {
        cached = error instanceof Error ? error : new Error(String(error));
      }
      this.cache.set(pointer, cached);
    }
    return cached;
  }
}
