/** Bearer-token auth with no way to refresh: every expiry signs the user out. */
import { isSecured, type Rule } from '../rule.js';
import type { ReviewInput, ReviewOperation } from '../types.js';

/** Security schemes whose credential is a short-lived token the client must renew. */
function tokenSchemes(input: ReviewInput): Set<string> | undefined {
  if (input.securitySchemes === undefined) return undefined;
  const names = Object.values(input.securitySchemes)
    .filter((s) => (s.type === 'http' && s.scheme?.toLowerCase() === 'bearer') || s.type === 'openIdConnect')
    .map((s) => s.name);
  return new Set(names);
}

/** OAuth 2 flows renew through their token URL; an `x-tether-auth: refresh` or refresh-named operation renews too. */
function hasRefresh(input: ReviewInput): boolean {
  if (input.options?.authRefresh === true) return true;
  if (input.operations.some((op) => op.authRole === 'refresh')) return true;
  if (input.operations.some((op) => op.method === 'post' && /refresh|\/token$|\/oauth2?\/token/i.test(op.path))) return true;
  return Object.values(input.securitySchemes ?? {}).some((s) => s.type === 'oauth2');
}

export const bearerRefresh: Rule = {
  id: 'bearer-refresh',
  title: 'Bearer tokens without refresh',
  problem: 'need a bearer token, but the API offers no refresh operation: when the token expires the user is signed out mid-task, and queued offline work fails with 401',
  rationale:
    'Access tokens should live minutes, sessions weeks. Without a refresh grant an app either keeps long-lived tokens (a stolen phone keeps access) or signs users out constantly.',
  fix: 'Add a refresh operation with rotating refresh tokens (RFC 9700 §4.14) and mark it `x-tether-auth: refresh` so the SDK refreshes before expiry and on 401, once for all parallel calls; or pass `auth.refresh`.',
  severity: 'medium',
  fixScope: 'server',
  verdicts: ['tokenManagement', 'errorRecovery'],
  check(input) {
    if (hasRefresh(input)) return {};
    const schemes = tokenSchemes(input);
    // A live SDK does not carry scheme definitions; its auth layer sends bearer tokens, so every
    // secured operation is judged as bearer-authenticated.
    const usesToken = (op: ReviewOperation) => isSecured(op) && (schemes === undefined || op.security.some((alt) => alt.some((name) => schemes.has(name))));
    return { hits: input.operations.filter(usesToken).map((operation) => ({ operation })) };
  },
};
