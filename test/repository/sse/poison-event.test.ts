/**
 * Poison events, which a reconnect would only receive again, so the stream ends with UNKNOWN
 * instead of reconnecting forever: a driver whose parse throws something other than a
 * NetworkError (the loop, src/repository/sse/event-stream.ts, in isolation), and an event larger
 * than `maxResponseBytes` from test/server (one line that never ends would otherwise grow the
 * decoder's buffer without bound).
 */
import * as assert from 'uvu/assert';
import { within } from '../../helpers/timed-suite.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { rig } from './modes.js';
import { isNetworkError } from '../../../src/errors/network-error.js';
import { createEventStream } from '../../../src/repository/sse/event-stream.js';
import { resolveReconnect } from '../../../src/repository/sse/reconnect-policy.js';

const test = serverSuite('sse: poison events');

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

test('an event larger than maxResponseBytes ends the stream with UNKNOWN; one within it is delivered', async ({ server }) => {
  const { sdk } = await signedInSdk(server);
  const big = 'x'.repeat(300_000);
  const body = `id: 1\ndata: {"big":"${big}"}\n\n`;
  const answer = () => server.faults.add({ method: 'GET', path: '/events', fault: { type: 'content-type', contentType: 'text/event-stream', body } });
  answer();
  const refused = await within(sdk.events.streamEvents(undefined, { maxResponseBytes: 100_000, validate: 'off' })[Symbol.asyncIterator]().next(), 'the first event').then(() => undefined, (e: unknown) => e);
  assert.ok(isNetworkError(refused), String(refused));
  assert.is(refused.type, 'UNKNOWN');
  assert.match(refused.message, /100000 characters/);
  assert.is(server.requests.filter((r) => r.path === '/events').length, 1, 'not reconnected');

  answer();
  const it = sdk.events.streamEvents(undefined, { maxResponseBytes: 1_000_000, validate: 'off' })[Symbol.asyncIterator]();
  const delivered = await within(it.next(), 'the first event');
  assert.is((delivered.value?.data as unknown as { big: string }).big.length, big.length);
  await it.return?.();
});

test('XHR mode: an event larger than a connection holds before renewal (4 M characters) ends the stream instead of being asked for forever', async ({ server }) => {
  const xhr = rig('xhr');
  try {
    const { sdk } = await signedInSdk(server, undefined, xhr.sdkOptions);
    const body = `id: 1\ndata: {"big":"${'x'.repeat(4_500_000)}"}\n\n`;
    server.faults.add({ method: 'GET', path: '/events', fault: { type: 'content-type', contentType: 'text/event-stream', body } });
    const stream = sdk.events.streamEvents(undefined, { mode: 'xhr', validate: 'off' });
    const error = await within(stream[Symbol.asyncIterator]().next(), 'the first event', 10_000).then(() => undefined, (e: unknown) => e);
    assert.ok(isNetworkError(error), String(error));
    assert.is(error.type, 'UNKNOWN');
    assert.match(error.message, /2097152 characters/);
    assert.is(stream.connections, 1);
  } finally {
    xhr.restore();
  }
});

test.run();
