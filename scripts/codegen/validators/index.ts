/**
 * The `validators.ts` emitter: valibot schemas for every component schema and, per operation,
 * for its JSON request body, its parameters and each JSON response body.
 *
 * Shape of the output, and why:
 * - every const is `export const X: v.GenericSchema = …`: the annotation keeps `tsc` from
 *   computing (and re-checking) deep inferred types on huge specs, and lets consts refer to each
 *   other recursively;
 * - every valibot call is `/* @__PURE__ *\/` so bundlers drop the consts an app does not use;
 * - consts come in dependency order; a reference to one not written yet is `v.lazy(() => X)`.
 * generate.ts ships these statements as `validators.js` + `validators.d.ts` (module-files.ts).
 */
import { exportConst, id, importDecl, ts, withDoc, type Expr } from '../ast.js';
import type { Diagnostics, OperationModel, ParameterModel, Pointer } from '../model.js';
import { DocumentIndex, isRecord } from './document.js';
import { entries, genericSchemaType, localConst, NS, vLazy, vObject, vOptional, vUnknown } from './emit.js';
import { VALIDATION_KEYWORDS } from './keywords.js';
import { SCHEMA_TYPE } from './module-files.js';
import { assignComponentNames, NameRegistry, statusSuffix } from './names.js';
import { componentOrder } from './order.js';
import { SchemaConverter } from './schema.js';

export interface ValidatorsInput {
  /** Parsed OpenAPI document; every remaining `$ref` is internal (`#/…`) and resolves. */
  document: Record<string, unknown>;
  openapiVersion: '3.0' | '3.1';
  operations: ReadonlyArray<Pick<OperationModel, 'exportName' | 'pointer' | 'requestBody' | 'responses' | 'parameters'> & Partial<Pick<OperationModel, 'eventStream'>>>;
  /** Module specifier the generated code imports valibot from (`import * as v from '…'`). */
  valibotImport: string;
  /** `warn(pointer, message)` for flaws that need not block. */
  diagnostics: Diagnostics;
}

export interface OperationValidators {
  /** Exported const validating the JSON request body. */
  body?: string;
  /** Exported const: `v.looseObject({ path?, query?, header? })` of the declared parameters. */
  params?: string;
  /** Status key as in the spec (`200`, `2XX`, `default`) → exported const; JSON bodies only. */
  responses: Record<string, string>;
  /** Exported const validating one event's `data` of an event-stream operation (collect-event-stream.ts). */
  event?: string;
}

export interface ValidatorsOutput {
  /** The whole module body (imports included), header excluded. */
  statements: ts.Statement[];
  operations: Record<string, OperationValidators>;
}

/** `application/json`, `application/problem+json`, `application/vnd.github.v3+json; charset=…`. */
const JSON_MEDIA_TYPE = /^application\/(?:[^;\s]+\+)?json\s*(?:;|$)/i;

export function emitValidators(input: ValidatorsInput): ValidatorsOutput {
  const index = new DocumentIndex(input.document);
  const registry = new NameRegistry([NS, SCHEMA_TYPE]);
  const componentConst = assignComponentNames(Object.keys(index.schemas), registry);
  const written = new Set<string>();

  const warned = new Set<string>();
  const warn = (pointer: Pointer, message: string): void => {
    const key = `${pointer}\u0000${message}`;
    if (warned.has(key)) return;
    warned.add(key);
    input.diagnostics.warn(pointer, message);
  };

  const converter = new SchemaConverter({
    version: input.openapiVersion,
    index,
    warn,
    componentRef: (name) => {
      const constName = componentConst.get(name)!;
      return written.has(name) ? id(constName) : vLazy(constName);
    },
    shared: (key, hint, build) => {
      let name = sharedNames.get(key);
      if (name === undefined) {
        name = registry.claim(hint);
        sharedNames.set(key, name);
        sharedStatements.push(localConst(name, build(), genericSchemaType()));
      }
      return id(name);
    },
  });
  const sharedNames = new Map<string, string>();
  const sharedStatements: ts.Statement[] = [];

  const statements: ts.Statement[] = [];
  const declare = (name: string, init: Expr, pointer: Pointer): void => {
    statements.push(withDoc(exportConst(name, init, genericSchemaType()), [`\`${pointer}\``]));
  };

  for (const name of componentOrder(index)) {
    const pointer = DocumentIndex.componentPointer(name);
    declare(componentConst.get(name)!, converter.convert(index.schemas[name], pointer), pointer);
    written.add(name);
  }

  /** The component const a body schema is, when it is nothing but a `$ref` to one. */
  const componentAlias = (schema: unknown): string | undefined => {
    if (!isRecord(schema) || typeof schema['$ref'] !== 'string') return undefined;
    const siblingsCount = input.openapiVersion === '3.1' || schema['nullable'] === true;
    if (siblingsCount && Object.keys(schema).some((key) => key !== '$ref' && VALIDATION_KEYWORDS.has(key))) return undefined;
    const target = index.resolve(schema['$ref']);
    return target?.component === undefined ? undefined : componentConst.get(target.component);
  };

  const bodyConst = (name: string, schema: unknown, pointer: Pointer): string => {
    const alias = componentAlias(schema);
    if (alias !== undefined) return alias;
    const constName = registry.claim(name);
    declare(constName, converter.convert(schema, pointer), pointer);
    return constName;
  };

  const operations: Record<string, OperationValidators> = {};
  for (const op of input.operations) {
    const out: OperationValidators = { responses: {} };
    const body = op.requestBody;
    if (body && body.schema != null && JSON_MEDIA_TYPE.test(body.contentType)) {
      out.body = bodyConst(`${op.exportName}Body`, body.schema, body.pointer);
    }
    const params = paramsSchema(converter, op.parameters);
    if (params) {
      out.params = registry.claim(`${op.exportName}Params`);
      declare(out.params, params, `${op.pointer}/parameters`);
    }
    for (const response of op.responses) {
      const content = response.body;
      if (!content || content.schema == null || !JSON_MEDIA_TYPE.test(content.contentType)) continue;
      out.responses[response.status] = bodyConst(
        `${op.exportName}Response${statusSuffix(response.status)}`,
        content.schema,
        content.pointer,
      );
    }
    const eventData = op.eventStream?.data;
    if (eventData) out.event = bodyConst(`${op.exportName}Event`, eventData.schema, eventData.pointer);
    operations[op.exportName] = out;
  }
  // Shared leaves depend on nothing, so they all go first, in order of first use.
  return { statements: [importDecl(input.valibotImport, { namespace: NS }), ...sharedStatements, ...statements], operations };
}

const PARAM_GROUPS = ['path', 'query', 'header', 'cookie'] as const;

/**
 * `v.looseObject({ path, query, header, cookie })` of the declared parameters (the typed init's
 * `params`; cookies are sent by the runtime as one Cookie header). A group is optional when
 * none of its parameters is required; header and cookie names are kept as written. Undefined
 * when the operation declares none.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
function paramsSchema(converter: SchemaConverter, parameters: readonly ParameterModel[]): Expr | undefined {
  const groups: Array<[string, Expr]> = [];
  for (const location of PARAM_GROUPS) {
    const seen = new Set<string>();
    const props: Array<[string, Expr]> = [];
    let anyRequired = false;
    for (const param of parameters) {
      if (param.in !== location || seen.has(param.name)) continue;
      seen.add(param.name);
      const schema = param.schema === undefined ? vUnknown() : converter.convert(param.schema, `${param.pointer}/schema`);
      props.push([param.name, param.required ? schema : vOptional(schema)]);
      anyRequired ||= param.required;
    }
    if (props.length === 0) continue;
    const group = vObject('looseObject', entries(props));
    groups.push([location, anyRequired ? group : vOptional(group)]);
  }
  return groups.length > 0 ? vObject('looseObject', entries(groups)) : undefined;
}
