/**
 * Attaches the access token. Two rules keep tokens from leaking: only to baseUrl's origin
 * (a pagination link or redirect target elsewhere gets nothing), and only for operations whose
 * spec requires a security scheme. Refresh and replay on 401 are a later layer.
 */
import type { TokenStore } from './token-store.js';
import type { Middleware } from './types.js';
import type { OperationMeta } from '../service/operation.js';

/** Options for the auth layer. */
export interface AuthMiddlewareOptions {
  readonly tokenStore: TokenStore;
  /** Tokens go to this URL's origin only. */
  readonly baseUrl: string;
}

/** Middleware adding `Authorization: Bearer <accessToken>` to same-origin secured requests. */
export function auth(options: AuthMiddlewareOptions): Middleware {
  const origin = new URL(options.baseUrl).origin;
  return (next) => async (request, context) => {
    if (!requiresAuth(context.meta.security) || new URL(request.url).origin !== origin) {
      return next(request, context);
    }
    // An Authorization header the app set itself (per call or in SDK headers) is deliberate.
    if (request.headers.has('authorization')) return next(request, context);

    const tokens = await options.tokenStore.get();
    if (!tokens) return next(request, context);
    const headers = new Headers(request.headers);
    headers.set('authorization', `Bearer ${tokens.accessToken}`);
    return next(new Request(request, { headers }), context);
  };
}

/**
 * Security is a list of alternatives; an empty alternative (`{}` in the spec) means anonymous
 * access is allowed, so the token is optional and we do not volunteer it.
 */
export function requiresAuth(security: OperationMeta['security']): boolean {
  return security.length > 0 && security.every((alternative) => alternative.length > 0);
}
