/**
 * A server (or a buffering proxy) that ends every stream at once with nothing in it, and says
 * `retry: 0`: the stream backs off (from at least the initial delay, doubling) instead of asking
 * again in a hot loop. A stream that delivered events keeps honouring `retry:` as it is.
 */
import * as assert from 'uvu/assert';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { eventRequests } from './helpers.js';

const test = serverSuite('sse: streams that end at once');

/** Time that stands still (every connection ends "at once", however loaded the machine), random 0.5, and sleeps that return at once but are recorded. */
function recordingClock() {
  const sleeps: number[] = [];
  const start = Date.now();
  return { sleeps, clock: { now: () => start, random: () => 0.5, sleep: async (ms: number) => void sleeps.push(ms) } };
}

const answer = (server: Parameters<Parameters<typeof test>[1]>[0]['server'], body: string, times: number) => {
  for (let i = 0; i < times; i++) server.faults.add({ method: 'GET', path: '/events', fault: { type: 'content-type', contentType: 'text/event-stream', body } });
};

test('five empty answers with retry: 0 back off 1.25 s, 2.5 s, 5 s, 10 s, 20 s (jitter 0.5), not 0 ms each', async ({ server }) => {
  const { sleeps, clock } = recordingClock();
  const { sdk } = await signedInSdk(server, undefined, { clock });
  answer(server, 'retry: 0\n\n', 5);
  const stream = sdk.events.streamEvents();
  const it = stream[Symbol.asyncIterator]();
  void it.next().catch(() => undefined);
  await until(() => eventRequests(server).length >= 6, 'the sixth connection (the real stream)');
  stream.close();
  assert.equal(sleeps.slice(0, 5), [1250, 2500, 5000, 10_000, 20_000]);
});

test('a stream that delivered an event honours retry: 0 (reconnects at once), and an empty one after it backs off again', async ({ server }) => {
  const { sleeps, clock } = recordingClock();
  const { sdk } = await signedInSdk(server, undefined, { validate: 'off', clock });
  answer(server, 'retry: 0\nid: 1\ndata: {}\n\n', 1);
  answer(server, 'retry: 0\n\n', 1);
  const stream = sdk.events.streamEvents(undefined, { validate: 'off' });
  const it = stream[Symbol.asyncIterator]();
  await within(it.next(), 'the event');
  void it.next().catch(() => undefined);
  await until(() => eventRequests(server).length >= 3, 'the third connection');
  stream.close();
  assert.equal(sleeps.slice(0, 2), [0, 1250]);
});

test.run();
