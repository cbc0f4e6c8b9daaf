/** /users: profiles. Customers see only themselves; admins see everyone. */
import { me, type Route } from '../context.js';
import { BATCH_GET_USERS_DEPRECATION } from '../deprecation.js';
import { fail, json } from '../http.js';
import type { User } from '../types.js';

const visible = (viewer: User, target: User) => viewer.role === 'admin' || viewer.id === target.id;

export const userRoutes: Route[] = [
  {
    operationId: 'getMe',
    handle: (ctx) => json(200, me(ctx)),
  },
  {
    operationId: 'getUser',
    handle(ctx) {
      const viewer = me(ctx);
      const target = ctx.deps.store.userById(ctx.params.userId ?? '');
      if (!target) return fail(404, 'not-found', 'User not found.', `No user ${ctx.params.userId}.`);
      if (!visible(viewer, target)) return fail(403, 'forbidden', 'You may not view this user.');
      return json(200, target);
    },
  },
  {
    operationId: 'batchGetUsers',
    // Deprecated in v1 and removed in v2: every answer says so (RFC 9745 / RFC 8594).
    handle(ctx) {
      const viewer = me(ctx);
      const { ids } = ctx.body as { ids: string[] };
      const users: User[] = [];
      const missing: string[] = [];
      for (const id of new Set(ids)) {
        const user = ctx.deps.store.userById(id);
        if (user && visible(viewer, user)) users.push(user);
        else missing.push(id);
      }
      return json(200, { users, missing }, BATCH_GET_USERS_DEPRECATION);
    },
  },
];
