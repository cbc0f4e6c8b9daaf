/**
 * /sync: the changes feed. The cursor is the change-log sequence number plus the store epoch;
 * each order appears once per response in its latest state, and `limit` counts orders.
 */
import { me, type Route } from '../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { fail, json } from '../http.js';
import type { Change, Order } from '../types.js';

export const syncRoutes: Route[] = [
  {
    operationId: 'getSync',
    handle(ctx) {
      const user = me(ctx);
      const { store, now } = ctx.deps;
      const q = ctx.query as { since?: string; limit?: number };
      const limit = q.limit ?? 100;
      let after = 0;
      if (q.since !== undefined) {
        const cursor = decodeCursor(q.since, { e: 'string', s: 'number' }, 'since');
        if (cursor.e !== store.epoch) fail(410, 'sync-cursor-expired', 'The sync cursor is no longer valid.', 'Discard local data and sync without `since`.');
        after = cursor.s;
      }
      // Keep only each order's latest change: an earlier one is superseded, whether the later
      // one lands in this response or a following one.
      const latest = new Map<string, Change>();
      for (const change of store.changesSince(after, user.id)) {
        latest.delete(change.orderId);
        latest.set(change.orderId, change);
      }
      const pending = [...latest.values()];
      const batch = pending.slice(0, limit);
      const hasMore = pending.length > limit;
      const upserts: Order[] = [];
      const deletes: string[] = [];
      for (const change of batch) {
        if (change.type === 'order.deleted') deletes.push(change.orderId);
        else if (change.order) upserts.push(change.order);
      }
      const seq = hasMore ? batch.at(-1)!.seq : Math.max(after, store.headSeq);
      return json(200, {
        upserts,
        deletes,
        nextCursor: encodeCursor({ e: store.epoch, s: seq }),
        serverTime: new Date(now()).toISOString(),
        hasMore,
      });
    },
  },
];
