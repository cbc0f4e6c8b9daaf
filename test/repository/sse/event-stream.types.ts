/**
 * Type tests for generated event-stream operations: checked by `tsc --noEmit` in `npm test`,
 * never run. Each event's data is the spec's OrderEvent (x-tether-event-data), in both forms;
 * every `@ts-expect-error` line is a use that must not compile.
 */
import { createClient, createSdk, streamEvents, type EventStream, type ServerSentEvent } from '../../../generated/v1/index.js';
import type { components } from '../../../generated/v1/schema.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;
type OrderEvent = components['schemas']['OrderEvent'];

export async function typed(): Promise<void> {
  const sdk = createSdk({ baseUrl: 'https://api.example.com' });
  const stream = sdk.events.streamEvents(undefined, { signal: new AbortController().signal, lastEventId: '42', reconnect: { maxDelayMs: 10_000 } });
  expectType<Equal<typeof stream, EventStream<OrderEvent>>>();
  for await (const event of stream) {
    expectType<Equal<typeof event, ServerSentEvent<OrderEvent>>>();
    expectType<Equal<typeof event.data.type, 'order.created' | 'order.updated' | 'order.deleted'>>();
    expectType<Equal<typeof event.id, string | undefined>>();
    // @ts-expect-error the payload has no such field
    event.data.total;
    // @ts-expect-error data is parsed JSON, not text
    event.data.toUpperCase();
  }
  expectType<Equal<typeof stream.mode, 'fetch' | 'xhr' | 'poll'>>();
  // @ts-expect-error a stream is not a promise of the body
  (await sdk.events.streamEvents()).type;
  // @ts-expect-error retry is the stream's own policy (reconnect), not the call's
  sdk.events.streamEvents(undefined, { retry: false });
  // @ts-expect-error unknown mode
  sdk.events.streamEvents(undefined, { mode: 'websocket' });

  const client = createClient({ baseUrl: 'https://api.example.com' });
  for await (const event of streamEvents(client)) {
    expectType<Equal<typeof event.data, OrderEvent>>();
  }
  // @ts-expect-error the standalone form takes the client first
  streamEvents({ params: {} });
}
