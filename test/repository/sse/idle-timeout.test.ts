/**
 * Every mode has an idle timeout (docs/sse.md): a server that accepts the stream and then goes
 * silent (here: test/server's default heartbeat, 15 s, far beyond the stream's 300 ms
 * `timeoutMs`; for polling, a server holding the poll longer than asked) must not hang the
 * stream. The silent connection is cut, closed, and the stream resumes from Last-Event-ID with
 * no gap and no duplicate, surfacing nothing to the app. Without the idle timeout these tests
 * fail: nothing else would ever open a second connection.
 */
import * as assert from 'uvu/assert';
import type { ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { createOrder, eventRequests, gate } from './helpers.js';
import { MODES, rig } from './modes.js';

type Event = ServerSentEvent<components['schemas']['OrderEvent']>;
const test = serverSuite('sse: an idle timeout in every mode');
const IDLE_MS = 300;

/** The seq of the newest change on the server: a stream started from it replays nothing. */
function newestSeq(server: Parameters<typeof createOrder>[0]): string {
  return String(server.store.changesSince(0).at(-1)?.seq ?? 0);
}

for (const mode of MODES) {
  test(`${mode}: a connection that goes silent is cut and resumed from Last-Event-ID`, async ({ server }) => {
    const setup = rig(mode);
    let stream: { close(): void } | undefined;
    try {
      const g = gate();
      const { sdk } = await signedInSdk(server, undefined, { ...g.options, ...setup.sdkOptions });
      const start = newestSeq(server);
      // A poll the server holds far longer than the timeout: one that ignores Prefer: wait.
      const opened = sdk.events.streamEvents(undefined, { mode, timeoutMs: IDLE_MS, lastEventId: start, pollWaitSeconds: 120, reconnect: { maxAttempts: 1 } });
      stream = opened;
      const it = opened[Symbol.asyncIterator]();
      const pending = it.next();
      // Observed here so a stream that gave up fails this test, not the worker (awaited below).
      pending.catch(() => undefined);
      // Nothing but the idle timeout can end the first connection: the server neither ends nor drops it.
      await until(() => eventRequests(server).length >= 2, 'a second connection after the silence');
      assert.is(eventRequests(server)[1]!.headers['last-event-id'], start);
      assert.is(g.sleeps[0], 1250, "a drop's wait: the server's retry: 1000, jittered, not counted as a failure");
      if (mode !== 'poll') await until(() => server.sse.size <= 1, 'the silent connection was closed, not leaked');

      createOrder(server);
      const first = (await within(pending, 'event after the cut')) as IteratorResult<Event>;
      assert.ok(!first.done);
      createOrder(server);
      const second = (await within(it.next(), 'next event')) as IteratorResult<Event>;
      assert.ok(!second.done);
      assert.equal([Number(first.value.id), Number(second.value.id)], [Number(start) + 1, Number(start) + 2], 'no gap, no duplicate');
      assert.is(opened.mode, mode);
      await it.return?.();
    } finally {
      // A failed assertion must not leave the stream reconnecting into the next test.
      stream?.close();
      setup.restore();
    }
  });

  test(`${mode}: a server that never answers the headers is timed out too, and the stream reconnects`, async ({ server }) => {
    const setup = rig(mode);
    let stream: { close(): void } | undefined;
    try {
      const g = gate();
      const { sdk } = await signedInSdk(server, undefined, { ...g.options, ...setup.sdkOptions });
      server.faults.add({ path: '/events', fault: { type: 'hang' }, times: 1 });
      const start = newestSeq(server);
      createOrder(server);
      const opened = sdk.events.streamEvents(undefined, { mode, timeoutMs: IDLE_MS, lastEventId: start, reconnect: { maxAttempts: 2 } });
      stream = opened;
      const it = opened[Symbol.asyncIterator]();
      const first = (await within(it.next(), 'event after the hung attempt')) as IteratorResult<Event>;
      assert.ok(!first.done);
      assert.is(Number(first.value.id), Number(start) + 1);
      const sent = eventRequests(server);
      assert.ok(sent.length >= 2, 'the hung attempt, then a fresh one');
      assert.is(sent[1]!.headers['last-event-id'], start);
      await it.return?.();
    } finally {
      // A failed assertion must not leave the stream reconnecting into the next test.
      stream?.close();
      setup.restore();
    }
  });
}

test.run();
