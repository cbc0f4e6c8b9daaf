/**
 * The last link: builds the attempt's one Request and hands it to the platform fetch. The
 * fetch is looked up per request, not at import, so polyfills installed after the SDK loads
 * (React Native, tests) are used.
 *
 * This is the only place where a TypeError means "the network failed": fetch reports DNS
 * failures, refused and reset connections and being offline that way on every platform. So
 * such a failure is classified here, as CONNECTION with the system's cause code
 * (ECONNREFUSED, ENOTFOUND…) and the request id that was sent. A TypeError thrown anywhere
 * else (building a Request from a bad header or URL) is then never mistaken for one, and so
 * never retried as one.
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isNetworkError } from '../errors/network-error.js';
import { toRequest } from './attempt.js';
import type { FetchLike, PlatformFetch } from './types.js';

/** FetchLike calling `fetchImpl`, or `globalThis.fetch` at call time when none is given. */
export function transport(fetchImpl?: PlatformFetch): FetchLike {
  return async (attempt, context) => {
    // Copied to a local before calling: browsers throw "Illegal invocation" when fetch is
    // called as a method of some other object (e.g. our frozen options).
    const send: PlatformFetch | undefined = fetchImpl ?? globalThis.fetch;
    if (typeof send !== 'function') {
      throw new Error('Tether: no fetch available; pass options.fetch (e.g. from undici or a polyfill)');
    }
    const request = toRequest(attempt);
    context.stats.attempts += 1;
    try {
      return await send(request);
    } catch (error) {
      // Our own abort (timeout, caller) carries its NetworkError as the reason; pass it on.
      if (isNetworkError(error) || attempt.signal?.aborted || !(error instanceof TypeError)) throw error;
      throw createNetworkError({
        method: attempt.method,
        url: attempt.url,
        attempts: context.stats.attempts,
        cause: error,
        requestId: attempt.headers.get('x-request-id') ?? context.stats.requestId,
      });
    }
  };
}
