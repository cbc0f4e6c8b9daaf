/**
 * Outermost layer: refuses to send anything over plain http (except loopback, or when the app
 * opted in with `allowInsecureHttp`) before auth could attach a token to it. options.ts checks
 * baseUrl once; this catches every other URL a request may end up with (absolute links
 * followed by pagination, per-request overrides, middleware rewriting).
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isSecureOrAllowed } from './loopback.js';
import type { Middleware } from './types.js';

/** Options for the https guard. */
export interface HttpsGuardOptions {
  readonly allowInsecureHttp: boolean;
}

/** Middleware rejecting non-https requests (UNKNOWN NetworkError; nothing is sent). */
export function httpsGuard(options: HttpsGuardOptions): Middleware {
  return (next) => async (attempt, context) => {
    if (!isSecureOrAllowed(new URL(attempt.url), options.allowInsecureHttp)) {
      const why = new Error(
        'Tether only sends requests over https (loopback hosts excepted); ' +
          'set allowInsecureHttp: true to override, never in production',
      );
      throw createNetworkError({
        method: attempt.method,
        url: attempt.url,
        attempts: context.stats.attempts,
        cause: why,
        summary: 'Refused to send an insecure request',
      });
    }
    return next(attempt, context);
  };
}
