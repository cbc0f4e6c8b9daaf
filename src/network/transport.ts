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
 *
 * Two ways to send. The platform's own fetch (no `fetch` option, or `globalThis.fetch` itself)
 * is called the standard way, `fetch(url, init)`: it builds its Request anyway, so building one
 * here first would cost a second Request and a second AbortController following ours on every
 * attempt. A custom `fetch` option keeps the documented contract: it gets one Request. In the
 * first form fetch reports a bad URL or header as a rejected TypeError too; such a failure is
 * told apart from a network one by building the Request once more (failure path only).
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isNetworkError } from '../errors/network-error.js';
import { isStream, toInit, toRequest } from './attempt.js';
import type { Attempt, FetchLike, PlatformFetch, RequestContext } from './types.js';

/** FetchLike calling `fetchImpl`, or `globalThis.fetch` at call time when none is given. */
export function transport(fetchImpl?: PlatformFetch): FetchLike {
  // Not async: one `then` for the failure path instead of an async function's promise and
  // turn per attempt. Every failure still reaches the caller as a rejection.
  return (attempt, context) => {
    // Copied to a local before calling: browsers throw "Illegal invocation" when fetch is
    // called as a method of some other object (e.g. our frozen options).
    const send: PlatformFetch | undefined = context.fetch ?? fetchImpl ?? globalThis.fetch;
    if (typeof send !== 'function') {
      // A set-up problem, not a network failure: UNKNOWN (never retried), saying what to do.
      return Promise.reject(
        createNetworkError({
          method: attempt.method,
          url: attempt.url,
          attempts: context.stats.attempts,
          requestId: context.stats.requestId,
          summary: 'No fetch available on this platform: pass options.fetch (e.g. from undici or a polyfill)',
        }),
      );
    }
    // The platform's fetch takes (url, init) and builds the one Request itself.
    if (send === globalThis.fetch) return sendStandard(send, attempt, context);
    let request: Request;
    try {
      request = toRequest(attempt);
    } catch (error) {
      // Building the Request failed (a bad header or URL): the app's input, passed on as is.
      return Promise.reject(error);
    }
    context.stats.attempts += 1;
    let pending: Promise<Response>;
    try {
      pending = Promise.resolve(send(request));
    } catch (error) {
      return Promise.reject(sendFailure(error, attempt, context));
    }
    return pending.then(undefined, (error: unknown) => {
      throw sendFailure(error, attempt, context);
    });
  };
}

type StandardFetch = (input: string, init: RequestInit) => Promise<Response>;

/** Sends through the platform's fetch as `fetch(url, init)`: no Request of our own. */
function sendStandard(send: PlatformFetch, attempt: Attempt, context: RequestContext): Promise<Response> {
  context.stats.attempts += 1;
  let pending: Promise<Response>;
  try {
    pending = Promise.resolve((send as unknown as StandardFetch)(attempt.url, toInit(attempt)));
  } catch (error) {
    pending = Promise.reject(error);
  }
  return pending.then(undefined, (error: unknown) => {
    if (error instanceof TypeError && !attempt.signal?.aborted && unbuildable(attempt)) {
      // Never sent: the app's input (as with a Request built here), not a lost connection.
      context.stats.attempts -= 1;
      throw error;
    }
    throw sendFailure(error, attempt, context);
  });
}

/**
 * Whether the attempt cannot even become a Request (credentials in the URL, a body on a GET,
 * a bad method): what fetch's TypeError meant then. A stream body, which fetch has consumed,
 * is stood in for by an empty string (still refused on a GET); the rest (strings, bytes,
 * forms, blobs) are not used up by building a Request.
 */
function unbuildable(attempt: Attempt): boolean {
  try {
    new Request(attempt.url, { ...toInit({ ...attempt, body: isStream(attempt.body) ? '' : attempt.body }), signal: null });
    return false;
  } catch {
    return true;
  }
}

/** What a failed send rejects with: a TypeError from fetch is CONNECTION, the rest as is. */
function sendFailure(error: unknown, attempt: Attempt, context: RequestContext): unknown {
  // Our own abort (timeout, caller) carries its NetworkError as the reason; pass it on.
  if (isNetworkError(error) || attempt.signal?.aborted || !(error instanceof TypeError)) return error;
  return createNetworkError({
    method: attempt.method,
    url: attempt.url,
    attempts: context.stats.attempts,
    cause: error,
    requestId: attempt.headers.get('x-request-id') ?? context.stats.requestId,
  });
}
