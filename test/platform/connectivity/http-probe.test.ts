/** httpProbe against the reference server on loopback: any answer is reachable; no answer is not. */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { httpProbe } from '../../../src/platform/connectivity/http-probe.js';

const test = serverSuite('http probe');

test('a HEAD that gets any HTTP status (200, 404, 503) is reachable; the request was a HEAD', async ({ server }) => {
  assert.is(await httpProbe(`${server.url}/health`)(), true);
  assert.is(await httpProbe(`${server.url}/no-such-path`)(), true);
  server.faults.add({ path: '/health', fault: { type: 'status', status: 503 } });
  assert.is(await httpProbe(`${server.url}/health`)(), true);
  assert.ok(server.requests.some((request) => request.method === 'HEAD'));
});

test('a connection reset before the answer is unreachable', async ({ server }) => {
  server.faults.add({ path: '/health', fault: { type: 'reset-before' } });
  assert.is(await httpProbe(`${server.url}/health`)(), false);
});

test('a server that never answers is unreachable after the timeout', async ({ server }) => {
  server.faults.add({ path: '/health', fault: { type: 'hang' } });
  assert.is(await httpProbe(`${server.url}/health`, { timeoutMs: 50 })(), false);
});

test('nothing listening on the port is unreachable', async ({ server }) => {
  const url = `${server.url}/health`;
  const closed = await import('../../server/index.js').then(({ startServer }) => startServer());
  const gone = `${closed.url}/health`;
  await closed.close();
  assert.is(await httpProbe(gone)(), false);
  assert.is(await httpProbe(url, { method: 'GET' })(), true);
});

test.run();
