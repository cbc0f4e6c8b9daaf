/** /events: the user's order changes as server-sent events (see sse.ts). */
import { header, me, type Route } from '../context.js';

export const eventRoutes: Route[] = [
  {
    operationId: 'streamEvents',
    handle(ctx) {
      ctx.deps.sse.open(ctx.res, me(ctx).id, header(ctx, 'last-event-id'));
      return 'streamed';
    },
  },
];
