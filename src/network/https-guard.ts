/**
 * Outermost layer: refuses to send anything over plain http (except loopback, or when the app
 * opted in with `allowInsecureHttp`) before auth could attach a token to it. options.ts checks
 * baseUrl once; this catches every other URL a request may end up with (absolute links
 * followed by pagination, per-request overrides, middleware rewriting).
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isSecureOrAllowed } from './loopback.js';
import { urlOrigin } from './origin.js';
import type { Middleware } from './types.js';

/** Options for the https guard. */
export interface HttpsGuardOptions {
  readonly allowInsecureHttp: boolean;
}

/** Middleware rejecting non-https requests (UNKNOWN NetworkError; nothing is sent). */
export function httpsGuard(options: HttpsGuardOptions): Middleware {
  // Not async: on the common path it only hands the attempt on, so it adds no promise.
  // The last plain-http origin found allowed (loopback, or allowInsecureHttp): the decision
  // depends on the origin alone, so a local dev server or emulator host is not re-parsed per call.
  let allowedHttpOrigin: string | undefined;
  return (next) => (attempt, context) => {
    let allowed: boolean;
    try {
      // An https origin is always allowed; only http (and the rest) needs the full URL's host.
      const origin = urlOrigin(attempt.url);
      allowed = origin.startsWith('https://') || origin === allowedHttpOrigin || isSecureOrAllowed(new URL(attempt.url), options.allowInsecureHttp);
      if (allowed && origin.startsWith('http://')) allowedHttpOrigin = origin;
    } catch (error) {
      // A URL that does not parse fails the call through its promise, as an async layer would.
      return Promise.reject(error);
    }
    if (!allowed) {
      const why = new Error(
        'Tether only sends requests over https (loopback hosts excepted); ' +
          'set allowInsecureHttp: true to override, never in production',
      );
      return Promise.reject(createNetworkError({
        method: attempt.method,
        url: attempt.url,
        attempts: context.stats.attempts,
        cause: why,
        summary: 'Refused to send an insecure request',
      }));
    }
    return next(attempt, context);
  };
}
