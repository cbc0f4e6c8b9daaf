/**
 * Infinite-query page params for every pagination shape the generator detects, driven by
 * @tanstack/query-core's fetchInfiniteQuery over a stand-in SDK method (a unit test of the
 * helper: the cursor shape runs against test/server in query-options.test.ts). Each stand-in
 * serves a list of 5 items and records the query of every call.
 */
import { test } from '../helpers/timed-suite.js';
import * as assert from 'uvu/assert';
import { QueryClient } from '@tanstack/query-core';
import type { OperationMeta, PaginationMeta } from '../../src/contract/operation.js';
import { infiniteQueryHelpers, type SdkMethodLike } from '../../src/repository/query/operation-helpers.js';

const ITEMS = ['a', 'b', 'c', 'd', 'e'];
type Query = Record<string, unknown>;

/** A list method of `pagination` over ITEMS; `answer` turns the query into the body (and Link header). */
function listMethod(pagination: PaginationMeta, answer: (query: Query) => { body: unknown; link?: string }) {
  const queries: Query[] = [];
  const meta = { id: 'things.listThings', method: 'get', pagination } as unknown as OperationMeta;
  const respond = (init: unknown) => {
    const query = ((init as { params?: { query?: Query } }).params?.query ?? {}) as Query;
    queries.push(query);
    return answer(query);
  };
  const method = Object.assign(async (init?: unknown) => respond(init).body, {
    meta,
    raw: async (init?: unknown) => {
      const { body, link } = respond(init);
      const response = new Response(null, { headers: link ? { link } : {} });
      Object.defineProperty(response, 'url', { value: 'https://api.example.com/things' });
      return { data: body, response };
    },
  }) as SdkMethodLike;
  return { method, queries };
}

async function allPages(method: SdkMethodLike, init: unknown): Promise<unknown[]> {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  try {
    const options = infiniteQueryHelpers(method, 'tether').infiniteQueryOptions(init);
    const data = await client.fetchInfiniteQuery({ ...(options as never as object), pages: 10 } as never);
    return (data as { pages: unknown[] }).pages;
  } finally {
    client.clear();
  }
}

const slice = (from: number, size: number) => ITEMS.slice(from, from + size);

test('offset/limit: offset advances by the items received; a short page ends the list', async () => {
  const { method, queries } = listMethod({ kind: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsField: 'items' }, (q) => ({
    body: { items: slice(Number(q.offset ?? 0), Number(q.limit)) },
  }));
  const pages = await allPages(method, { params: { query: { limit: 2 } } });
  assert.equal(pages, [{ items: ['a', 'b'] }, { items: ['c', 'd'] }, { items: ['e'] }]);
  assert.equal(queries, [{ limit: 2 }, { limit: 2, offset: 2 }, { limit: 2, offset: 4 }]);
});

test('page/size: the page number goes up by one; an empty page ends a list without a size', async () => {
  const { method, queries } = listMethod({ kind: 'page', pageParam: 'page', sizeParam: undefined, itemsField: 'data' }, (q) => ({
    body: { data: slice((Number(q.page ?? 1) - 1) * 2, 2) },
  }));
  const pages = await allPages(method, undefined);
  assert.equal(pages.map((p) => (p as { data: string[] }).data), [['a', 'b'], ['c', 'd'], ['e'], []]);
  assert.equal(queries, [{}, { page: 2 }, { page: 3 }, { page: 4 }]);
});

test('Link header: the next page’s query comes from rel="next"; none ends the list', async () => {
  const { method, queries } = listMethod({ kind: 'link-header', itemsField: undefined }, (q) => {
    const page = Number(q.page ?? 1);
    const link = page < 3 ? `<https://api.example.com/things?page=${page + 1}&per_page=2>; rel="next", <https://api.example.com/things?page=3&per_page=2>; rel="last"` : undefined;
    return { body: slice((page - 1) * 2, 2), ...(link ? { link } : {}) };
  });
  const pages = await allPages(method, { params: { query: { per_page: 2 } } });
  assert.equal(pages, [['a', 'b'], ['c', 'd'], ['e']]);
  assert.equal(queries, [{ per_page: 2 }, { page: 2, per_page: 2 }, { page: 3, per_page: 2 }]);
});

test('cursor: an empty or null cursor ends the list; a non-paginated method is refused', async () => {
  const { method, queries } = listMethod({ kind: 'cursor', requestParam: 'after', responseField: 'next', itemsField: 'items' }, (q) => {
    const from = q.after === undefined ? 0 : ITEMS.indexOf(String(q.after)) + 1;
    const items = slice(from, 3);
    return { body: { items, next: from + 3 < ITEMS.length ? items.at(-1) : null } };
  });
  const pages = await allPages(method, undefined);
  assert.equal(pages.map((p) => (p as { items: string[] }).items), [['a', 'b', 'c'], ['d', 'e']]);
  assert.equal(queries, [{}, { after: 'c' }]);
  const plain = Object.assign(async () => undefined, { meta: { id: 'x.y', method: 'get', pagination: undefined } as unknown as OperationMeta, raw: async () => ({ data: undefined, response: new Response() }) });
  assert.throws(() => infiniteQueryHelpers(plain, 'tether'), /not a paginated operation/);
});

test.run();
