/** /events: the user's order changes as server-sent events (see sse.ts). */
import { header, me, type Route } from '../context.js';

export const eventRoutes: Route[] = [
  {
    operationId: 'streamEvents',
    handle(ctx) {
      ctx.deps.sse.open(ctx.res, me(ctx).id, header(ctx, 'last-event-id'), preferWaitMs(header(ctx, 'prefer')));
      return 'streamed';
    },
  },
];

// Longest long poll the server grants, whatever the client asks for.
const MAX_WAIT_MS = 60_000;

/** `Prefer: wait=N` (RFC 7240 §4.3) in ms, capped; undefined when absent or malformed. */
function preferWaitMs(prefer: string | undefined): number | undefined {
  const match = prefer === undefined ? null : /(?:^|[,;\s])wait\s*=\s*"?(\d+)"?/i.exec(prefer);
  return match ? Math.min(Number(match[1]) * 1000, MAX_WAIT_MS) : undefined;
}
