/**
 * The page's live order feed: sdk.events.streamEvents iterated in the background, as an app
 * renders it, with what arrived kept for the suite to read.
 */
import { isNetworkError, type EventStream, type Sdk } from '../../../generated/v1/index.js';
import type { StreamEventSeen, StreamState } from './api.js';

/**
 * Reconnect quickly: the browser gives the stream no signal when the network returns, so the
 * backoff's cap is how long a resumed feed may lag behind. A second is what a live screen
 * tolerates; the SDK's own default (30 s) suits a battery-bound phone in the background.
 */
const RECONNECT = { maxDelayMs: 1000 } as const;

/** The stream's controls and its state. */
export interface PageStream {
  open(): void;
  state(): StreamState;
  close(): void;
}

/** A feed over `sdk`'s event stream; `open` starts it (again after `close`). */
export function pageStream(sdk: Sdk): PageStream {
  let stream: EventStream<{ orderId: string }> | undefined;
  const events: StreamEventSeen[] = [];
  let error: string | undefined;
  let ended = false;

  async function consume(live: EventStream<{ orderId: string }>): Promise<void> {
    try {
      for await (const message of live) events.push({ id: message.id, event: message.event, orderId: message.data.orderId });
    } catch (failure) {
      error = isNetworkError(failure) ? failure.type : failure instanceof Error ? failure.name : String(failure);
    } finally {
      ended = true;
    }
  }

  return {
    open() {
      if (stream && !ended) return;
      ended = false;
      error = undefined;
      stream = sdk.events.streamEvents(undefined, { reconnect: RECONNECT });
      void consume(stream);
    },
    state: () => ({ events: [...events], connections: stream?.connections ?? 0, lastEventId: stream?.lastEventId, error, ended }),
    close() {
      stream?.close();
    },
  };
}
