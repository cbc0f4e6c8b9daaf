/** The reference server: server-sent order events, heartbeats and Last-Event-ID replay. */
import * as assert from 'uvu/assert';
import type { TestServer } from '../server/index.js';
import { backendSuite, call, createOrder, login, send, sleep, spec, validate } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// server-sent events

interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

async function openEvents(server: TestServer, token: string, lastEventId?: string) {
  const controller = new AbortController();
  const res = await send(server, 'GET', '/events', { token, signal: controller.signal, ...(lastEventId && { headers: { 'last-event-id': lastEventId } }) });
  const events: SseEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let ended = false;
  const decoder = new TextDecoder();
  const pump = (async () => {
    try {
      for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event: SseEvent = { id: undefined, event: undefined, data: '' };
          let hasData = false;
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('id: ')) event.id = line.slice(4);
            else if (line.startsWith('event: ')) event.event = line.slice(7);
            else if (line.startsWith('data: ')) {
              event.data += line.slice(6);
              hasData = true;
            }
          }
          if (hasData) events.push(event);
        }
      }
    } catch {
      // aborted by us or cut by the server
    }
    ended = true;
  })();
  const waitFor = async (predicate: () => boolean, what: string, timeoutMs = 2000) => {
    const until = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await sleep(10);
    }
  };
  return {
    res,
    events,
    comments,
    waitFor,
    get ended() {
      return ended;
    },
    async close() {
      controller.abort();
      await pump;
    },
  };
}

{
  const { s, ctx } = backendSuite('events (SSE)', { sseHeartbeatMs: 40 });

  s('streams order events with ids, heartbeats, and only the user\'s own orders', async () => {
    const alice = await login(ctx.server);
    const bob = await login(ctx.server, 'bob@example.com');
    const stream = await openEvents(ctx.server, alice.accessToken);
    assert.is(stream.res.status, 200);
    assert.match(stream.res.headers.get('content-type') ?? '', 'text/event-stream');
    await createOrder(ctx.server, bob.accessToken);
    const created = await createOrder(ctx.server, alice.accessToken);
    await stream.waitFor(() => stream.events.length >= 1, 'order.created');
    await stream.waitFor(() => stream.comments.some((c) => c.startsWith('heartbeat')), 'a heartbeat');
    const [event] = stream.events;
    assert.is(event?.event, 'order.created');
    assert.match(event?.id ?? '', /^\d+$/);
    const data = JSON.parse(event!.data);
    assert.equal(validate(spec.schema('OrderEvent'), data, spec.document), []);
    assert.is(data.orderId, created.body.id);
    assert.is(stream.events.length, 1);
    await stream.close();
  });

  s('Last-Event-ID replays the missed events before live ones', async () => {
    const { accessToken } = await login(ctx.server);
    const first = await openEvents(ctx.server, accessToken);
    const created = await createOrder(ctx.server, accessToken);
    await first.waitFor(() => first.events.length === 1, 'first event');
    const lastId = first.events[0]!.id!;
    await first.close();

    await call(ctx.server, 'PATCH', `/orders/${created.body.id}`, { token: accessToken, json: { note: 'missed' } });
    await call(ctx.server, 'DELETE', `/orders/${created.body.id}`, { token: accessToken });
    const second = await openEvents(ctx.server, accessToken, lastId);
    await second.waitFor(() => second.events.length === 2, 'replayed events');
    const live = await createOrder(ctx.server, accessToken);
    await second.waitFor(() => second.events.length === 3, 'live event');
    assert.equal(second.events.map((e) => e.event), ['order.updated', 'order.deleted', 'order.created']);
    assert.is(JSON.parse(second.events[2]!.data).orderId, live.body.id);
    const ids = second.events.map((e) => Number(e.id));
    assert.ok(ids.every((id, i) => id > Number(lastId) && (i === 0 || id > ids[i - 1]!)), 'ids increase');
    await second.close();
  });

  s('requires a token', async () => {
    const r = await call(ctx.server, 'GET', '/events');
    assert.is(r.status, 401);
  });

  s.run();
}
