/**
 * Per-attempt deadline. Most fetch timeouts stop at the response headers, which is exactly
 * where a flaky mobile link stalls: headers arrive, then the body trickles or stops. So the
 * timer keeps running until the body has been read to the end, and a stalled read rejects
 * with TIMEOUT. For streamed responses (SSE) the deadline is an idle timeout instead: it
 * restarts on every chunk, so a live stream may run as long as it keeps talking.
 *
 * The caller's abort ends the attempt at once with CANCELLED, even if the transport ignores
 * signals. We use one AbortController, one abort listener and one setTimeout rather than
 * AbortSignal.any/AbortSignal.timeout: Hermes (React Native) lacks both, a timeout signal's
 * timer cannot be cleared, and neither covers the body. Everything is released when the body
 * ends, errors or is cancelled, so a finished call leaves no timer behind.
 */
import { createNetworkError } from '../errors/create-network-error.js';
import type { NetworkError } from '../errors/network-error.js';
import type { FetchLike, Middleware, RequestContext } from './types.js';

/** Timer functions, injectable so tests and hosts can substitute their own clock. */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Options for the timeout layer; the duration itself comes per call from the context. */
export interface TimeoutOptions {
  /** Defaults to the global timers, looked up per attempt (never captured at import). */
  readonly timers?: Timers | undefined;
}

// Responses that cannot carry a body; wrapping them in a new Response would throw.
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

const noop = () => {};

/** Middleware enforcing `context.options.timeoutMs` per attempt, body read included. */
export function timeout(options: TimeoutOptions = {}): Middleware {
  return (next) => (request, context) => runAttempt(next, request, context, options.timers ?? globalTimers());
}

function globalTimers(): Timers {
  return {
    setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
    clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

async function runAttempt(next: FetchLike, request: Request, context: RequestContext, timers: Timers): Promise<Response> {
  const { timeoutMs } = context.options;
  const caller = context.signal;
  // Once headers are in, errors also report the status and request id we already know.
  let response: Response | undefined;
  const failWith = (reason: 'timeout' | 'cancelled', cause?: unknown) =>
    createNetworkError({
      method: request.method,
      url: request.url,
      attempts: context.stats.attempts,
      response,
      reason,
      cause,
      timeoutMs,
      requestId: context.stats.requestId,
    });
  if (caller?.aborted) throw failWith('cancelled', caller.reason);

  const controller = new AbortController();
  // Whoever is waiting on this attempt (the headers promise, then the body stream).
  const onFailure: Array<(error: NetworkError) => void> = [];
  let failure: NetworkError | undefined;
  let timer: unknown;

  const release = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
    caller?.removeEventListener('abort', onCallerAbort);
  };
  const fail = (error: NetworkError) => {
    if (failure) return;
    failure = error;
    release();
    controller.abort(error);
    for (const listener of onFailure) listener(error);
  };
  const onCallerAbort = () => fail(failWith('cancelled', caller?.reason));
  const arm = () => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => fail(failWith('timeout')), timeoutMs);
  };

  caller?.addEventListener('abort', onCallerAbort, { once: true });
  arm();

  try {
    response = await new Promise<Response>((resolve, reject) => {
      onFailure.push(reject);
      next(new Request(request, { signal: controller.signal }), context).then((r) => {
        // A transport that ignored our abort answered late: nobody will read this body.
        if (failure) discard(r);
        resolve(r);
      }, reject);
    });
  } catch (error) {
    release();
    throw failure ?? error;
  }
  if (failure) {
    discard(response);
    throw failure;
  }

  // Nothing left to time. React Native's fetch has no `body` (it buffers the whole response
  // before resolving), so there the headers phase already covered the download.
  const body = response.body;
  if (
    !body ||
    NULL_BODY_STATUSES.has(response.status) ||
    request.method === 'HEAD' ||
    response.headers.get('content-length') === '0'
  ) {
    release();
    return response;
  }

  const idle = context.meta.responseKind === 'stream';
  const reader = body.getReader();
  const timed = new ReadableStream<Uint8Array>({
    start(stream) {
      onFailure.push((error) => {
        stream.error(error);
        reader.cancel(error).catch(noop);
      });
    },
    async pull(stream) {
      // Derived, not named: ReadableStreamReadResult exists only in lib DOM, not in @types/node.
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (failure) return; // already errored with TIMEOUT/CANCELLED by fail()
        release();
        stream.error(error);
        return;
      }
      if (failure) return;
      if (chunk.done) {
        release();
        stream.close();
        return;
      }
      if (idle) arm();
      stream.enqueue(chunk.value);
    },
    cancel(reason) {
      release();
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
