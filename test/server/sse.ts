/**
 * Server-sent events for /events: one stream per connection, filtered to the user's orders.
 * Event ids are change-log sequence numbers, so `Last-Event-ID` replays exactly the missed
 * changes. Heartbeat comments keep idle connections alive; close() ends every stream.
 * A request with `Prefer: wait=N` (RFC 7240) is answered as a long poll: the response ends
 * right after a replay that had events, else after the first live event, else after N seconds
 * (clients whose fetch cannot stream poll this way). dropAll() cuts every stream as a failing network would, for reconnect tests.
 */
import type { ServerResponse } from 'node:http';
import type { Store } from './store.js';
import type { Timers } from './timers.js';
import type { Change } from './types.js';

export interface SseHub {
  /** Starts a stream on `res` for `userId`, replaying changes after `lastEventId` first; `waitMs` ends it after that long. */
  open(res: ServerResponse, userId: string, lastEventId: string | undefined, waitMs?: number): void;
  /** Open streams. */
  readonly size: number;
  /** Ends every stream (server shutdown). */
  closeAll(): void;
  /** Destroys every stream's socket without ending the response (a dropped connection); returns how many. */
  dropAll(): number;
}

export interface SseOptions {
  store: Store;
  timers: Timers;
  heartbeatMs: number;
  /** Reconnection delay suggested to clients (`retry:` field). */
  retryMs?: number;
}

/** Formats one change as an SSE frame. */
export function frame(change: Change): string {
  const data = { type: change.type, orderId: change.orderId, at: change.at, ...(change.order && { order: change.order }) };
  return `id: ${change.seq}\nevent: ${change.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function createSseHub(options: SseOptions): SseHub {
  const streams = new Set<{ res: ServerResponse; stop: () => void }>();
  return {
    open(res, userId, lastEventId, waitMs) {
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: ${options.retryMs ?? 1000}\n: connected\n\n`);
      const after = lastEventId !== undefined && /^\d+$/.test(lastEventId.trim()) ? Number(lastEventId) : undefined;
      let replayed = false;
      if (after !== undefined) for (const change of options.store.changesSince(after, userId)) {
        res.write(frame(change));
        replayed = true;
      }
      if (waitMs !== undefined && (replayed || waitMs === 0)) {
        res.end();
        return;
      }

      const unsubscribe = options.store.onChange((change) => {
        // Ended (a poll answered) but not yet closed: a write now would throw.
        if (change.ownerId !== userId || res.destroyed || res.writableEnded) return;
        res.write(frame(change));
        if (waitMs !== undefined) res.end();
      });
      const cancelHeartbeat = options.timers.every(options.heartbeatMs, () => {
        if (!res.destroyed && !res.writableEnded) res.write(`: heartbeat ${new Date().toISOString()}\n\n`);
      });
      const cancelWait = waitMs === undefined ? undefined : options.timers.after(waitMs, () => res.end());
      const entry = {
        res,
        stop: () => {
          unsubscribe();
          cancelHeartbeat();
          cancelWait?.();
          streams.delete(entry);
        },
      };
      streams.add(entry);
      res.once('close', entry.stop);
    },
    get size() {
      return streams.size;
    },
    closeAll() {
      for (const entry of [...streams]) {
        entry.stop();
        entry.res.end();
      }
    },
    dropAll() {
      const open = [...streams];
      for (const entry of open) {
        entry.stop();
        entry.res.socket?.destroy();
      }
      return open.length;
    },
  };
}
