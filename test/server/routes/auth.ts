/**
 * /auth: login (starts a token family), refresh (rotates; reuse revokes the family), logout.
 * The token endpoint answers errors OAuth-style (`{ error, error_description }`).
 */
import type { Route } from '../context.js';
import { json, problem } from '../http.js';

const NO_STORE = { 'cache-control': 'no-store' };

const REFRESH_FAILURES = {
  unknown: 'Refresh token is not valid.',
  expired: 'Refresh token has expired.',
  revoked: 'Refresh token was revoked; sign in again.',
  reused: 'Refresh token was already used; the token family is revoked.',
} as const;

export const authRoutes: Route[] = [
  {
    operationId: 'login',
    auth: false,
    handle({ body, deps }) {
      const { email, password } = body as { email: string; password: string };
      const user = deps.store.userByEmail(email);
      if (!user || !deps.store.checkPassword(user, password)) {
        return problem(401, 'invalid-credentials', 'Email or password is wrong.');
      }
      const tokens = deps.tokens.issue(user.id);
      deps.ledger.append({ kind: 'login', userId: user.id });
      return json(200, tokens, NO_STORE);
    },
  },
  {
    operationId: 'refreshToken',
    auth: false,
    errorStyle: 'oauth',
    handle({ body, deps }) {
      const result = deps.tokens.refresh((body as { refreshToken: string }).refreshToken);
      if (!result.ok) {
        if (result.reason === 'reused') deps.ledger.append({ kind: 'revoke', ...(result.userId && { userId: result.userId }) });
        return json(401, { error: 'invalid_grant', error_description: REFRESH_FAILURES[result.reason] }, NO_STORE);
      }
      deps.ledger.append({ kind: 'refresh', userId: result.userId });
      return json(200, result.tokens, NO_STORE);
    },
  },
  {
    operationId: 'logout',
    handle(ctx) {
      const { deps, accessToken, user } = ctx;
      if (accessToken) deps.tokens.revokeFamilyOf(accessToken);
      deps.ledger.append({ kind: 'logout', ...(user && { userId: user.id }) });
      return { status: 204 };
    },
  },
];
