/**
 * `.pages()` / `.all()`: the cursor walk against test/server with 1,000 orders, the maxPages
 * guard, per-page retries and cancellation; offset, page and Link-header shapes through the
 * pager alone (the reference API only paginates by cursor); `.safe()` and `.raw()`.
 */
import { serverSuite } from '../helpers/server-suite.js';
import * as assert from 'uvu/assert';
import type { components } from '../../generated/v1/index.js';
import { nextLink, pages } from '../../src/service/paginate.js';
import type { OperationMeta, PaginationMeta } from '../../src/contract/operation.js';
import { rejection } from '../helpers/rejection.js';
import { signedInSdk, type TestServer } from '../e2e/helpers.js';

type Order = components['schemas']['Order'];

const test = serverSuite('pagination and result variants against test/server', { server: { seedOrders: 1000 } });

const listRequests = (server: TestServer) => server.requests.filter((r) => r.method === 'GET' && r.path === '/orders').length;

test('.all walks every page of 1,000 orders, 50 at a time', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const ids = new Set<string>();
  for await (const order of sdk.orders.listOrders.all({ params: { query: { limit: 50 } } })) {
    const typed: Order = order;
    ids.add(typed.id);
  }
  assert.is(ids.size, 1000);
  assert.is(listRequests(server), 20);
});

test('.pages yields whole pages and stops at maxPages', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const seen: number[] = [];
  for await (const page of sdk.orders.listOrders.pages({ params: { query: { limit: 50 } } }, { maxPages: 3 })) {
    seen.push(page.items.length);
  }
  assert.equal(seen, [50, 50, 50]);
  assert.is(listRequests(server), 3);
  let count = 0;
  for await (const _ of sdk.orders.listOrders.all({ params: { query: { limit: 50 } } }, { maxPages: 2 })) count++;
  assert.is(count, 100);
});

test('pages are fetched only as the consumer iterates', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  for await (const page of sdk.orders.listOrders.pages({ params: { query: { limit: 10 } } })) {
    assert.is(page.items.length, 10);
    break;
  }
  assert.is(listRequests(server), 1);
});

test('each page gets the usual retries; a page that keeps failing rejects the iteration', async ({ server }) => {
  const { sdk } = await signedInSdk(server, 'alice@example.com', { retry: { maxRetries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
  server.faults.add({ method: 'GET', path: '/orders', skip: 1, times: 1, fault: { type: 'status', status: 503 } });
  let count = 0;
  for await (const _ of sdk.orders.listOrders.all({ params: { query: { limit: 100 } } })) count++;
  assert.is(count, 1000);

  server.faults.add({ method: 'GET', path: '/orders', skip: 1, times: Infinity, fault: { type: 'status', status: 500 } });
  const walk = (async () => {
    for await (const _ of sdk.orders.listOrders.pages({ params: { query: { limit: 100 } } }, { retry: false })) void _;
  })();
  assert.is((await rejection(walk)).type, 'SERVER');
});

test('a signal cancels the walk', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const controller = new AbortController();
  const walk = (async () => {
    for await (const _ of sdk.orders.listOrders.pages({ params: { query: { limit: 10 } } }, { signal: controller.signal })) controller.abort();
  })();
  assert.is((await rejection(walk)).type, 'CANCELLED');
});

test('.safe resolves with data and response, or with the error; .raw adds the Response', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const ok = await sdk.users.getMe.safe();
  if (ok.error) throw ok.error;
  assert.is(ok.data.email, 'alice@example.com');
  assert.is(ok.response.status, 200);
  assert.ok(ok.response.headers.get('x-request-id'));

  const missing = await sdk.orders.getOrder.safe({ params: { path: { orderId: '00000000-0000-4000-8000-000000000000' } } });
  assert.is(missing.data, undefined);
  assert.is(missing.error?.type, 'NOT_FOUND');
  assert.is(missing.response?.status, 404);

  const offline = await sdk.users.getMe.safe(undefined, { validate: 'strict', signal: AbortSignal.abort() });
  assert.is(offline.error?.type, 'CANCELLED');

  const id = server.store.ordersOf('alice@example.com')[0]!.id;
  const raw = await sdk.orders.getOrder.raw({ params: { path: { orderId: id } } });
  assert.is(raw.data.id, id);
  assert.match(String(raw.response.headers.get('etag')), /^"v\d+"$/);
});

// ---------------------------------------------------------------------------------------------
// The other shapes, through the pager with a stand-in call (one function isolated).

function metaWith(pagination: PaginationMeta): OperationMeta {
  return { id: 'things.list', pagination } as unknown as OperationMeta;
}

async function walk(pagination: PaginationMeta, serve: (query: Record<string, unknown>) => { body: unknown; headers?: Record<string, string> }, init: unknown) {
  const queries: Array<Record<string, unknown>> = [];
  const run = async (callInit: unknown, options: unknown) => {
    const query = (callInit as { params: { query: Record<string, unknown> } }).params.query;
    queries.push(query);
    const { body, headers } = serve(query);
    const sink = Object.getOwnPropertySymbols(options as object).map((s) => (options as Record<symbol, unknown>)[s])[0] as (r: Response) => void;
    const response = new Response(null, { headers });
    Object.defineProperty(response, 'url', { value: 'https://api.example.com/things?page=1' });
    sink(response);
    return body;
  };
  const out: unknown[] = [];
  for await (const page of pages(metaWith(pagination), run, init, undefined)) out.push(page);
  return { out, queries };
}

const numbers = Array.from({ length: 23 }, (_, i) => i);

test('offset/limit: advances by the page size and stops at a short page', async () => {
  const { out, queries } = await walk(
    { kind: 'offset', offsetParam: 'offset', limitParam: 'limit', itemsField: 'data' },
    (q) => ({ body: { data: numbers.slice(Number(q['offset'] ?? 0), Number(q['offset'] ?? 0) + Number(q['limit'])) } }),
    { params: { query: { limit: 10 } } },
  );
  assert.is(out.length, 3);
  assert.equal(queries.map((q) => q['offset']), [undefined, 10, 20]);
});

test('page/size: counts pages and stops at an empty or short one', async () => {
  const { queries } = await walk(
    { kind: 'page', pageParam: 'page', sizeParam: 'per_page', itemsField: 'results' },
    (q) => ({ body: { results: numbers.slice((Number(q['page'] ?? 1) - 1) * 10, Number(q['page'] ?? 1) * 10) } }),
    { params: { query: { per_page: 10 } } },
  );
  assert.equal(queries.map((q) => q['page']), [undefined, 2, 3]);
});

test('Link header: follows rel="next" with its query, stops when there is none', async () => {
  const { out, queries } = await walk(
    { kind: 'link-header', itemsField: undefined },
    (q) => {
      const page = Number(q['page'] ?? 1);
      const next = page < 3 ? `<https://api.example.com/things?page=${page + 1}&per_page=2>; rel="next", ` : '';
      return { body: [page, page], headers: { link: `${next}<https://api.example.com/things?page=3>; rel="last"` } };
    },
    undefined,
  );
  assert.is(out.length, 3);
  assert.equal(queries, [{}, { page: 2, per_page: 2 }, { page: 3, per_page: 2 }]);
});

test('nextLink parses RFC 8288 headers', () => {
  assert.is(nextLink('<https://a.test/x?p=2>; rel="next"', 'https://a.test/x')?.href, 'https://a.test/x?p=2');
  assert.is(nextLink('</x?p=2>; rel="prev next"', 'https://a.test/x')?.href, 'https://a.test/x?p=2');
  assert.is(nextLink('<https://a.test/x?p=1>; rel=prev', 'https://a.test/x'), undefined);
  assert.is(nextLink(null, 'https://a.test/x'), undefined);
});

test('a repeated cursor ends the walk instead of looping', async () => {
  const { out } = await walk(
    { kind: 'cursor', requestParam: 'cursor', responseField: 'next', itemsField: 'items' },
    () => ({ body: { items: [1], next: 'same' } }),
    undefined,
  );
  assert.is(out.length, 2);
});

test.run();
