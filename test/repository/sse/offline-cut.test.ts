/**
 * Going offline while a connection is open cuts it at once (docs/sse.md): on a phone the
 * socket under a dead network usually just goes quiet, so the adapter's word is the first sign.
 * No error reaches the app, no attempt is counted (maxAttempts: 1 here, which a counted cut
 * would exhaust), no backoff is waited; the stream waits for the network and then resumes
 * from Last-Event-ID with no gap and no duplicate. Per mode, against test/server.
 */
import * as assert from 'uvu/assert';
import type { ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { countedConnectivity, createOrder, eventRequests, gate } from './helpers.js';
import { MODES, rig } from './modes.js';

type Event = ServerSentEvent<components['schemas']['OrderEvent']>;
const test = serverSuite('sse: going offline cuts the open connection');

/** The seq of the newest change on the server: a stream started from it replays nothing. */
function newestSeq(server: Parameters<typeof createOrder>[0]): string {
  return String(server.store.changesSince(0).at(-1)?.seq ?? 0);
}

async function take(it: AsyncIterator<Event>, pending: Promise<IteratorResult<Event>> | undefined, what: string): Promise<Event> {
  const result = await within(pending ?? it.next(), what);
  assert.ok(!result.done, `${what}: the stream ended`);
  return result.value;
}

for (const mode of MODES) {
  test(`${mode}: offline cuts the connection at once; online resumes from Last-Event-ID, no gap, no duplicate`, async ({ server }) => {
    const setup = rig(mode);
    let stream: { close(): void } | undefined;
    try {
      const g = gate();
      const connectivity = countedConnectivity(true);
      const { sdk } = await signedInSdk(server, undefined, { ...g.options, ...setup.sdkOptions, connectivity });
      const start = newestSeq(server);
      const opened = sdk.events.streamEvents(undefined, { mode, lastEventId: start, reconnect: { maxAttempts: 1 } });
      stream = opened;
      const it = opened[Symbol.asyncIterator]();
      const pending = it.next();
      pending.catch(() => undefined);
      await until(() => server.sse.size === 1, 'connection open');
      assert.is(connectivity.subscriptions, 1, 'the open connection watches connectivity');

      connectivity.set(false);
      // Cut, then parked on the network's return (a second subscription, the only listener).
      await until(() => connectivity.subscriptions === 2 && connectivity.listeners === 1, 'cut and waiting for the network');
      // The buffering fetch of the poll simulation keeps its hidden body open on its own.
      if (mode !== 'poll') await until(() => server.sse.size === 0, 'the connection was closed');
      createOrder(server);
      createOrder(server);
      assert.is(eventRequests(server).length, 1, 'no attempt while offline');
      assert.is(opened.connections, 1);
      assert.equal(g.sleeps, [], 'no backoff for a cut of our own');

      connectivity.set(true);
      const first = await take(it, pending, 'first event made while offline');
      const second = await take(it, undefined, 'second event made while offline');
      assert.equal([Number(first.id), Number(second.id)], [Number(start) + 1, Number(start) + 2], 'no gap, no duplicate');
      const sent = eventRequests(server);
      assert.is(sent.length, 2, 'exactly one reconnect');
      assert.is(sent[1]!.headers['last-event-id'], start);
      assert.equal(g.sleeps, [], 'reconnected at once');
      assert.is(opened.mode, mode);
      await it.return?.();
    } finally {
      stream?.close();
      setup.restore();
    }
  });
}

test('a blip (offline, then online at once) reconnects from the last event without a wait, every time', async ({ server }) => {
  const g = gate();
  const connectivity = countedConnectivity(true);
  const { sdk } = await signedInSdk(server, undefined, { ...g.options, connectivity });
  const start = newestSeq(server);
  const stream = sdk.events.streamEvents(undefined, { lastEventId: start, reconnect: { maxAttempts: 1 } });
  const it = stream[Symbol.asyncIterator]();
  try {
    createOrder(server);
    const ids: number[] = [Number((await take(it, undefined, 'first event')).id)];
    for (let blip = 1; blip <= 3; blip++) {
      connectivity.set(false);
      connectivity.set(true);
      createOrder(server);
      ids.push(Number((await take(it, undefined, `event after blip ${blip}`)).id));
      assert.is(eventRequests(server)[blip]!.headers['last-event-id'], String(ids[blip - 1]));
    }
    assert.equal(ids, [1, 2, 3, 4].map((n) => Number(start) + n), 'no gap, no duplicate across three cuts');
    assert.is(stream.connections, 4, 'one reconnect per blip');
    assert.equal(g.sleeps, [], 'none of them waited a backoff');
  } finally {
    await it.return?.();
  }
});

test('a cut while the app holds an event: nothing lost or repeated, whether the next one had arrived or not', async ({ server }) => {
  const g = gate();
  const connectivity = countedConnectivity(true);
  const { sdk } = await signedInSdk(server, undefined, { ...g.options, connectivity });
  const start = newestSeq(server);
  const stream = sdk.events.streamEvents(undefined, { lastEventId: start, reconnect: { maxAttempts: 1 } });
  const it = stream[Symbol.asyncIterator]();
  try {
    createOrder(server);
    createOrder(server);
    const held = await take(it, undefined, 'first event');
    // The app is still busy with `held` (no next() yet) when the network goes.
    connectivity.set(false);
    await until(() => server.sse.size === 0, 'cut while the app holds an event');
    createOrder(server);
    const pending = it.next();
    pending.catch(() => undefined);
    connectivity.set(true);
    const rest = [await take(it, pending, 'second event'), await take(it, undefined, 'third event')];
    const ids = [held, ...rest].map((e) => Number(e.id));
    assert.equal(ids, [1, 2, 3].map((n) => Number(start) + n), 'no gap, no duplicate');
    const resumedFrom = Number(eventRequests(server)[1]!.headers['last-event-id']);
    assert.ok(resumedFrom === ids[0] || resumedFrom === ids[1], 'resumed after the last event the app had been given');
    assert.equal(g.sleeps, []);
  } finally {
    await it.return?.();
  }
});

test('an attempt still waiting for its headers is cut too, and not counted', async ({ server }) => {
  const g = gate();
  const connectivity = countedConnectivity(true);
  const { sdk } = await signedInSdk(server, undefined, { ...g.options, connectivity });
  server.faults.add({ path: '/events', fault: { type: 'hang' }, times: 1 });
  const start = newestSeq(server);
  createOrder(server);
  // The default 30 s timeout: only the cut can end the hung attempt within this test's limits.
  const stream = sdk.events.streamEvents(undefined, { lastEventId: start, reconnect: { maxAttempts: 1 } });
  const it = stream[Symbol.asyncIterator]();
  try {
    const pending = it.next();
    pending.catch(() => undefined);
    await until(() => eventRequests(server).length === 1, 'hung attempt sent');
    connectivity.set(false);
    await until(() => connectivity.subscriptions === 2 && connectivity.listeners === 1, 'cut and waiting for the network');
    connectivity.set(true);
    const event = await take(it, pending, 'event after the network came back');
    assert.is(Number(event.id), Number(start) + 1);
    assert.is(eventRequests(server)[1]!.headers['last-event-id'], start);
    assert.equal(g.sleeps, []);
  } finally {
    await it.return?.();
  }
});

test.run();
