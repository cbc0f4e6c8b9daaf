/**
 * The event-stream loop: open a connection, decode events as they arrive, and when the
 * connection ends or drops, wait and open the next one from the last event id, so the app
 * sees every event once, in order, across reconnects (the server replays after Last-Event-ID).
 * One AbortController per stream ends everything: the app's signal, `close()` and a `break`
 * out of `for await` all abort the open connection and any wait, and the iteration finishes
 * without an error. Permanent failures end it with their NetworkError (reconnect-policy.ts).
 * With connectivity/foreground adapters (wake.ts), an offline device makes no attempts (and
 * none counts toward maxAttempts), going offline cuts the open connection at once (offline-cut.ts:
 * it is most likely dead), and coming back online or to the front ends a backoff wait at once.
 * In the background an open connection is left alone: the OS decides when to cut it, and the
 * next return to the front reconnects without waiting (docs/sse.md). Every connection has an
 * idle timeout, whatever the mode: the timeout layer's for streamed bodies, the stream's own
 * for XHR and buffered polls (idle-watch.ts).
 */
import { abortableSleep, type Clock } from '../../platform/clock.js';
import { NetworkError, NetworkErrorType, isNetworkError } from '../../errors/network-error.js';
import { createNetworkError } from '../../errors/create-network-error.js';
import { createEventDecoder, EventTooLargeError, type RawEvent } from './parse.js';
import { isTransient, reconnectDelay, type ResolvedReconnect } from './reconnect-policy.js';
import { readBody } from './body-chunks.js';
import { isReadFailure } from './read-failure.js';
import { hasXhr, XHR_MAX_EVENT_CHARS } from './xhr-fetch.js';
import { untilOnline, wakeOnReturn, type StreamSignals } from './wake.js';
import { cutWhenOffline } from './offline-cut.js';
import type { EventStream, ServerSentEvent, StreamMode } from './types.js';

/** What the loop needs from the SDK: how to open one connection and how to type one event. */
export interface StreamDriver<Data> {
  /** Sends the request through the SDK's pipeline; resolves with the 2xx Response, rejects with a NetworkError. */
  open(lastEventId: string | undefined, mode: StreamMode, signal: AbortSignal): Promise<Response>;
  /** Parses and checks one event's data; throws a NetworkError for a bad one (strict validation). */
  parse(event: RawEvent): ServerSentEvent<Data> | Promise<ServerSentEvent<Data>>;
  readonly clock: Clock;
  /** For the error a dropped connection becomes: which request it was. */
  readonly method: string;
  readonly url: string;
}

/** The stream's settings, already validated. */
export interface StreamSettings {
  readonly mode: StreamMode;
  readonly lastEventId: string | undefined;
  readonly reconnect: ResolvedReconnect;
  readonly signal: AbortSignal | undefined;
  /** The call's `timeoutMs`: how long a connection may stay silent (heartbeats count) before it is cut. */
  readonly idleTimeoutMs: number;
  /** The call's `maxResponseBytes`, for one event (a stream's whole answer never ends); counted in characters. */
  readonly maxEventBytes?: number | undefined;
  /** Connectivity and foreground (the stream's own, else the SDK's); both optional. */
  readonly signals?: StreamSignals | undefined;
}

// An empty connection shorter than this is a server ending streams at once, not a quiet stream.
const QUICK_END_MS = 1_000;

/** Starts nothing until iterated; each iteration of the returned stream drives one loop. */
export function createEventStream<Data>(driver: StreamDriver<Data>, settings: StreamSettings): EventStream<Data> {
  const stop = new AbortController();
  const onAppAbort = () => stop.abort();
  let mode = settings.mode;
  let lastEventId = settings.lastEventId;
  let connections = 0;
  let started = false;

  async function* run(): AsyncGenerator<ServerSentEvent<Data>, void, undefined> {
    if (settings.signal?.aborted) return;
    settings.signal?.addEventListener('abort', onAppAbort, { once: true });
    let retryMs = settings.reconnect.initialDelayMs;
    let failures = 0;
    // Connections in a row that opened, then ended within QUICK_END_MS without one event.
    let empty = 0;
    const connectivity = settings.signals?.connectivity;
    const online = () => connectivity?.isOnline() ?? true;
    try {
      while (!stop.signal.aborted) {
        // Offline: no attempt (it could only fail, and would burn an attempt and a wake-up).
        await untilOnline(connectivity, stop.signal);
        if (stop.signal.aborted) return;
        const connection = new AbortController();
        const cut = () => connection.abort();
        stop.signal.addEventListener('abort', cut, { once: true });
        const offline = cutWhenOffline(connectivity, connection);
        let retryAfterMs: number | undefined;
        let openedAt: number | undefined;
        let delivered = false;
        try {
          connections += 1;
          const response = await driver.open(lastEventId, mode, connection.signal);
          failures = 0;
          openedAt = driver.clock.now();
          // 204: the server asks the client to stop reconnecting (as EventSource does).
          if (response.status === 204) return;
          if (mode === 'fetch' && !response.body) {
            // This platform's fetch buffers bodies (React Native): switch, and reconnect at once.
            mode = hasXhr() ? 'xhr' : 'poll';
            connection.abort();
            continue;
          }
          const events: RawEvent[] = [];
          const decoder = createEventDecoder({ onEvent: (event) => events.push(event), onRetry: (ms) => (retryMs = ms) }, lastEventId, maxEventChars(mode, settings.maxEventBytes));
          const idle = {
            ms: settings.idleTimeoutMs,
            error: () => createNetworkError({ method: driver.method, url: driver.url, response, reason: 'timeout', timeoutMs: settings.idleTimeoutMs }),
          };
          for await (const chunk of readBody(response, mode, connection, idle)) {
            if (typeof chunk === 'string') decoder.feedText(chunk);
            else decoder.feedBytes(chunk);
            while (events.length > 0) {
              const event = await parseEvent(driver, events.shift()!);
              lastEventId = event.id;
              delivered = true;
              yield event;
            }
          }
          // Ended normally: reconnect after the server's retry (SSE semantics).
        } catch (error) {
          if (stop.signal.aborted) return;
          // Cut by us for going offline: not a failure, nothing to surface (the top waits for the network).
          if (offline.cut) continue;
          const failure = asNetworkError(error, driver);
          // A bad event (strict validation) or a permanent refusal ends the stream.
          if (!isTransient(failure)) throw failure;
          // A connection that opened and then dropped counts as no failure (like a normal end).
          if (!isReadFailure(error)) {
            // A failure while the device is offline says nothing about the server: not counted.
            if (online()) failures += 1;
            if (failures >= settings.reconnect.maxAttempts) throw failure;
            retryAfterMs = failure.retryAfterMs;
          }
        } finally {
          offline.dispose();
          stop.signal.removeEventListener('abort', cut);
          connection.abort();
        }
        // Cut for going offline after the body had ended anyway: straight back to the top too.
        if (offline.cut) continue;
        // Gone offline meanwhile: the loop's top waits for the network, then connects at once.
        if (!online()) continue;
        // A server (or a buffering proxy) that ends every stream at once with nothing in it would
        // otherwise be asked again every `retry:` ms, 0 included: a hot loop on the battery.
        // Such connections back off like failures, from at least the initial delay.
        if (openedAt !== undefined) empty = !delivered && driver.clock.now() - openedAt < QUICK_END_MS ? empty + 1 : 0;
        const from = empty > 0 ? Math.max(retryMs, settings.reconnect.initialDelayMs) : retryMs;
        const wait = reconnectDelay(settings.reconnect, from, Math.max(0, failures - 1, empty - 1), driver.clock.random(), retryAfterMs);
        // A server's Retry-After is not shortened by the network coming back (it is about the
        // server); a backoff is, since it mostly waited for the network.
        const wake = retryAfterMs === undefined && settings.signals ? wakeOnReturn(stop.signal, settings.signals) : undefined;
        const during = wake?.signal ?? stop.signal;
        try {
          await abortableSleep(driver.clock, wait, during, () => during.reason);
        } catch {
          // Ended by the app (close, break, signal): done. Woken: reconnect now.
          if (stop.signal.aborted || !wake?.woken) return;
        } finally {
          wake?.dispose();
        }
      }
    } finally {
      settings.signal?.removeEventListener('abort', onAppAbort);
      stop.abort();
    }
  }

  return {
    get mode() {
      return mode;
    },
    get lastEventId() {
      return lastEventId;
    },
    get connections() {
      return connections;
    },
    close: () => stop.abort(),
    [Symbol.asyncIterator]() {
      // One loop per stream: a second iteration would open a second connection and split events.
      if (started) throw new TypeError('Tether: an event stream can be iterated once; call the method again for another stream');
      started = true;
      return run();
    },
  };
}

/**
 * One event through the driver. A parse that throws something other than a NetworkError is a
 * bug or a poison event, never a connection problem: as UNKNOWN it ends the stream, where the
 * loop's catch would have called it CONNECTION and reconnected to the same event forever.
 */
async function parseEvent<Data>(driver: StreamDriver<Data>, raw: RawEvent): Promise<ServerSentEvent<Data>> {
  try {
    return await driver.parse(raw);
  } catch (error) {
    if (isNetworkError(error)) throw error;
    throw new NetworkError({ type: NetworkErrorType.UNKNOWN, summary: `Event ${raw.id ?? '(no id)'} could not be read`, method: driver.method, url: driver.url, source: 'server', cause: error });
  }
}

/** One event's bound in `mode`: the stream's, and in XHR mode at most what a renewed connection can hold whole. */
function maxEventChars(mode: StreamMode, limit: number | undefined): number | undefined {
  return mode === 'xhr' ? Math.min(limit ?? Number.POSITIVE_INFINITY, XHR_MAX_EVENT_CHARS) : limit;
}

/** A NetworkError as it is; anything else (a transport's TypeError mid-body) a CONNECTION one. */
function asNetworkError(error: unknown, driver: { method: string; url: string }): NetworkError {
  if (isNetworkError(error)) return error;
  // The server would send the same event again after a reconnect: it ends the stream.
  if (error instanceof EventTooLargeError) return new NetworkError({ type: NetworkErrorType.UNKNOWN, summary: `${error.message} (maxResponseBytes bounds one event)`, method: driver.method, url: driver.url, source: 'server', cause: error });
  return new NetworkError({ type: NetworkErrorType.CONNECTION, summary: 'Event stream connection lost', method: driver.method, url: driver.url, cause: error });
}
