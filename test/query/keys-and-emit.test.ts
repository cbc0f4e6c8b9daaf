/**
 * Units of the TanStack Query helpers that need no server: query keys are JSON copies of the
 * init (stable across reloads, refusing what JSON would change), the helper set per operation
 * follows the method and pagination, and the generated query.ts names no TanStack package and
 * documents each helper with its operation's JSDoc.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QueryClient } from '@tanstack/query-core';
import { root } from '../helpers/paths.js';
import { jsonCopy, parseQueryKey, queryKeyOf } from '../../src/repository/query/keys.js';
import { tetherQueries } from '../../src/repository/query/create-queries.js';
import { createQueries, createSdk } from '../../generated/v1/index.js';

test('a key holds a JSON copy of the init: undefined dropped, later changes to the init not seen', () => {
  const init = { params: { query: { limit: 5, status: undefined as string | undefined, fields: ['id', 'total'] } } };
  const key = queryKeyOf('tether', 'orders.listOrders', init);
  assert.equal(key, ['tether', 'orders.listOrders', { params: { query: { limit: 5, fields: ['id', 'total'] } } }]);
  init.params.query.limit = 6;
  assert.is((key[2] as typeof init).params.query.limit, 5);
  assert.equal(JSON.parse(JSON.stringify(key)), key, 'survives a round trip through JSON (persisters)');
  assert.equal(queryKeyOf('tether', 'users.getMe', undefined), ['tether', 'users.getMe', {}], 'no init and {} are one entry');
});

test('what JSON would change or lose is refused, naming its path', () => {
  for (const [value, path] of [
    [{ params: { query: { at: new Date(0) } } }, 'init.params.query.at'],
    [{ params: { query: { f: () => 1 } } }, 'init.params.query.f'],
    [{ params: { query: { n: Number.NaN } } }, 'init.params.query.n'],
    [{ params: { query: { big: 1n } } }, 'init.params.query.big'],
  ] as const) {
    assert.throws(() => jsonCopy(value), (error: unknown) => error instanceof TypeError && error.message.includes(path), path);
  }
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;
  assert.throws(() => jsonCopy(cyclic), /cycle/);
  // Shared (not cyclic) references are fine.
  const shared = { a: 1 };
  assert.equal(jsonCopy({ x: shared, y: shared }), { x: { a: 1 }, y: { a: 1 } });
});

test('TanStack hashes equal inits alike whatever their key order', () => {
  const client = new QueryClient();
  const a = queryKeyOf('tether', 'orders.listOrders', { params: { query: { limit: 5, status: 'paid' } } });
  const b = queryKeyOf('tether', 'orders.listOrders', { params: { query: { status: 'paid', limit: 5 } } });
  client.setQueryData(a, 'one');
  assert.is(client.getQueryData(b), 'one');
  assert.equal(parseQueryKey('tether', a), { operation: 'orders.listOrders', init: { params: { query: { limit: 5, status: 'paid' } } } });
  assert.is(parseQueryKey('tether', [...a, 'infinite']), undefined, 'an infinite key is not a plain one');
  assert.is(parseQueryKey('other', a), undefined);
  client.clear();
});

test('the runtime builds the helper set the generated types promise: reads, paginated reads, mutations', () => {
  const q = createQueries(createSdk({ baseUrl: 'https://api.example.com' })) as unknown as Record<string, Record<string, Record<string, unknown>>>;
  assert.equal(Object.keys(q.orders!.listOrders!).sort(), ['infiniteQueryKey', 'infiniteQueryOptions', 'queryKey', 'queryOptions']);
  assert.equal(Object.keys(q.orders!.getOrder!).sort(), ['queryKey', 'queryOptions']);
  assert.equal(Object.keys(q.orders!.createOrder!).sort(), ['mutationKey', 'mutationOptions']);
  assert.not.ok('cache' in q, 'sdk.cache is not an API tag');
  assert.not.ok('events' in q, 'an event stream (the events tag’s only operation) gets no helpers');
});

test('a tag or operation named __proto__ gets helpers without touching Object.prototype', () => {
  const method = Object.assign(async () => undefined, { meta: { id: '__proto__.__proto__', method: 'get', pagination: undefined }, raw: async () => ({}) });
  const sdk = JSON.parse('{"__proto__": {}}') as Record<string, Record<string, unknown>>;
  Object.defineProperty(sdk['__proto__'], '__proto__', { value: method, enumerable: true });
  const q = tetherQueries(sdk) as Record<string, Record<string, { queryKey(): unknown }>>;
  assert.equal(Object.getOwnPropertyNames(q), ['__proto__']);
  assert.equal(q['__proto__']!['__proto__']!.queryKey(), ['tether', '__proto__.__proto__', {}]);
  assert.is(({} as Record<string, unknown>).queryKey, undefined, 'Object.prototype is untouched');
});

test('generated query.ts: no TanStack import, each helper documented like its method', () => {
  for (const version of ['v1', 'v2']) {
    const text = readFileSync(join(root, 'generated', version, 'query.ts'), 'utf8');
    assert.not.match(text, /@tanstack/, `${version}: names no TanStack package`);
    assert.match(text, /\* Get an order\n[\s\S]*?`GET \/orders\/\{orderId\}`\n\s*\*\/\n\s*readonly getOrder: QueryHelpers<OrdersService\["getOrder"\]>;/, version);
    assert.match(text, /readonly listOrders: InfiniteQueryHelpers<OrdersService\["listOrders"\]>;/, version);
    assert.match(text, /readonly createOrder: MutationHelpers<OrdersService\["createOrder"\]>;/, version);
    assert.match(text, /readonly updateOrder: MutationHelpers<OrdersService\["updateOrder"\]>;/, `${version}: PATCH is a mutation`);
    assert.match(readFileSync(join(root, 'generated', version, 'index.ts'), 'utf8'), /export \{ createQueries \} from "\.\/query\.js";/);
    assert.not.match(text, /streamEvents/, `${version}: event streams get no helpers`);
  }
});

test.run();
