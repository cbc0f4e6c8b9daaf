/**
 * The SSE row of section 11: what an open event stream (sdk.events.streamEvents) costs over an
 * idle hour with test/server's heartbeat comment at its default 15 s. The server's timers run
 * on the same hand-moved scheduler as the polling and WebSocket rows (ServerOptions.timers), so
 * the hour passes in a few seconds and every heartbeat is sent and read over real loopback.
 * Bytes are HTTP/1.1 as in sync.ts, plus the chunked transfer framing of each body chunk (the
 * stream has no Content-Length); wake-ups are the connect plus every body chunk the app read.
 */
import { startServer } from '../../../test/server/index.js';
import type { Timers } from '../../../test/server/timers.js';
import { createSdk, memoryTokenStore } from '../../../generated/v1/index.js';
import type { Scheduler } from '../../../src/repository/sync/index.js';
import { headerBytes, simulatedTime, type Cost } from './sync.js';

const HOUR = 3_600_000;

/** Server timers on a hand-moved scheduler (the bench's simulated hour). */
function simulatedTimers(scheduler: Scheduler): Timers {
  const live = new Map<object, () => void>();
  const track = (cancel: () => void) => {
    const key = {};
    live.set(key, cancel);
    return key;
  };
  const cancelOf = (key: object) => () => {
    const cancel = live.get(key);
    live.delete(key);
    cancel?.();
  };
  return {
    after(ms, fn) {
      let key: object;
      const handle = scheduler.setTimeout(() => {
        live.delete(key);
        fn();
      }, ms);
      key = track(() => scheduler.clearTimeout(handle));
      return cancelOf(key);
    },
    every(ms, fn) {
      let handle: unknown;
      const arm = () => {
        handle = scheduler.setTimeout(() => {
          arm();
          fn();
        }, ms);
      };
      arm();
      return cancelOf(track(() => scheduler.clearTimeout(handle)));
    },
    sleep(ms) {
      return new Promise<boolean>((resolve) => {
        let key: object;
        const handle = scheduler.setTimeout(() => {
          live.delete(key);
          resolve(true);
        }, ms);
        key = track(() => {
          scheduler.clearTimeout(handle);
          resolve(false);
        });
      });
    },
    get size() {
      return live.size;
    },
    clearAll() {
      for (const key of [...live.keys()]) cancelOf(key)();
    },
  };
}

/** A fetch that counts HTTP/1.1 bytes both ways without buffering the body (it is a stream). */
function streamCountingFetch(cost: Cost, onChunk: () => void): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    cost.requests++;
    cost.bytesUp += `${request.method} ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n`.length + headerBytes(request.headers) + 2;
    const response = await fetch(request);
    cost.bytesDown += `HTTP/1.1 ${response.status} ${response.statusText}\r\n`.length + headerBytes(response.headers) + 2;
    if (!response.body) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          // Chunked transfer coding: hex size, CRLF, the data, CRLF.
          cost.bytesDown += chunk.byteLength.toString(16).length + 4 + chunk.byteLength;
          onChunk();
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** One idle hour of an open event stream; the server heartbeats every `heartbeatMs` (its default 15 s when undefined). */
export async function sseIdleHour(heartbeatMs?: number): Promise<Cost> {
  const cost: Cost = { requests: 0, bytesUp: 0, bytesDown: 0, wakeups: 0 };
  let chunks = 0;
  let fired = 0;
  let firedAt = 0;
  // Between simulated heartbeats, wait (real time, bounded) until the client has read what was sent.
  const time = simulatedTime(() => chunks - 1 < fired && Date.now() - firedAt < 1_000);
  const server = await startServer({ seedOrders: 20, timers: simulatedTimers(time.scheduler), ...(heartbeatMs === undefined ? {} : { sseHeartbeatMs: heartbeatMs }) });
  try {
    const sdk = createSdk({
      baseUrl: server.url, auth: { tokenStore: memoryTokenStore(server.tokens.issue('alice@example.com')) }, logLevel: 'off',
      fetch: streamCountingFetch(cost, () => chunks++),
    });
    const stream = sdk.events.streamEvents();
    const reading = (async () => {
      for await (const _ of stream) throw new Error('an idle hour delivered an event');
    })();
    const deadline = Date.now() + 5_000;
    while (chunks === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    if (chunks === 0) throw new Error('the event stream did not open');
    await time.run(HOUR, () => {
      fired++;
      firedAt = Date.now();
    });
    await time.settle();
    stream.close();
    await reading;
    if (stream.connections !== 1) throw new Error(`the stream reconnected during the idle hour (${stream.connections} connections)`);
    // The connect, then one wake per chunk after the first (the `retry:` line and `: connected`).
    cost.wakeups = 1 + (chunks - 1);
    return cost;
  } finally {
    await server.close();
  }
}
