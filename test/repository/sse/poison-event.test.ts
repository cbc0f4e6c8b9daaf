/**
 * The event-stream loop (src/repository/sse/event-stream.ts) with a driver whose parse throws
 * something other than a NetworkError: the event is poison, not a dropped connection, so the
 * stream ends with UNKNOWN instead of reconnecting to the same event forever.
 */
import * as assert from 'uvu/assert';
import { suite, within } from '../../helpers/timed-suite.js';
import { isNetworkError } from '../../../src/errors/network-error.js';
import { createEventStream } from '../../../src/repository/sse/event-stream.js';
import { resolveReconnect } from '../../../src/repository/sse/reconnect-policy.js';

const test = suite('sse: a poison event');

test('a parse that throws a TypeError ends the stream with UNKNOWN after one connection', async () => {
  let opened = 0;
  const stream = createEventStream<unknown>(
    {
      async open() {
        opened += 1;
        return new Response('id: 1\ndata: {}\n\n', { headers: { 'content-type': 'text/event-stream' } });
      },
      parse() {
        throw new TypeError('a bug in a parser');
      },
      clock: { now: () => 0, random: () => 0, sleep: async () => {} },
      method: 'GET',
      url: 'https://api.example.com/events',
    },
    { mode: 'fetch', lastEventId: undefined, reconnect: resolveReconnect(undefined), signal: undefined, idleTimeoutMs: 30_000 },
  );
  const error = await within(stream[Symbol.asyncIterator]().next(), 'the first event').then(() => undefined, (e: unknown) => e);
  assert.ok(isNetworkError(error), String(error));
  assert.is(error.type, 'UNKNOWN');
  assert.instance(error.cause, TypeError);
  assert.is(opened, 1, 'not reconnected');
});

test.run();
