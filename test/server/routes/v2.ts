/**
 * The Shop API v2 (openapi/v2), served under /v2 over the same store as v1: v1's handlers where
 * the operation is unchanged, thin adaptations where v2 changed a shape (User.pictureUrl,
 * SyncResponse.serverTime in ms, If-Match required on delete, couponCode accepted), and the new
 * cancelOrder. batchGetUsers does not exist in v2.
 */
import { header, me, type Ctx, type Route } from '../context.js';
import { etagOf } from '../etag.js';
import { GET_USER_DEPRECATION } from '../deprecation.js';
import { fail, json, type Reply } from '../http.js';
import type { User } from '../types.js';
import { orderRoutes } from './orders.js';
import { syncRoutes } from './sync.js';
import { userRoutes } from './users.js';
import { authRoutes } from './auth.js';
import { eventRoutes } from './events.js';

type Handle = Route['handle'];

const v1 = (operationId: string): Route => {
  const route = [...authRoutes, ...userRoutes, ...orderRoutes, ...syncRoutes, ...eventRoutes].find((r) => r.operationId === operationId);
  if (!route) throw new Error(`v1 has no route ${operationId}`);
  return route;
};

/** v1's route for the same operation, its reply's JSON body passed through `map`. */
function adapted(operationId: string, map: (body: unknown, ctx: Ctx) => unknown, extraHeaders?: Record<string, string>): Route {
  const route = v1(operationId);
  const handle: Handle = async (ctx) => {
    const reply = await route.handle(ctx);
    if (reply === 'streamed') return reply;
    const ok = reply.status >= 200 && reply.status < 300;
    return { ...reply, ...(ok && reply.body !== undefined && { body: map(reply.body, ctx) }), headers: { ...reply.headers, ...extraHeaders } } satisfies Reply;
  };
  return { ...route, handle };
}

/** v2's User: `avatarUrl` is `pictureUrl`. */
export function toV2User(user: User): Record<string, unknown> {
  const { avatarUrl, ...rest } = user;
  return { ...rest, pictureUrl: avatarUrl };
}

const UNCHANGED = ['login', 'refreshToken', 'logout', 'listOrders', 'getOrder', 'updateOrder', 'streamEvents'];

export const v2Routes: Route[] = [
  ...UNCHANGED.map(v1),
  adapted('getMe', (body) => toV2User(body as User)),
  adapted('getUser', (body) => toV2User(body as User), GET_USER_DEPRECATION),
  adapted('getSync', (body) => {
    const sync = body as { serverTime: string };
    return { ...sync, serverTime: Date.parse(sync.serverTime) };
  }),
  {
    ...v1('createOrder'),
    handle(ctx) {
      // Coupons are accepted and ignored (the spec says unknown codes are): the store knows none.
      const { couponCode: _coupon, ...input } = ctx.body as Record<string, unknown>;
      ctx.body = input;
      return v1('createOrder').handle(ctx);
    },
  },
  {
    ...v1('deleteOrder'),
    handle(ctx) {
      if (header(ctx, 'if-match') === undefined) {
        fail(428, 'precondition-required', 'If-Match is required.', 'Fetch the order and send its ETag in If-Match.');
      }
      return v1('deleteOrder').handle(ctx);
    },
  },
  {
    operationId: 'cancelOrder',
    handle(ctx) {
      // Cancelling a cancelled order answers it unchanged, so a retried cancel is harmless.
      const order = ctx.deps.store.getOrder(ctx.params.orderId ?? '');
      if (order?.status === 'cancelled' && order.userId === me(ctx).id) return json(200, order, { etag: etagOf(order.version) });
      // Otherwise a cancel is an update to `cancelled`: same ownership, transition and ledger rules.
      ctx.body = { status: 'cancelled' };
      return v1('updateOrder').handle(ctx);
    },
  },
];
