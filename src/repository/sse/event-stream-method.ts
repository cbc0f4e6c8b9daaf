/**
 * Binds a `text/event-stream` operation to an SDK's call path: each connection is one ordinary
 * call (auth header, refresh and replay on 401, https guard, idle timeout, logging), with the
 * stream's own retry policy instead of the call's (retry: false), the Last-Event-ID to resume
 * from, and, in XHR mode, an XHR transport for that call only. Each event's data is parsed as
 * JSON and checked against the spec's schema per `validate`, when the spec gives one.
 */
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';
import type { ValidationIssue } from '../../errors/field-errors.js';
import type { Clock } from '../../platform/clock.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import type { Logger } from '../../network/types.js';
import type { OperationMeta } from '../../contract/operation.js';
import { RESPONSE_SINK, STREAM_FETCH, type ResponseSink } from '../../service/call.js';
import { isThenable, issuesOf, resolveValidateMode, type ValidateMode } from '../../service/validate.js';
import type { CallOptions } from '../../service/options.js';
import { resolveByteLimit, resolveTimeout } from '../../network/option-checks.js';
import { createEventStream } from './event-stream.js';
import { resolveReconnect } from './reconnect-policy.js';
import { xhrFetch, hasXhr } from './xhr-fetch.js';
import { checkSignals } from './wake.js';
import type { RawEvent } from './parse.js';
import type { EventStream, EventStreamOptions, ServerSentEvent, StreamMode } from './types.js';

/** Runs one call of the operation through the SDK's call path. */
export type StreamRun = (init: unknown, options: CallOptions | undefined) => Promise<unknown>;

/** What the SDK lends a stream: its clock, log, base URL and default validate mode. */
export interface StreamHost {
  readonly clock: Clock;
  readonly log: Logger;
  readonly baseUrl: string;
  readonly validate: ValidateMode;
  /** The SDK's `timeoutMs`: a stream's idle timeout unless the stream's options give their own. */
  readonly timeoutMs: number;
  /** The SDK's `maxResponseBytes`: the largest one event may be unless the stream's options give their own [no bound when absent]. */
  readonly maxResponseBytes?: number | undefined;
  /** The SDK's `connectivity` and `foreground` options, which a stream follows unless given its own. */
  readonly connectivity?: Connectivity | undefined;
  readonly foreground?: Foreground | undefined;
}

interface StreamInit {
  readonly params?: { readonly header?: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;
  readonly headers?: ConstructorParameters<typeof Headers>[0];
}

// Under the SDK's default 30 s timeout, which covers a buffered poll's whole answer.
const POLL_WAIT_SECONDS = 25;

/** Opens a typed event stream of `meta` (nothing is sent until it is iterated). */
export function openEventStream<Data>(meta: OperationMeta, run: StreamRun, host: StreamHost, rawInit: unknown, options: EventStreamOptions | undefined): EventStream<Data> {
  const schema = meta.schemas.event;
  const init = (rawInit ?? {}) as StreamInit;
  const validate = resolveValidateMode(options?.validate, host.validate);
  const pollWait = options?.pollWaitSeconds ?? POLL_WAIT_SECONDS;
  if (typeof pollWait !== 'number' || !Number.isInteger(pollWait) || pollWait < 0) throw new TypeError('Tether: pollWaitSeconds must be an integer >= 0');
  const { header, lastEventId: declared } = withoutLastEventId(init.params?.header);
  const url = `${host.baseUrl}${meta.path}`;
  const method = meta.method.toUpperCase();
  const { signal, lastEventId, mode, reconnect, pollWaitSeconds: _wait, connectivity, foreground, ...callOptions } = options ?? {};
  // The idle timeout of every connection, in every mode (the call runner checks it again per call).
  const idleTimeoutMs = resolveTimeout(callOptions.timeoutMs, 'options.timeoutMs') ?? host.timeoutMs;
  // A stream's answer never ends: the response limit bounds each event instead.
  const maxEventBytes = resolveByteLimit(callOptions.maxResponseBytes, 'options.maxResponseBytes') ?? host.maxResponseBytes;
  // The stream's own adapters win over the SDK's, each on its own.
  const signals = checkSignals(connectivity ?? host.connectivity, foreground ?? host.foreground);

  const open = async (resumeFrom: string | undefined, current: StreamMode, connection: AbortSignal): Promise<Response> => {
    const headers = new Headers(init.headers);
    if (resumeFrom !== undefined) {
      try {
        headers.set('last-event-id', resumeFrom);
      } catch (error) {
        // An id with characters a header cannot carry (beyond Latin-1): asking again would
        // fail the same way forever, so the stream ends, naming the server's id as the cause.
        throw new NetworkError({ type: NetworkErrorType.UNKNOWN, summary: `Event id from the server cannot be sent back as Last-Event-ID`, method, url, source: 'server', cause: error });
      }
    }
    // Polling needs an answer that ends: RFC 7240's "respond within N s" (docs/sse.md).
    if (current === 'poll') headers.set('prefer', `wait=${pollWait}`);
    let response: Response | undefined;
    const sink: ResponseSink = (r) => (response = r);
    await run(
      { ...init, params: { ...init.params, header }, headers },
      {
        ...callOptions,
        signal: connection,
        retry: false,
        cache: false,
        [RESPONSE_SINK]: sink,
        ...(current === 'xhr' ? { [STREAM_FETCH]: xhrFetch(undefined, connection) } : {}),
      } as CallOptions,
    );
    return response!;
  };

  const parse = (raw: RawEvent): ServerSentEvent<Data> | Promise<ServerSentEvent<Data>> => {
    if (schema === undefined) return raw as unknown as ServerSentEvent<Data>;
    let data: unknown;
    try {
      data = JSON.parse(raw.data);
    } catch (error) {
      throw badEvent(`Event ${raw.id ?? '(no id)'} of ${meta.id} is not valid JSON`, raw, undefined, error);
    }
    const event = { id: raw.id, event: raw.event, data } as ServerSentEvent<Data>;
    if (validate === 'off') return event;
    // A validator that throws (data nested deeper than the stack, against a recursive schema).
    const unvalidated = (error: unknown) => badEvent(`Event ${raw.id ?? '(no id)'} of ${meta.id} could not be validated (nested too deeply?)`, raw, undefined, error);
    let found: ReturnType<typeof issuesOf>;
    try {
      found = issuesOf(schema, data);
    } catch (error) {
      throw unvalidated(error);
    }
    const settle = (issues: ValidationIssue[] | undefined) => {
      if (!issues) return event;
      const what = `Event ${raw.id ?? '(no id)'} of ${meta.id} does not match the spec`;
      if (validate === 'strict') throw badEvent(what, raw, issues);
      host.log.warn(`${what}; passing it through`);
      return event;
    };
    return isThenable(found)
      ? found.then(settle, (error: unknown) => {
          throw unvalidated(error);
        })
      : settle(found);
  };

  const badEvent = (summary: string, raw: RawEvent, issues: ValidationIssue[] | undefined, cause?: unknown) =>
    new NetworkError({ type: NetworkErrorType.UNKNOWN, summary, method, url, data: raw.data, issues, source: 'server', cause });

  return createEventStream<Data>(
    { open, parse, clock: host.clock, method, url },
    {
      mode: mode === undefined || mode === 'auto' ? platformMode() : checkMode(mode),
      lastEventId: lastEventId ?? declared,
      reconnect: resolveReconnect(reconnect),
      signal,
      signals,
      idleTimeoutMs,
      maxEventBytes,
    },
  );
}

/** Fetch where bodies stream, else XHR, else polling; looked up per stream, so polyfills count. */
function platformMode(): StreamMode {
  const g = globalThis as { ReadableStream?: unknown; Response?: { prototype?: object } };
  const streams = typeof g.ReadableStream === 'function' && g.Response?.prototype !== undefined && 'body' in g.Response.prototype;
  if (streams) return 'fetch';
  return hasXhr() ? 'xhr' : 'poll';
}

function checkMode(mode: unknown): StreamMode {
  if (mode === 'fetch' || mode === 'xhr' || mode === 'poll') return mode;
  throw new TypeError("Tether: mode must be 'auto', 'fetch', 'xhr' or 'poll'");
}

/** The header parameters without Last-Event-ID (the stream sends its own), and the id they held. */
function withoutLastEventId(header: Readonly<Record<string, unknown>> | undefined): { header: Record<string, unknown> | undefined; lastEventId: string | undefined } {
  if (header === undefined) return { header, lastEventId: undefined };
  const out: Record<string, unknown> = {};
  let lastEventId: string | undefined;
  for (const [name, value] of Object.entries(header)) {
    if (name.toLowerCase() === 'last-event-id') lastEventId = value === undefined ? undefined : String(value);
    else out[name] = value;
  }
  return { header: out, lastEventId };
}
