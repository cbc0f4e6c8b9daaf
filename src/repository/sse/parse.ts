/**
 * The text/event-stream decoder: bytes or text in, dispatched events out. Line parsing is
 * eventsource-parser's (bundled into the runtime; it handles CRLF/CR/LF line ends split across
 * chunks, comments, multi-line data, `retry:` and ids containing NUL, which it ignores as the
 * spec says). Around it this file adds what the spec puts outside the line parser:
 *   - UTF-8 decoding across chunk boundaries, with one leading BOM dropped (TextDecoder's
 *     streaming mode; eventsource-parser only drops a BOM read as Latin-1 bytes);
 *   - the last event id persisting across events that carry no `id:` line, and an empty
 *     `id:` resetting it (EventSource's "last event ID buffer"; the parser reports per event).
 *   - a bound on one event's size (`maxEventChars`): a server that never ends a line or an
 *     event would otherwise grow the buffered text without end (EventTooLargeError).
 * A limitation kept from eventsource-parser: a block with an `id:` but no `data:` is not
 * dispatched, and its id is not seen either.
 */
import { createParser } from 'eventsource-parser';

/** One dispatched event before its data is parsed. */
export interface RawEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: string;
}

/** What the decoder reports as it reads. */
export interface DecoderHandlers {
  onEvent(event: RawEvent): void;
  /** The server's `retry:` field, in ms. */
  onRetry(ms: number): void;
}

/** Thrown by a decoder fed more than `maxEventChars` without an event ending. */
export class EventTooLargeError extends Error {
  override readonly name = 'EventTooLargeError';
  constructor(readonly limit: number) {
    super(`An event went on past ${limit} characters without ending`);
  }
}

/** A stateful decoder for one connection's body. */
export interface EventDecoder {
  /** Feeds a chunk of bytes (fetch bodies). */
  feedBytes(bytes: Uint8Array): void;
  /** Feeds already-decoded text (XHR's responseText deltas). */
  feedText(text: string): void;
  /** The id the next connection should resume from. */
  readonly lastEventId: string | undefined;
}

/**
 * Creates a decoder for one connection; `lastEventId` is the id the stream resumed from. Feeding
 * throws EventTooLargeError once more than `maxEventChars` arrived since the last event (counted
 * per chunk, so the bound is exceeded by at most one chunk).
 */
export function createEventDecoder(handlers: DecoderHandlers, lastEventId: string | undefined, maxEventChars = Number.POSITIVE_INFINITY): EventDecoder {
  let last = lastEventId;
  let first = true;
  let pending = 0;
  const parser = createParser({
    onEvent(message) {
      pending = 0;
      // undefined: no `id:` line in this block, so the previous id still stands.
      if (message.id !== undefined) last = message.id === '' ? undefined : message.id;
      handlers.onEvent({ id: last, event: message.event ?? 'message', data: message.data });
    },
    onRetry: (ms) => handlers.onRetry(ms),
    // Unknown fields and bad `retry:` values are ignored, as the spec says; nothing to report.
    onError: () => {},
  });
  const feed = (text: string) => {
    // Counted before: an event this chunk ends resets the count (the rest of the chunk is then
    // not counted, which errs on the generous side by at most one chunk).
    pending += text.length;
    parser.feed(text);
    if (pending > maxEventChars) throw new EventTooLargeError(maxEventChars);
  };
  // Made on first use (hosts may install a TextDecoder polyfill after loading the SDK).
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  const feedText = (text: string) => {
    // The first character only: a BOM later in the stream is data.
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.length > 0) feed(text);
  };
  return {
    feedBytes(bytes) {
      decoder ??= new TextDecoder('utf-8');
      // TextDecoder drops the leading BOM itself (even split across chunks); `stream` keeps a
      // split code point for the next chunk. A second U+FEFF is data, so ours is skipped.
      first = false;
      const text = decoder.decode(bytes, { stream: true });
      if (text.length > 0) feed(text);
    },
    feedText,
    get lastEventId() {
      return last;
    },
  };
}
