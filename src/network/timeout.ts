/**
 * Per-attempt deadline. Most fetch timeouts stop at the response headers, which is exactly
 * where a flaky mobile link stalls: headers arrive, then the body trickles or stops. So the
 * timer keeps running until the body has been read to the end, and a stalled read rejects
 * with TIMEOUT.
 *
 * The body is timed where it is read, not by re-wrapping it: once headers are in, the attempt's
 * deadline is left on the call's stats (`stats.bodyDeadline`, see body-deadline.ts), the
 * reader (service/read-body.ts) lets it cancel the read on failure and releases it at the end, and a
 * layer that throws the response away releases it too. The response passes through untouched.
 * Streamed responses (`responseKind: 'stream'`, SSE) are read by the app, so only they keep a
 * wrapper, and there the deadline is an idle timeout: it restarts on every chunk, so a live
 * stream may run as long as it keeps talking.
 *
 * The caller's abort ends the attempt at once with CANCELLED, even if the transport ignores
 * signals. The timer and listener are released when the body ends, errors or is released, so
 * a finished call leaves no timer behind (attempt-deadline.ts).
 */
import { AttemptDeadline, type Timers } from './attempt-deadline.js';
import type { Attempt, FetchLike, Middleware, RequestContext } from './types.js';

export type { Timers } from './attempt-deadline.js';

/** Options for the timeout layer; the duration itself comes per call from the context. */
export interface TimeoutOptions {
  /** Defaults to the global timers, looked up per attempt (never captured at import). */
  readonly timers?: Timers | undefined;
}

// Responses that cannot carry a body; wrapping them in a new Response would throw.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const noop = () => {};

// Looks the globals up on every call, so fake timers and late polyfills are honoured.
const GLOBAL_TIMERS: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Middleware enforcing `context.options.timeoutMs` per attempt, body read included. */
export function timeout(options: TimeoutOptions = {}): Middleware {
  return (next) => (attempt, context) => runAttempt(next, attempt, context, options.timers ?? GLOBAL_TIMERS);
}

async function runAttempt(next: FetchLike, attempt: Attempt, context: RequestContext, timers: Timers): Promise<Response> {
  // A new attempt means the previous one's response was given up (retry, redirect hop, auth
  // replay); its body timer must not outlive it.
  context.stats.bodyDeadline?.release();
  const caller = context.signal;
  const deadline = new AttemptDeadline(attempt.method, attempt.url, context, timers);
  if (caller?.aborted) {
    deadline.release();
    throw deadline.error('cancelled', caller.reason);
  }

  // The attempt's one signal joins the caller's abort and the timer (and, through the retry
  // layer's cut of timeoutMs, the call's deadline); set in place, no Request is copied.
  attempt.signal = deadline.controller.signal;
  const pending = next(attempt, context);
  let response: Response;
  try {
    response = await deadline.race(pending);
  } catch (error) {
    deadline.release();
    // A transport that ignored our abort may still answer: nobody will read that body.
    if (deadline.failure) pending.then(discard, noop);
    throw deadline.failure ?? error;
  }
  deadline.response = response;

  // Nothing left to time. React Native's fetch has no `body` (it buffers the whole response
  // before resolving), so there the headers phase already covered the download.
  const body = response.body;
  if (
    !body ||
    NULL_BODY_STATUSES.has(response.status) ||
    attempt.method === 'HEAD' ||
    response.headers.get('content-length') === '0'
  ) {
    deadline.release();
    return response;
  }
  if (context.meta.responseKind === 'stream') return idleTimed(response, body, deadline);
  context.stats.bodyDeadline = deadline;
  return response;
}

/**
 * A streamed response the app reads itself: the body is wrapped so each chunk restarts the
 * timer (an idle timeout) and the stream errors with TIMEOUT/CANCELLED when the attempt fails.
 */
function idleTimed(response: Response, body: ReadableStream<Uint8Array>, deadline: AttemptDeadline): Response {
  const reader = body.getReader();
  const timed = new ReadableStream<Uint8Array>({
    start(stream) {
      deadline.onFail = (error) => {
        stream.error(error);
        reader.cancel(error).catch(noop);
      };
    },
    async pull(stream) {
      // Derived, not named: ReadableStreamReadResult exists only in lib DOM, not in @types/node.
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (deadline.failure) return; // already errored with TIMEOUT/CANCELLED by fail()
        deadline.release();
        stream.error(error);
        return;
      }
      if (deadline.failure) return;
      if (chunk.done) {
        deadline.release();
        stream.close();
        return;
      }
      deadline.arm();
      stream.enqueue(chunk.value);
    },
    cancel(reason) {
      deadline.release();
      return reader.cancel(reason);
    },
  });

  const wrapped = new Response(timed, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // A constructed Response has an empty url; keep the real one for errors and logs.
  Object.defineProperties(wrapped, {
    url: { value: response.url },
    redirected: { value: response.redirected },
  });
  return wrapped;
}

/** Releases a response body nobody will read; a failure to cancel it changes nothing. */
function discard(response: Response): void {
  response.body?.cancel().catch(noop);
}
