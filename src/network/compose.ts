/**
 * Builds the pipeline once per runtime. Checks shape eagerly so a misconfigured chain fails
 * at createSdk time with a message naming the bad layer, not on the first request.
 */
import type { FetchLike, Middleware } from './types.js';

/** Chains middlewares outermost-first in front of `transport`; throws on a malformed chain. */
export function compose(middlewares: ReadonlyArray<Middleware>, transport: FetchLike): FetchLike {
  if (typeof transport !== 'function') {
    throw new TypeError('compose: the chain must end in a transport function (request, context) => Promise<Response>');
  }
  middlewares.forEach((middleware, index) => {
    if (typeof middleware !== 'function') {
      throw new TypeError(`compose: middleware #${index} is ${describe(middleware)}, expected (next) => fetchLike`);
    }
  });

  let chain = transport;
  for (let index = middlewares.length - 1; index >= 0; index--) {
    const middleware = middlewares[index] as Middleware;
    const next = middleware(chain);
    if (typeof next !== 'function') {
      const name = middleware.name || `#${index}`;
      throw new TypeError(`compose: middleware ${name} returned ${describe(next)}, expected a fetch function`);
    }
    chain = next;
  }

  const composed = chain;
  // A plain function and one `then`, not an async wrapper: one promise fewer per call.
  return (request, context) => {
    try {
      return Promise.resolve(composed(request, context)).then(checkResponse);
    } catch (error) {
      // A layer that throws synchronously still fails the call through its promise.
      return Promise.reject(error);
    }
  };
}

/** Duck-typed, not instanceof: React Native and test doubles may bring their own Response. */
function checkResponse(response: unknown): Response {
  // A plain Error, not TypeError: a TypeError here would be read as a connection failure.
  if (!isResponseLike(response)) {
    throw new Error(`compose: the pipeline resolved with ${describe(response)} instead of a Response`);
  }
  return response;
}

function isResponseLike(value: unknown): value is Response {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Response).status === 'number' &&
    typeof (value as Response).headers === 'object'
  );
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
