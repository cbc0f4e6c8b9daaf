/**
 * Event streams follow the SDK's connectivity and foreground (docs/sse.md): offline, no
 * connection attempts (and none counted toward maxAttempts); back online or back in front, one
 * immediate reconnect with Last-Event-ID instead of the rest of the backoff. The SDK's clock
 * here never lets a wait end by itself (heldClock), so a reconnect can only come from the
 * adapters: what these tests see is their doing, not a timer's.
 */
import * as assert from 'uvu/assert';
import { manualConnectivity, manualForeground, type ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { countedConnectivity, createOrder, eventRequests, heldClock } from './helpers.js';

type OrderEvent = components['schemas']['OrderEvent'];
const test = serverSuite('sse: streams follow connectivity and foreground');

async function next(it: AsyncIterator<ServerSentEvent<OrderEvent>>, what: string): Promise<ServerSentEvent<OrderEvent>> {
  const result = await within(it.next(), what);
  assert.ok(!result.done, `${what}: the stream ended`);
  return result.value as ServerSentEvent<OrderEvent>;
}

test('offline: no attempts; online again: one immediate reconnect from Last-Event-ID, no gap, no duplicate', async ({ server }) => {
  const clock = heldClock();
  const connectivity = countedConnectivity(true);
  const { sdk } = await signedInSdk(server, undefined, { ...clock.options, connectivity });
  const stream = sdk.events.streamEvents();
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  createOrder(server);
  const first = (await within(pending, 'first event')).value as ServerSentEvent<OrderEvent>;

  connectivity.set(false);
  const afterDrop = it.next();
  assert.is(server.sse.dropAll(), 1);
  // The stream is parked on the network's return: subscribed, no timer, no request.
  await until(() => connectivity.listeners === 1, 'stream waits for the network');
  createOrder(server);
  createOrder(server);
  assert.is(eventRequests(server).length, 1, 'no connection attempt while offline');
  assert.equal(clock.sleeps, [], 'no backoff timer while offline');
  assert.is(stream.connections, 1);

  connectivity.set(true);
  const second = (await within(afterDrop, 'first missed event')).value as ServerSentEvent<OrderEvent>;
  const third = await next(it, 'second missed event');
  const ids = [first, second, third].map((e) => Number(e.id));
  assert.equal(ids, [ids[0]!, ids[0]! + 1, ids[0]! + 2], 'consecutive ids: no gap, no duplicate');
  const sent = eventRequests(server);
  assert.is(sent.length, 2, 'exactly one reconnect');
  assert.is(sent[1]!.headers['last-event-id'], first.id);
  assert.equal(clock.sleeps, [], 'the reconnect waited for nothing');
  assert.is(connectivity.listeners, 1, "the wait let go of its listener; only the open connection's offline watch is left");
  await it.return?.();
});

test('a stream in backoff reconnects at once when the network comes back', async ({ server }) => {
  const clock = heldClock();
  const connectivity = countedConnectivity(true);
  const { sdk } = await signedInSdk(server, undefined, { ...clock.options, connectivity });
  const stream = sdk.events.streamEvents();
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  createOrder(server);
  const first = (await within(pending, 'first event')).value as ServerSentEvent<OrderEvent>;

  // Dropped while "online" (the adapter has not noticed yet): an ordinary backoff wait begins.
  const afterDrop = it.next();
  server.sse.dropAll();
  await until(() => clock.sleeps.length === 1, 'backoff wait begins');
  assert.equal(clock.sleeps, [1250], "the server's retry: 1000, jittered (random 0.5)");
  connectivity.set(false);
  createOrder(server);
  assert.is(eventRequests(server).length, 1, 'still waiting');
  connectivity.set(true);
  const second = (await within(afterDrop, 'missed event')).value as ServerSentEvent<OrderEvent>;
  assert.is(Number(second.id), Number(first.id) + 1);
  assert.is(eventRequests(server)[1]!.headers['last-event-id'], first.id);
  assert.is(eventRequests(server).length, 2);
  assert.is(clock.sleeps.length, 1, 'no further wait');
  await it.return?.();
});

test('back in front: a stream in backoff reconnects at once; in the background an open stream stays connected', async ({ server }) => {
  const clock = heldClock();
  const foreground = manualForeground(true);
  const { sdk } = await signedInSdk(server, undefined, { ...clock.options, foreground });
  const stream = sdk.events.streamEvents();
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  foreground.set(false);
  createOrder(server);
  const first = (await within(pending, 'event while in the background')).value as ServerSentEvent<OrderEvent>;
  assert.is(stream.connections, 1, 'the background left the connection open');

  const afterDrop = it.next();
  server.sse.dropAll();
  await until(() => clock.sleeps.length === 1, 'backoff wait begins');
  createOrder(server);
  foreground.set(true);
  const second = (await within(afterDrop, 'missed event')).value as ServerSentEvent<OrderEvent>;
  assert.is(Number(second.id), Number(first.id) + 1);
  assert.is(eventRequests(server)[1]!.headers['last-event-id'], first.id);
  assert.is(stream.connections, 2);
  await it.return?.();
});

test('attempts that fail because the network went away do not count toward maxAttempts', async ({ server }) => {
  const clock = heldClock();
  const connectivity = countedConnectivity(true);
  let cutOnce = true;
  // The platform fetch loses the network during the reconnect attempt, as a phone entering a tunnel would.
  const fetch: typeof globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/events') && eventRequestsSoFar() === 1 && cutOnce) {
      cutOnce = false;
      connectivity.set(false);
      return Promise.reject(new TypeError('fetch failed'));
    }
    return globalThis.fetch(input, init);
  };
  const eventRequestsSoFar = () => eventRequests(server).length;
  const { sdk } = await signedInSdk(server, undefined, { ...clock.options, connectivity, fetch });
  const stream = sdk.events.streamEvents(undefined, { reconnect: { maxAttempts: 1 } });
  const it = stream[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, 'stream open');
  createOrder(server);
  const first = (await within(pending, 'first event')).value as ServerSentEvent<OrderEvent>;

  const afterDrop = it.next();
  // Observed here so a stream that gave up fails this test, not the process (awaited below).
  afterDrop.catch(() => undefined);
  server.sse.dropAll();
  await until(() => clock.sleeps.length === 1, 'backoff wait begins');
  connectivity.set(false);
  connectivity.set(true); // wakes the wait; the attempt then fails offline (the fetch above)
  await until(() => connectivity.listeners === 1 && !connectivity.isOnline(), 'parked offline after the failed attempt');
  createOrder(server);
  connectivity.set(true);
  const second = (await within(afterDrop, 'event after the network came back')).value as ServerSentEvent<OrderEvent>;
  assert.is(Number(second.id), Number(first.id) + 1);
  assert.is(stream.connections, 3, 'open, the failed attempt, the reconnect');
  await it.return?.();
});

test("a stream's own connectivity wins over the SDK's", async ({ server }) => {
  const clock = heldClock();
  const sdkConnectivity = manualConnectivity(false);
  const { sdk } = await signedInSdk(server, undefined, { ...clock.options, connectivity: sdkConnectivity });
  const it = sdk.events.streamEvents(undefined, { connectivity: manualConnectivity(true) })[Symbol.asyncIterator]();
  const pending = it.next();
  await until(() => server.sse.size === 1, "stream open although the SDK's adapter says offline");
  createOrder(server);
  await within(pending, 'event');
  await it.return?.();
  assert.throws(() => sdk.events.streamEvents(undefined, { foreground: {} as never }), (error: unknown) => error instanceof TypeError);
});

test.run();
