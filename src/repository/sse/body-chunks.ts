/**
 * One connection's body as chunks, whichever way the platform delivers it: bytes from a
 * streamed fetch body, text deltas from XHR progress events, or the whole text of a buffered
 * response (polling). Every error raised while reading is marked as a read failure, so the
 * loop knows the connection had opened (a drop, not a refused connection).
 *
 * A streamed body is idle-timed by the timeout layer; the other two have no body it could
 * wrap, so they are timed here (idle-watch.ts): no text for `idle.ms` and the connection is
 * cut with `idle.error()`.
 */
import { untilAborted } from '../../platform/until-aborted.js';
import { markReadFailure } from './read-failure.js';
import { watchIdle } from './idle-watch.js';
import { xhrTextOf } from './xhr-fetch.js';
import type { StreamMode } from './types.js';

/** The idle timeout of a connection: its length, and the error a silent connection ends with. */
export interface IdleLimit {
  readonly ms: number;
  error(): unknown;
}

/** Yields the body of `response` as it arrives; stops (releasing the connection) when the consumer stops. */
export async function* readBody(response: Response, mode: StreamMode, connection: AbortController, idle: IdleLimit): AsyncGenerator<Uint8Array | string, void, undefined> {
  const signal = connection.signal;
  const body = response.body;
  if (body) {
    const reader = body.getReader();
    let done = false;
    try {
      for (;;) {
        let chunk: Awaited<ReturnType<typeof reader.read>>;
        try {
          chunk = await reader.read();
        } catch (error) {
          throw markReadFailure(error);
        }
        if (chunk.done) {
          done = true;
          return;
        }
        yield chunk.value;
      }
    } finally {
      // Stopped early (break, a bad event, close()): release the connection now.
      if (!done) reader.cancel().catch(() => {});
    }
  }
  // Kept here, not only as the abort reason: React Native's AbortController polyfill drops reasons.
  let silent: unknown;
  const watch = watchIdle(idle.ms, () => {
    silent = idle.error();
    connection.abort(silent);
  });
  try {
    const xhr = mode === 'xhr' ? xhrTextOf(response) : undefined;
    if (xhr) {
      // Every piece of text restarts the timer as it arrives, not when the app takes it: an
      // app slow with one event is not a silent connection.
      const read = (push: (text: string) => void) =>
        xhr.read((text) => {
          watch.touch();
          push(text);
        });
      yield* channel(read, signal);
      return;
    }
    // Polling (or a buffered body in any mode): the whole text once the server ends it, which
    // must come within the idle timeout (docs/sse.md: keep pollWaitSeconds below timeoutMs).
    yield await untilAborted(response.text(), signal, () => signal.reason);
  } catch (error) {
    throw markReadFailure(silent ?? error);
  } finally {
    watch.stop();
  }
}

/** Turns a push source (`start(push)` settling when it ends) into an async generator. */
async function* channel(start: (push: (text: string) => void) => Promise<void>, signal: AbortSignal): AsyncGenerator<string, void, undefined> {
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  let outcome: { error?: unknown } | undefined;
  const ping = () => {
    wake?.();
    wake = undefined;
  };
  start((text) => {
    queue.push(text);
    ping();
  }).then(
    () => {
      outcome = {};
      ping();
    },
    (error: unknown) => {
      outcome = { error };
      ping();
    },
  );
  const onAbort = () => {
    outcome ??= { error: signal.reason };
    ping();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (outcome) {
        if ('error' in outcome) throw markReadFailure(outcome.error);
        return;
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
