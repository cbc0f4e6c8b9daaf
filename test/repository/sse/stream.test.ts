/**
 * sdk.events.streamEvents against test/server's /events: typed events, reconnect after the
 * server drops the stream (resumed from Last-Event-ID: no gap, no duplicate), a refresh on
 * 401 before resuming, abort/break/close ending cleanly, 5xx backed off, permanent failures
 * ending the stream with their NetworkError. The SDK's clock is the test's (helpers.ts): no sleeps.
 */
import * as assert from 'uvu/assert';
import { isNetworkError, type ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { createOrder, eventRequests, gate, touchOrder } from './helpers.js';

type OrderEvent = components['schemas']['OrderEvent'];
const test = serverSuite('sse: streamEvents against test/server');

async function next(it: AsyncIterator<ServerSentEvent<OrderEvent>>, what: string): Promise<ServerSentEvent<OrderEvent>> {
  const result = await within(it.next(), what);
  assert.ok(!result.done, `${what}: the stream ended`);
  return result.value as ServerSentEvent<OrderEvent>;
}

test('typed events; a dropped stream resumes from Last-Event-ID with no gap and no duplicate', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  // A long initial delay the server's `retry: 1000` must override.
  const stream = sdk.events.streamEvents(undefined, { reconnect: { initialDelayMs: 5000 } });
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  const a = createOrder(server);
  createOrder(server);
  const first = (await within(pending, 'first event')).value as ServerSentEvent<OrderEvent>;
  const second = await next(it, 'second event');
  assert.is(first.event, 'order.created');
  assert.is(first.data.orderId, a);
  assert.is(first.data.order?.id, a, 'data is the parsed, validated OrderEvent');

  // Meanwhile (during the reconnect wait) two changes land: the replay must bring them.
  let missed = 0;
  g.during = () => {
    createOrder(server);
    touchOrder(server, a);
    missed += 2;
  };
  assert.is(server.sse.dropAll(), 1);
  const third = await next(it, 'replayed event 1');
  g.during = undefined;
  const fourth = await next(it, 'replayed event 2');
  await until(() => server.sse.size === 1, 'reconnected stream open');
  createOrder(server);
  const fifth = await next(it, 'live event after reconnect');

  const events = [first, second, third, fourth, fifth];
  const ids = events.map((e) => Number(e.id));
  assert.equal(ids, ids.map((_, i) => ids[0]! + i), 'consecutive ids: no gap, no duplicate');
  assert.equal(events.map((e) => e.event), ['order.created', 'order.created', 'order.created', 'order.updated', 'order.created']);
  assert.is(missed, 2);
  const sent = eventRequests(server);
  assert.is(sent.length, 2);
  assert.is(sent[0]!.headers['last-event-id'], undefined);
  assert.is(sent[1]!.headers['last-event-id'], second.id, 'the reconnect resumed after the last event seen');
  assert.match(String(sent[1]!.headers.authorization), /^Bearer /);
  assert.equal(g.sleeps, [1250], "one wait: the server's retry: 1000, jittered up to half again (random 0.5)");
  assert.is(stream.connections, 2);
  assert.is(stream.lastEventId, fifth.id);
  assert.is(stream.mode, 'fetch');
  await it.return?.();
  await until(() => server.sse.size === 0, 'break closed the connection');
});

test('401 on reconnect: the token is refreshed, the stream resumes where it was', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  const it = sdk.events.streamEvents()[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  createOrder(server);
  const first = (await within(pending, 'first')).value as ServerSentEvent<OrderEvent>;
  const refreshes = server.tokens.refreshCount;
  g.during = () => {
    server.tokens.expireAll();
    createOrder(server);
  };
  server.sse.dropAll();
  const second = await next(it, 'event missed while the token expired');
  assert.is(Number(second.id), Number(first.id) + 1);
  assert.is(server.tokens.refreshCount, refreshes + 1, 'one refresh');
  const sent = eventRequests(server);
  assert.equal(sent.slice(1).map((r) => r.headers['last-event-id']), [first.id, first.id], 'the 401 and its replay both resumed from the same id');
  await it.return?.();
});

test('401 after a failed refresh ends the stream with UNAUTHORIZED; 404 with NOT_FOUND; no retries', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  server.tokens.revokeAll();
  let caught: unknown;
  try {
    for await (const _ of sdk.events.streamEvents()) assert.unreachable('no event');
  } catch (error) {
    caught = error;
  }
  assert.ok(isNetworkError(caught) && caught.type === 'UNAUTHORIZED', String(caught));
  server.faults.add({ path: '/events', fault: { type: 'status', status: 404 } });
  const { sdk: other } = await signedInSdk(server, undefined, g.options);
  try {
    for await (const _ of other.events.streamEvents()) assert.unreachable('no event');
  } catch (error) {
    caught = error;
  }
  assert.ok(isNetworkError(caught) && caught.type === 'NOT_FOUND', String(caught));
  assert.equal(g.sleeps, [], 'permanent failures are never retried');
});

test('5xx and refused connections back off (doubling from retry, capped) and then connect', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  server.faults.add({ path: '/events', times: 3, fault: { type: 'status', status: 503 } });
  const stream = sdk.events.streamEvents(undefined, { reconnect: { maxDelayMs: 3000 } });
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open after three 503s');
  createOrder(server);
  await within(pending, 'event after the 503s');
  // No `retry:` line was read yet, so the base is the initial 1000 ms: 1250, 2500, then capped at 3000.
  assert.equal(g.sleeps, [1250, 2500, 3000]);
  assert.is(stream.connections, 4);
  await it.return?.();
});

test("429's Retry-After is waited out (over the backoff, under the cap)", async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  server.faults.add({ path: '/events', times: 2, fault: { type: 'rate-limit', retryAfter: '7' } });
  const it = sdk.events.streamEvents(undefined, { reconnect: { maxDelayMs: 10_000 } })[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open after two 429s');
  createOrder(server);
  await within(pending, 'event after the 429s');
  assert.equal(g.sleeps, [7000, 7000]);
  await it.return?.();
});

test('maxAttempts gives up with the last transient error', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, g.options);
  server.faults.add({ path: '/events', times: 10, fault: { type: 'status', status: 503 } });
  let caught: unknown;
  try {
    for await (const _ of sdk.events.streamEvents(undefined, { reconnect: { maxAttempts: 2 } })) assert.unreachable();
  } catch (error) {
    caught = error;
  }
  assert.ok(isNetworkError(caught) && caught.type === 'SERVER' && caught.status === 503, String(caught));
  assert.is(g.sleeps.length, 1);
});

test('abort ends the iteration cleanly and closes the connection; so do close() and a second abort', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const controller = new AbortController();
  const stream = sdk.events.streamEvents(undefined, { signal: controller.signal });
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  controller.abort();
  const result = await within(pending, 'iteration ends on abort');
  assert.ok(result.done, 'done, not an error');
  await until(() => server.sse.size === 0, 'connection closed');

  const closed = sdk.events.streamEvents();
  const it2 = closed[Symbol.asyncIterator]();
  const pending2 = it2.next();
  await until(() => server.sse.size === 1, 'second stream open');
  closed.close();
  assert.ok((await within(pending2, 'close ends it')).done);
  await until(() => server.sse.size === 0, 'second connection closed');
  assert.throws(() => closed[Symbol.asyncIterator](), TypeError, 'a stream is iterated once');

  const aborted = new AbortController();
  aborted.abort();
  for await (const _ of sdk.events.streamEvents(undefined, { signal: aborted.signal })) assert.unreachable();
});

test.run();
