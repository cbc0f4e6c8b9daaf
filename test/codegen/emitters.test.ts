/** Given a spec fragment, want this exact generated code (services, operations, index). */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { print } from '../../scripts/codegen/ast.js';
import { collectOperations } from '../../scripts/codegen/collect-operations.js';
import { emitIndex } from '../../scripts/codegen/emit-index.js';
import { emitOperations } from '../../scripts/codegen/emit-operations.js';
import { emitServices } from '../../scripts/codegen/emit-services.js';

const doc = {
  openapi: '3.1.0',
  info: { title: 'Pets', version: '2.0.0' },
  tags: [{ name: 'pets', description: 'Everything about pets.' }],
  security: [{ bearer: [] }],
  paths: {
    '/pets/{petId}': {
      get: {
        operationId: 'get-pet',
        tags: ['pets'],
        summary: 'Get a pet',
        description: 'Returns one pet. Never closes a comment early: */',
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'ok', headers: { ETag: { schema: { type: 'string' } } }, content: { 'application/json': { schema: { type: 'object' } } } },
          '404': { description: 'missing' },
        },
      },
      delete: { operationId: 'delete', tags: ['pets'], deprecated: true, security: [], responses: { '204': { description: 'gone' } } },
    },
  },
} as Record<string, unknown>;

const { services, operations } = collectOperations(doc, { warn: () => {} });

test('services.ts: one interface + factory per tag, JSDoc from summary/description/deprecated', () => {
  const want = `import type { paths } from "./schema.js";
import type { OperationMethod, Runtime } from "../rt/runtime.js";
import * as op from "./operations.js";
/** Everything about pets. */
export interface PetsService {
    /**
     * Get a pet
     *
     * Returns one pet. Never closes a comment early: *\\/
     *
     * \`GET /pets/{petId}\`
     */
    readonly getPet: OperationMethod<paths["/pets/{petId}"]["get"]>;
    /**
     * \`DELETE /pets/{petId}\`
     * @deprecated This operation is deprecated by the API.
     */
    readonly delete: OperationMethod<paths["/pets/{petId}"]["delete"]>;
}
/** Binds the \`pets\` operations to a runtime. */
export function createPetsService(runtime: Runtime): PetsService {
    return {
        getPet: runtime.operation<paths["/pets/{petId}"]["get"]>(op.getPet),
        delete: runtime.operation<paths["/pets/{petId}"]["delete"]>(op.delete_)
    };
}
`;
  assert.fixture(print(emitServices({ services }, '../rt/runtime.js')), want);
});

test('operations.ts: plain metadata objects carrying the runtime facts', () => {
  const text = print(emitOperations({ operations, document: doc }, { getPet: { responses: { '200': 'getPetResponse200' }, params: 'getPetParams' } }, '../rt/runtime.js'));
  const want = `/** \`GET /pets/{petId}\` */
export const getPet: OperationMeta = {
    id: "pets.getPet",
    operationId: "get-pet",
    method: "get",
    path: "/pets/{petId}",
    tag: "pets",
    idempotent: true,
    idempotencyKeyHeader: undefined,
    security: [["bearer"]],
    successStatuses: ["200"],
    errorStatuses: ["404"],
    requestContentType: undefined,
    accept: "application/json",
    responseKind: "json",
    pagination: undefined,
    cacheable: true,
    deprecated: false,
    authRole: undefined,
    schemas: {
        params: v.getPetParams,
        responses: {
            "200": v.getPetResponse200
        }
    }
};`;
  assert.ok(text.startsWith('import type { OperationMeta } from "../rt/runtime.js";\nimport * as v from "./validators.js";\n'));
  assert.ok(text.includes(want), text);
  assert.match(text, /export const delete_: OperationMeta = \{\n {4}id: "pets.delete",[\s\S]*security: \[\],[\s\S]*responseKind: "none",[\s\S]*deprecated: true,[\s\S]*schemas: \{\}\n\};/);
});

test('index.ts: createSdk wires every service and re-exports the runtime API', () => {
  const text = print(emitIndex({ services, title: 'Pets', version: '2.0.0', specHash: 'abc' }, { runtime: '../rt/runtime.js', publicApi: '../rt/index.js', client: '../rt/client.js' }));
  assert.match(text, /import \{ createRuntime, type SdkOptions as RuntimeSdkOptions, type SdkCache, type OfflineQueue \} from "\.\.\/rt\/runtime\.js";/);
  // The spec-typed options: no API-key or Basic scheme here, so no credentials compile.
  assert.match(text, /export type Credentials = Record<string, never>;/);
  assert.match(text, /export interface SdkOptions extends Omit<RuntimeSdkOptions, "credentials"> \{/);
  assert.match(text, /export const api = \{\n {4}title: "Pets",\n {4}version: "2\.0\.0",\n {4}specHash: "abc"\n\} as const;/);
  assert.match(text, /export interface Sdk \{\n {4}\/\*\* Everything about pets\. \*\/\n {4}readonly pets: PetsService;\n {4}\/\*\* The HTTP cache[^\n]*\*\/\n {4}readonly cache: SdkCache<Omit<Sdk, "cache" \| "offline">>;\n {4}\/\*\* The offline queue[^\n]*\*\/\n {4}readonly offline: OfflineQueue<Omit<Sdk, "cache" \| "offline">>;\n\}/);
  assert.match(text, /export function createSdk\(options: SdkOptions\): Sdk \{\n {4}const runtime = createRuntime\(options, api\);\n {4}return \{\n {8}pets: createPetsService\(runtime\),\n {8}cache: runtime\.cache<Omit<Sdk, "cache" \| "offline">>\(\),\n {8}offline: runtime\.offline<Omit<Sdk, "cache" \| "offline">>\(\)\n {4}\};\n\}/);
  assert.match(text, /export \* from "\.\.\/rt\/index\.js";/);
  assert.match(text, /export type \{ paths, components, operations \} from "\.\/schema\.js";/);
});

test('index.ts: a tag named `cache` keeps its name, and then the SDK has no sdk.cache', () => {
  const renamed = services.map((s) => ({ ...s, key: 'cache' }));
  const text = print(emitIndex({ services: renamed, title: 'Pets', version: '2.0.0', specHash: 'abc' }, { runtime: '../rt/runtime.js', publicApi: '../rt/index.js', client: '../rt/client.js' }));
  assert.match(text, /readonly cache: PetsService;/);
  assert.not.match(text, /SdkCache/);
  assert.not.match(text, /runtime\.cache/);
});

test.run();
