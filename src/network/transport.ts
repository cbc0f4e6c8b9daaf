/**
 * The last link: hands the request to the platform fetch. The fetch is looked up per request,
 * not at import, so polyfills installed after the SDK loads (React Native, tests) are used.
 */
import type { FetchLike, PlatformFetch } from './types.js';

/** FetchLike calling `fetchImpl`, or `globalThis.fetch` at call time when none is given. */
export function transport(fetchImpl?: PlatformFetch): FetchLike {
  return async (request, context) => {
    // Copied to a local before calling: browsers throw "Illegal invocation" when fetch is
    // called as a method of some other object (e.g. our frozen options).
    const send: PlatformFetch | undefined = fetchImpl ?? globalThis.fetch;
    if (typeof send !== 'function') {
      throw new Error('Tether: no fetch available; pass options.fetch (e.g. from undici or a polyfill)');
    }
    context.stats.attempts += 1;
    return send(request);
  };
}
