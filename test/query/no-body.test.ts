/**
 * A query of an operation without a body (HEAD, a 204 GET) against test/server, through
 * @tanstack/query-core: the helpers hand TanStack `null`, since it refuses `undefined` as a
 * query's data and would store an error for a call that succeeded.
 */
import * as assert from 'uvu/assert';
import { QueryClient } from '@tanstack/query-core';
import { serverSuite } from '../helpers/server-suite.js';
import { createRuntime, type OperationMeta, type OperationMethod } from '../../src/runtime.js';
import { queryHelpers, type SdkMethodLike } from '../../src/repository/query/operation-helpers.js';

/** HEAD /__respond/ping?status=204: an operation whose success has no body. */
interface PingOp {
  parameters: { query?: { status?: string } };
  responses: { 204: { content?: never } };
}

const pingMeta = (method: 'get' | 'head'): OperationMeta => ({
  id: 'health.ping', operationId: 'ping', method, path: '/__respond/ping', tag: 'health',
  idempotent: true, idempotencyKeyHeader: undefined, security: [], successStatuses: ['204'], errorStatuses: [],
  requestContentType: undefined, accept: undefined, responseKind: 'none', pagination: undefined,
  cacheable: false, deprecated: false, authRole: undefined, schemas: { responses: {} },
});

const test = serverSuite('query: operations without a body');

for (const method of ['get', 'head'] as const) {
  test(`${method.toUpperCase()} answered 204: the query succeeds with null, not an error`, async ({ server }) => {
    const runtime = createRuntime({ baseUrl: server.url, logLevel: 'off', retry: false }, { title: 'lab', version: '1', specHash: 'x' });
    const ping = runtime.operation<PingOp>(pingMeta(method)) as OperationMethod<PingOp> & SdkMethodLike;
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
    const helpers = queryHelpers(ping, 'tether');
    const init = { params: { query: { status: '204' } } };
    const data = await client.fetchQuery(helpers.queryOptions(init));
    assert.is(data, null);
    const state = client.getQueryState(helpers.queryKey(init));
    assert.is(state?.status, 'success', 'stored as a success');
    assert.is(state?.error, null);
    client.clear();
  });
}

test.run();
