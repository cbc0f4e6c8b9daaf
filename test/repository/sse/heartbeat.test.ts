/**
 * Heartbeat comments restart the idle timeout (docs/sse.md): a healthy stream with no events
 * but the server's heartbeats (every 20 ms here) stays on its first connection for several
 * idle timeouts (800 ms) in a row, in fetch and in XHR mode, then still delivers on it. The
 * buffered poll has no heartbeats to see (its answer is read whole) and is covered by
 * idle-timeout.test.ts. The margin (40 heartbeats per timeout) keeps a busy machine from
 * turning a late timer into a cut.
 */
import * as assert from 'uvu/assert';
import type { ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { createOrder, eventRequests, gate } from './helpers.js';
import { rig, type WireMode } from './modes.js';

type Event = ServerSentEvent<components['schemas']['OrderEvent']>;
const IDLE_MS = 800;
const test = serverSuite('sse: heartbeats keep a quiet stream open', { server: { sseHeartbeatMs: 20 } });

for (const mode of ['fetch', 'xhr'] as const satisfies readonly WireMode[]) {
  test(`${mode}: a quiet stream with heartbeats is never cut`, async ({ server }) => {
    const setup = rig(mode);
    let stream: { close(): void } | undefined;
    try {
      const g = gate();
      const { sdk } = await signedInSdk(server, undefined, { ...g.options, ...setup.sdkOptions });
      const opened = sdk.events.streamEvents(undefined, { mode, timeoutMs: IDLE_MS });
      stream = opened;
      const it = opened[Symbol.asyncIterator]();
      const pending = it.next();
      pending.catch(() => undefined);
      await until(() => server.sse.size === 1, 'stream open');
      // Three idle timeouts of nothing but heartbeats (a wait, not a timed assertion).
      const quietUntil = Date.now() + 3 * IDLE_MS;
      await until(() => Date.now() >= quietUntil, 'three idle timeouts of heartbeats', 3 * IDLE_MS + 5_000);
      assert.is(eventRequests(server).length, 1, 'never reconnected');
      assert.is(opened.connections, 1);
      assert.equal(g.sleeps, [], 'no reconnect wait');
      createOrder(server);
      const event = (await within(pending, 'event on the same connection')) as IteratorResult<Event>;
      assert.ok(!event.done);
      assert.is(opened.connections, 1);
      await it.return?.();
    } finally {
      stream?.close();
      setup.restore();
    }
  });
}

test.run();
