/**
 * Where fetch cannot stream (React Native's fetch resolves with no `body`), the stream falls
 * back: to an XHR stream when XMLHttpRequest exists (still through the SDK's pipeline, so the
 * token is sent), else to long polling (`Prefer: wait`). The platform is simulated by a fetch
 * wrapper that hides `body` and, for XHR, a minimal XMLHttpRequest over loopback (mini-xhr.ts).
 */
import * as assert from 'uvu/assert';
import type { PlatformFetch, ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';
import { serverSuite } from '../../helpers/server-suite.js';
import { until, within } from '../../helpers/timed-suite.js';
import { signedInSdk } from '../../e2e/helpers.js';
import { createOrder, eventRequests, gate } from './helpers.js';
import { MiniXhr } from './mini-xhr.js';

type Event = ServerSentEvent<components['schemas']['OrderEvent']>;
const test = serverSuite('sse: fallbacks where fetch cannot stream');

// Responses whose hidden body nobody read. A real React Native fetch never resolves an endless
// stream at all; this simulation does, so the first (fetch-mode) connection stays open on the
// server after the client switched modes, until the test releases it.
const unread = new Set<Response>();

/** React Native's shape: the Response resolves, but has no `body` to stream. */
const bodylessFetch: PlatformFetch = async (request) => {
  const real = await fetch(request);
  unread.add(real);
  return new Proxy(real, {
    get(target, key) {
      if (key === 'body') return null;
      if (key === 'text' || key === 'arrayBuffer') unread.delete(target);
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
};

/** Closes the connections of responses whose body was hidden and never read. */
function releaseUnread(): void {
  for (const response of unread) response.body?.cancel().catch(() => {});
  unread.clear();
}

/** The seq of the newest change on the server: a stream started from it replays what comes after. */
function newestSeq(server: Parameters<typeof createOrder>[0]): string {
  return String(server.store.changesSince(0).at(-1)?.seq ?? 0);
}

async function take(it: AsyncIterator<Event>, n: number, what: string): Promise<Event[]> {
  const out: Event[] = [];
  for (let i = 0; i < n; i++) {
    const result = await within(it.next(), `${what} #${i + 1}`);
    assert.ok(!result.done, `${what}: ended early`);
    out.push(result.value);
  }
  return out;
}

test('no streamed body and no XHR: long polling with Prefer: wait, resumed by Last-Event-ID, no gap', async ({ server }) => {
  const g = gate();
  const { sdk } = await signedInSdk(server, undefined, { ...g.options, fetch: bodylessFetch });
  const start = newestSeq(server);
  createOrder(server);
  const stream = sdk.events.streamEvents(undefined, { lastEventId: start });
  const it = stream[Symbol.asyncIterator]();
  g.during = () => {
    createOrder(server);
    createOrder(server);
  };
  const events = await take(it, 3, 'polled event');
  await it.return?.();
  releaseUnread();
  assert.is(stream.mode, 'poll');
  const ids = events.map((e) => Number(e.id));
  assert.equal(ids, [Number(start) + 1, Number(start) + 2, Number(start) + 3]);
  const sent = eventRequests(server);
  assert.is(sent.length, 3, 'the fetch attempt that found no body, then two polls');
  assert.is(sent[0]!.headers.prefer, undefined);
  assert.equal(sent.slice(1).map((r) => r.headers.prefer), ['wait=25', 'wait=25']);
  assert.equal(sent.map((r) => r.headers['last-event-id']), [start, start, events[0]!.id]);
  assert.ok(sent.every((r) => /^Bearer /.test(String(r.headers.authorization))), 'every poll went through the auth layer');
  assert.equal(g.sleeps, [1250], 'no wait before the first poll; the retry wait between polls');
});

test('no streamed body, XMLHttpRequest present: an XHR stream through the pipeline, reconnecting from Last-Event-ID', async ({ server }) => {
  const global = globalThis as { XMLHttpRequest?: unknown };
  const before = global.XMLHttpRequest;
  global.XMLHttpRequest = MiniXhr;
  MiniXhr.made.length = 0;
  try {
    const g = gate();
    const { sdk } = await signedInSdk(server, undefined, { ...g.options, fetch: bodylessFetch });
    const start = newestSeq(server);
    createOrder(server);
    const stream = sdk.events.streamEvents(undefined, { lastEventId: start });
    const it = stream[Symbol.asyncIterator]();
    const [replayed] = await take(it, 1, 'replayed over XHR');
    assert.is(stream.mode, 'xhr');
    releaseUnread();
    await until(() => server.sse.size === 1, 'only the XHR stream is open');
    createOrder(server);
    const [live] = await take(it, 1, 'live over XHR');
    g.during = () => void createOrder(server);
    assert.is(server.sse.dropAll(), 1);
    const [missed] = await take(it, 1, 'missed while dropped, replayed');
    const ids = [replayed, live, missed].map((e) => Number(e!.id));
    assert.equal(ids, [Number(start) + 1, Number(start) + 2, Number(start) + 3]);
    assert.is(MiniXhr.made.length, 2);
    assert.match(MiniXhr.made[0]!.sent.authorization ?? '', /^Bearer /, 'the token went through XHR too');
    assert.is(MiniXhr.made[1]!.sent['last-event-id'], live!.id);
    assert.is(eventRequests(server).length, 3, 'one fetch that found no body, two XHRs');
    await it.return?.();
    await until(() => server.sse.size === 0, 'XHR aborted on break');
  } finally {
    global.XMLHttpRequest = before;
  }
});

test.run();
