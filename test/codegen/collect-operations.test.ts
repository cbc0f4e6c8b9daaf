import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { collectOperations } from '../../scripts/codegen/collect-operations.js';

const json = (schema: object) => ({ content: { 'application/json': { schema } } });
const ok = (schema: object = { type: 'object' }, headers: object = {}) => ({ '200': { description: 'ok', headers, ...json(schema) } });

function collect(paths: object, extra: object = {}) {
  const warnings: string[] = [];
  const doc = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths, ...extra } as Record<string, unknown>;
  const result = collectOperations(doc, { warn: (p, m) => warnings.push(`${p}: ${m}`) });
  return { ...result, warnings };
}

test('names: operationId camelCased, service prefix dropped, fallback from method + path', () => {
  const { services } = collect({
    '/repos/{owner}/contents': { get: { operationId: 'repos/get-content', tags: ['repos'], responses: ok() } },
    '/ssh_keys': { get: { operationId: 'sshKeys_list', tags: ['SSH Keys'], responses: ok() } },
    '/orders/{orderId}/items': { get: { tags: ['orders'], responses: ok() } },
    '/health': { get: { responses: ok() } },
  });
  const names = services.map((s) => `${s.key}.${s.operations.map((o) => o.name).join(',')}`);
  assert.equal(names, ['repos.getContent', 'sshKeys.list', 'orders.getOrdersByOrderIdItems', 'default.getHealth']);
  assert.equal(services.map((s) => s.typeName), ['ReposService', 'SshKeysService', 'OrdersService', 'DefaultService']);
});

test('names: tags with spaces, dashes, leading digits and reserved words become identifiers', () => {
  const { services } = collect({
    '/a': { get: { operationId: 'a', tags: ['1-Click Apps'], responses: ok() } },
    '/b': { get: { operationId: 'b', tags: ['delete'], responses: ok() } },
    '/c': { get: { operationId: 'c', tags: ['offline'], responses: ok() } },
    '/d': { get: { operationId: 'd', tags: ['my-tag name'], responses: ok() } },
  });
  assert.equal(services.map((s) => s.key), ['_1ClickApps', 'delete', 'offline2', 'myTagName']);
});

test('names: duplicate operationIds warn with their pointer and get numbered names; exports stay unique', () => {
  const { services, operations, warnings } = collect({
    '/a': { get: { operationId: 'list', tags: ['x'], responses: ok() } },
    '/b': { get: { operationId: 'list', tags: ['x'], responses: ok() } },
    '/c': { get: { operationId: 'list', tags: ['y'], responses: ok() } },
  });
  assert.equal(services[0]!.operations.map((o) => o.name), ['list', 'list2']);
  assert.equal(operations.map((o) => o.exportName), ['list', 'list2', 'yList']);
  assert.equal(warnings, [
    '#/paths/~1b/get/operationId: duplicate operationId "list" (first at #/paths/~1a/get); operationIds must be unique',
    '#/paths/~1c/get/operationId: duplicate operationId "list" (first at #/paths/~1a/get); operationIds must be unique',
    '#/paths/~1b/get: operationId "list" is generated as `list2` (`list` is already taken by #/paths/~1a/get)',
    '#/paths/~1c/get: operationId "list" is exported as the standalone function `yList` (`list` is already taken by #/paths/~1a/get)',
  ]);
});

test('names: a standalone function never takes a name the SDK or the runtime exports; the rename is warned', () => {
  const { operations, warnings } = collect({
    '/a': { get: { operationId: 'createClient', tags: ['x'], responses: ok() } },
    '/b': { get: { operationId: 'formatPath', tags: ['y'], responses: ok() } },
    '/c': { get: { operationId: 'getThing', tags: ['y'], responses: ok() } },
  });
  assert.equal(operations.map((o) => o.exportName), ['xCreateClient', 'yFormatPath', 'getThing']);
  assert.equal(warnings, [
    '#/paths/~1a/get: operationId "createClient" is exported as the standalone function `xCreateClient` (`createClient` is reserved by the SDK)',
    '#/paths/~1b/get: operationId "formatPath" is exported as the standalone function `yFormatPath` (`formatPath` is reserved by the SDK)',
  ]);
});

test('names: operationIds that collide only after camelCase are numbered and warned with both pointers', () => {
  const { operations, warnings } = collect({
    '/a': { get: { operationId: 'get-order', tags: ['o'], responses: ok() } },
    '/b': { get: { operationId: 'getOrder', tags: ['o'], responses: ok() } },
    '/c': { get: { operationId: 'GET_ORDER', tags: ['o'], responses: ok() } },
  });
  assert.equal(operations.map((o) => o.name), ['getOrder', 'getOrder2', 'getOrder3']);
  assert.equal(warnings, [
    '#/paths/~1b/get: operationId "getOrder" is generated as `getOrder2` (`getOrder` is already taken by #/paths/~1a/get)',
    '#/paths/~1c/get: operationId "GET_ORDER" is generated as `getOrder3` (`getOrder` is already taken by #/paths/~1a/get)',
  ]);
});

test('names: tags that collide after camelCase become numbered services, warned with both pointers', () => {
  const { services, warnings } = collect({
    '/a': { get: { operationId: 'a', tags: ['Pets'], responses: ok() } },
    '/b': { get: { operationId: 'b', tags: ['pets'], responses: ok() } },
    '/c': { get: { operationId: 'c', tags: ['offline'], responses: ok() } },
  });
  assert.equal(services.map((s) => [s.key, s.typeName]), [['pets', 'PetsService'], ['pets2', 'PetsService2'], ['offline2', 'OfflineService']]);
  assert.equal(warnings, [
    '#/paths/~1b/get/tags/0: tag "pets" is generated as `pets2` (`pets` is already taken by #/paths/~1a/get/tags/0)',
    '#/paths/~1c/get/tags/0: tag "offline" is generated as `offline2` (`offline` is reserved by the SDK)',
  ]);
});

test('names: Promise protocol, Object.prototype and Function.prototype members are renamed in every member scope', () => {
  const ids = ['then', 'catch', 'finally', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'call', 'bind', 'length', 'prototype'];
  const { services, operations, warnings } = collect(
    Object.fromEntries(ids.map((id) => [`/${id}`, { get: { operationId: id, tags: [id === 'then' ? 'then' : 'misc'], responses: ok() } }])),
  );
  assert.equal(services.map((s) => s.key), ['then_', 'misc']);
  assert.equal(operations.map((o) => o.name), ids.map((id) => `${id}_`));
  assert.match(warnings.join('\n'), /#\/paths\/~1then\/get\/tags\/0: tag "then" is generated as `then_` \(`sdk\.then` would make the object a thenable/);
  assert.match(warnings.join('\n'), /#\/paths\/~1constructor\/get: operationId "constructor" is generated as `constructor_` \(`sdk\.misc\.constructor` would shadow Object\.prototype\)/);
  assert.is(warnings.length, ids.length + 1);
});

test('names: reserved words stay readable as methods (sdk.users.delete) but not as top-level exports', () => {
  const { operations } = collect({ '/u': { delete: { operationId: 'delete', tags: ['users'], responses: ok() } } });
  assert.is(operations[0]!.name, 'delete');
  assert.is(operations[0]!.exportName, 'delete_');
});

test('idempotency: HTTP semantics, Idempotency-Key header, x-tether-idempotent', () => {
  const { operations } = collect({
    '/orders': {
      post: { operationId: 'create', parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' } }], responses: ok() },
      put: { operationId: 'replace', responses: ok() },
    },
    '/search': { post: { operationId: 'search', 'x-tether-idempotent': true, responses: ok() } },
    '/pay': { post: { operationId: 'pay', responses: ok() } },
  });
  const by = Object.fromEntries(operations.map((o) => [o.name, o]));
  assert.is(by.create!.idempotencyKeyHeader, 'Idempotency-Key');
  assert.is(by.create!.idempotent, false);
  assert.is(by.replace!.idempotent, true);
  assert.is(by.search!.idempotent, true);
  assert.is(by.pay!.idempotent, false);
  assert.is(by.pay!.idempotencyKeyHeader, undefined);
});

test('parameters: path-level merged, operation-level wins, $ref followed', () => {
  const { operations } = collect(
    {
      '/orders/{id}': {
        parameters: [{ name: 'id', in: 'path', schema: { type: 'string' } }, { name: 'trace', in: 'header', schema: { type: 'string' } }],
        get: { operationId: 'get', parameters: [{ $ref: '#/components/parameters/Trace' }], responses: ok() },
      },
    },
    { components: { parameters: { Trace: { name: 'trace', in: 'header', required: true, schema: { type: 'string' } } } } },
  );
  const params = operations[0]!.parameters.map((p) => `${p.in}:${p.name}:${p.required}`);
  assert.equal(params, ['path:id:true', 'header:trace:true']);
});

test('security: operation overrides global; [] means none', () => {
  const { operations } = collect(
    {
      '/me': { get: { operationId: 'me', responses: ok() } },
      '/login': { post: { operationId: 'login', security: [], responses: ok() } },
      '/either': { get: { operationId: 'either', security: [{ a: [] }, { b: [], c: [] }], responses: ok() } },
    },
    { security: [{ bearer: [] }] },
  );
  assert.equal(operations.map((o) => o.security), [[['bearer']], [], [['a'], ['b', 'c']]]);
});

test('pagination and caching are detected from the spec shape', () => {
  const page = { type: 'object', properties: { items: { type: 'array', items: {} }, nextCursor: { type: ['string', 'null'] } } };
  const q = (name: string) => ({ name, in: 'query', schema: { type: 'string' } });
  const { operations } = collect({
    '/cursor': { get: { operationId: 'cursor', parameters: [q('cursor'), q('limit')], responses: ok(page) } },
    '/offset': { get: { operationId: 'offset', parameters: [q('offset'), q('limit')], responses: ok({ type: 'object', properties: { data: { type: 'array' } } }) } },
    '/pages': { get: { operationId: 'pages', parameters: [q('page'), q('per_page')], responses: ok({ type: 'object', properties: { results: { type: 'array' } } }) } },
    '/linked': { get: { operationId: 'linked', parameters: [q('page')], responses: ok({ type: 'array', items: {} }, { Link: { schema: { type: 'string' } } }) } },
    '/cached': { get: { operationId: 'cached', responses: ok({ type: 'object' }, { ETag: { schema: { type: 'string' } } }) } },
    '/plain': { get: { operationId: 'plain', responses: ok() } },
  });
  const by = Object.fromEntries(operations.map((o) => [o.name, o]));
  assert.equal(by.cursor!.pagination, { kind: 'cursor', requestParam: 'cursor', responseField: 'nextCursor', itemsField: 'items' });
  assert.equal(by.offset!.pagination, { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsField: 'data' });
  assert.equal(by.pages!.pagination, { kind: 'page', pageParam: 'page', sizeParam: 'per_page', itemsField: 'results' });
  assert.equal(by.linked!.pagination, { kind: 'link-header', itemsField: undefined });
  assert.is(by.plain!.pagination, undefined);
  assert.is(by.cached!.cacheable, true);
  assert.is(by.plain!.cacheable, false);
});

test('request body: JSON media type preferred, required flag kept', () => {
  const { operations } = collect({
    '/upload': {
      post: {
        operationId: 'upload',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object' } }, 'application/vnd.api+json': { schema: { type: 'object' } } } },
        responses: ok(),
      },
    },
  });
  const body = operations[0]!.requestBody!;
  assert.is(body.contentType, 'application/vnd.api+json');
  assert.is(body.required, true);
  assert.is(body.pointer, '#/paths/~1upload/post/requestBody/content/application~1vnd.api+json/schema');
});

test.run();
