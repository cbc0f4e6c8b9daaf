/**
 * /orders: cursor-paginated list with sparse fieldsets, create (Idempotency-Key is enforced by
 * the pipeline), read with ETag/304, update with If-Match/412, delete.
 */
import { header, me, type Ctx, type Route } from '../context.js';
import { decodeCursor, encodeCursor } from '../cursor.js';
import { etagOf, ifMatchPasses, noneMatchHits } from '../etag.js';
import { HttpError, fail, json, validationProblem } from '../http.js';
import type { OrderInput, OrderPatch } from '../store.js';
import type { Order, OrderStatus } from '../types.js';

export const CACHE_CONTROL = 'private, max-age=60';

/** Sent when the deprecated `page` parameter is used (RFC 9745: deprecated since 2025-01-01). */
const DEPRECATED_PAGE = {
  deprecation: '@1735689600',
  link: '<https://developer.shop.example.com/changelog#orders-page-param>; rel="deprecation"',
};

/** Status changes an admin may make; customers may only cancel (pending/paid → cancelled). */
const TRANSITIONS: Record<OrderStatus, OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
};

/** The caller's order, or 404 / 403. */
function ownOrder(ctx: Ctx): Order {
  const user = me(ctx);
  const order = ctx.deps.store.getOrder(ctx.params.orderId ?? '');
  if (!order) return fail(404, 'not-found', 'Order not found.', `No order ${ctx.params.orderId}.`);
  if (order.userId !== user.id) return fail(403, 'forbidden', 'This order belongs to another user.');
  return order;
}

function checkIfMatch(ctx: Ctx, order: Order): void {
  const current = etagOf(order.version);
  if (!ifMatchPasses(header(ctx, 'if-match'), current)) {
    fail(412, 'precondition-failed', 'The order has changed.', `If-Match does not match the current ETag ${current}; fetch the order again.`, {
      headers: { etag: current },
    });
  }
}

function pick(order: Order, fields: string[] | undefined): Partial<Order> {
  if (!fields) return order;
  const out: Record<string, unknown> = { id: order.id };
  for (const f of fields) if (f in order) out[f] = order[f as keyof Order];
  return out as Partial<Order>;
}

function checkStatusChange(ctx: Ctx, order: Order, next: OrderStatus): void {
  if (next === order.status) return;
  const user = me(ctx);
  if (user.role !== 'admin' && next !== 'cancelled') {
    throw new HttpError(validationProblem([{ pointer: '/status', detail: 'customers may only set status to "cancelled"', code: 'enum' }], 'body'));
  }
  if (!TRANSITIONS[order.status].includes(next)) {
    fail(409, 'invalid-transition', 'The order cannot change to that status.', `An order that is ${order.status} cannot become ${next}.`);
  }
}

export const orderRoutes: Route[] = [
  {
    operationId: 'listOrders',
    handle(ctx) {
      const user = me(ctx);
      const q = ctx.query as { cursor?: string; limit?: number; status?: OrderStatus; fields?: string[]; page?: number };
      const limit = q.limit ?? 20;
      const before = q.cursor !== undefined ? decodeCursor(q.cursor, { p: 'number' }, 'cursor').p : undefined;
      const offset = before === undefined && q.page !== undefined ? (q.page - 1) * limit : 0;
      const page = ctx.deps.store.listOrders(user.id, {
        limit,
        offset,
        ...(before !== undefined && { beforePosition: before }),
        ...(q.status !== undefined && { status: q.status }),
      });
      const last = page.items.at(-1);
      const nextCursor = page.more && last ? encodeCursor({ p: last.position }) : null;
      const headers: Record<string, string> = q.page !== undefined ? DEPRECATED_PAGE : {};
      return json(200, { items: page.items.map(({ order }) => pick(order, q.fields)), nextCursor }, headers);
    },
  },
  {
    operationId: 'createOrder',
    idempotencyKey: true,
    handle(ctx) {
      const user = me(ctx);
      const input = ctx.body as OrderInput;
      let order: Order;
      try {
        order = ctx.deps.store.createOrder(user.id, input);
      } catch (error) {
        const index = (error as { itemIndex?: number }).itemIndex;
        if (index === undefined) throw error;
        throw new HttpError(validationProblem([{ pointer: `/items/${index}/sku`, detail: 'is not a SKU in the catalogue', code: 'enum' }], 'body'));
      }
      ctx.deps.ledger.append({ kind: 'order.created', orderId: order.id, userId: user.id, ...(ctx.idempotencyKey && { key: ctx.idempotencyKey }) });
      return json(201, order, { location: `/orders/${order.id}`, etag: etagOf(order.version) });
    },
  },
  {
    operationId: 'getOrder',
    handle(ctx) {
      const order = ownOrder(ctx);
      const etag = etagOf(order.version);
      const headers = { etag, 'cache-control': CACHE_CONTROL, vary: 'Authorization' };
      if (noneMatchHits(header(ctx, 'if-none-match'), etag)) return { status: 304, headers };
      return json(200, order, headers);
    },
  },
  {
    operationId: 'updateOrder',
    handle(ctx) {
      const order = ownOrder(ctx);
      checkIfMatch(ctx, order);
      const patch = ctx.body as OrderPatch;
      if (patch.status !== undefined) checkStatusChange(ctx, order, patch.status);
      if (patch.shippingAddress !== undefined && !['pending', 'paid'].includes(order.status)) {
        fail(409, 'already-shipped', 'The shipping address can no longer change.', `The order is ${order.status}.`);
      }
      const updated = ctx.deps.store.updateOrder(order.id, patch);
      ctx.deps.ledger.append({ kind: 'order.updated', orderId: order.id, userId: order.userId });
      return json(200, updated, { etag: etagOf(updated.version) });
    },
  },
  {
    operationId: 'deleteOrder',
    handle(ctx) {
      const order = ownOrder(ctx);
      checkIfMatch(ctx, order);
      ctx.deps.store.deleteOrder(order.id);
      ctx.deps.ledger.append({ kind: 'order.deleted', orderId: order.id, userId: order.userId });
      return { status: 204 };
    },
  },
];
