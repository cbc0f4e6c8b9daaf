/**
 * The queue's event listeners. A listener that throws is reported (the queue's onError) and
 * neither stops the other listeners nor the queue.
 */
import type { OfflineEvents } from './types.js';

type Listener<E extends keyof OfflineEvents> = (payload: OfflineEvents[E]) => void;

/** Listeners by event, and a way to tell them. */
export interface OfflineEmitter {
  on<E extends keyof OfflineEvents>(event: E, listener: Listener<E>): () => void;
  emit<E extends keyof OfflineEvents>(event: E, payload: OfflineEvents[E]): void;
  clear(): void;
}

const EVENTS: ReadonlyArray<keyof OfflineEvents> = ['queued', 'sent', 'failed', 'expired', 'drained'];

/** An emitter reporting listener failures to `report`. */
export function createOfflineEmitter(report: (error: unknown) => void): OfflineEmitter {
  const listeners = new Map<keyof OfflineEvents, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      if (!EVENTS.includes(event)) throw new TypeError(`Tether: sdk.offline.on: unknown event '${String(event)}' (one of ${EVENTS.join(', ')})`);
      if (typeof listener !== 'function') throw new TypeError('Tether: sdk.offline.on: the listener must be a function');
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const held = listener as (payload: never) => void;
      set.add(held);
      return () => void set.delete(held);
    },
    emit(event, payload) {
      for (const listener of [...(listeners.get(event) ?? [])]) {
        try {
          (listener as Listener<typeof event>)(payload);
        } catch (error) {
          report(error);
        }
      }
    },
    clear: () => listeners.clear(),
  };
}
