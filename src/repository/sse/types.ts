/**
 * The public shapes of server-sent event streams: what one event looks like, the stream an
 * app iterates, and the options of one stream. Operations whose success response is
 * `text/event-stream` are generated as EventStreamMethods (docs/sse.md).
 */
import type { CallOptions } from '../../service/options.js';
import type { OperationArgs, OperationMeta } from '../../contract/operation.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';

/** One event of a stream, after the `data:` lines are joined (and parsed, for typed streams). */
export interface ServerSentEvent<Data> {
  /**
   * The stream's last event id when this event was dispatched (it persists across events
   * without an `id:` line, as in EventSource); undefined when the server never set one.
   */
  readonly id: string | undefined;
  /** The `event:` name; `'message'` when the server gave none. */
  readonly event: string;
  /** The payload: parsed JSON checked against the spec's schema, or the raw text when the spec gives none. */
  readonly data: Data;
}

/**
 * How the stream reads the wire. 'fetch': a streamed fetch body (Node, browsers, workers);
 * 'xhr': XMLHttpRequest progress events (React Native, whose fetch buffers whole bodies);
 * 'poll': long polling with buffered requests, for servers that end the response when asked
 * with `Prefer: wait=N` (after the first events, or N seconds).
 */
export type StreamMode = 'fetch' | 'xhr' | 'poll';

/** Reconnection policy of one stream; every field optional, defaults in RECONNECT_DEFAULTS. */
export interface ReconnectOptions {
  /** Wait before reconnecting when the server sent no `retry:` (ms). */
  readonly initialDelayMs?: number | undefined;
  /** No wait, `retry:` or Retry-After included, is longer than this (ms). */
  readonly maxDelayMs?: number | undefined;
  /** Consecutive failed connections before the stream gives up with the last error; default unlimited. */
  readonly maxAttempts?: number | undefined;
}

/** Options of one stream: the call's options (signal, timeoutMs as the idle timeout, validate, …) plus the stream's own. */
export interface EventStreamOptions extends Omit<CallOptions, 'retry' | 'idempotencyKey'> {
  /** Resume after this id (sent as `Last-Event-ID` on the first connection). */
  readonly lastEventId?: string | undefined;
  /** 'auto' (default) picks fetch, else XHR, else polling, and switches when a response has no stream. */
  readonly mode?: StreamMode | 'auto' | undefined;
  readonly reconnect?: ReconnectOptions | undefined;
  /** Polling mode's `Prefer: wait` (seconds the server may hold a poll open); default 25, under the default 30 s timeout. */
  readonly pollWaitSeconds?: number | undefined;
  /** No attempts while offline, an immediate reconnect when back online [the SDK's `connectivity`]. */
  readonly connectivity?: Connectivity | undefined;
  /** An immediate reconnect when the app comes back in front [the SDK's `foreground`]. */
  readonly foreground?: Foreground | undefined;
}

/**
 * A live stream: iterate it with `for await`; `break`, `close()` or the `signal` end it
 * cleanly. It reconnects by itself (resuming from the last id) on dropped connections and
 * 5xx, and ends by throwing the NetworkError of a permanent failure (401 after a failed
 * refresh, 403, 404, other 4xx, a response that is not an event stream).
 */
export interface EventStream<Data> extends AsyncIterable<ServerSentEvent<Data>> {
  /** How the wire is read now (it may change once, when a response turns out to have no stream). */
  readonly mode: StreamMode;
  /** The id to resume from (what the next connection sends as `Last-Event-ID`). */
  readonly lastEventId: string | undefined;
  /** Connections opened so far (1 until the first reconnect). */
  readonly connections: number;
  /** Ends the stream: the open connection is aborted and the iteration finishes without an error. */
  close(): void;
}

/** A generated method of a `text/event-stream` operation: calling it opens a typed stream. */
export interface EventStreamMethod<Op, Data> {
  (...args: OperationArgs<Op, EventStreamOptions>): EventStream<Data>;
  readonly meta: OperationMeta;
}
