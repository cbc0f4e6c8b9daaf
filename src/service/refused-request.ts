/**
 * Requests fetch refuses to build (a spec may declare them): a GET or HEAD with a body, a
 * method fetch forbids (TRACE, CONNECT, TRACK), a URL with credentials in it. They are the
 * app's input meeting the platform's rules, never a network failure, so they become VALIDATION
 * (source client), named here by what is wrong rather than by the platform's message, which
 * differs per platform and may quote a header value (a secret).
 */
import type { Attempt } from '../network/types.js';

// https://fetch.spec.whatwg.org/#forbidden-method
const FORBIDDEN_METHODS = new Set(['TRACE', 'CONNECT', 'TRACK']);

/**
 * Why fetch will refuse `attempt`, found without building a Request (a few comparisons per
 * call); undefined when nothing is known to be wrong.
 */
export function refusalBeforeSend(attempt: Pick<Attempt, 'method' | 'body'>): string | undefined {
  const method = attempt.method;
  if ((method === 'GET' || method === 'HEAD') && attempt.body !== null) {
    return `fetch cannot send a body with ${method}, though the spec declares one; leave the body out`;
  }
  if (FORBIDDEN_METHODS.has(method)) return `fetch forbids the ${method} method on every platform`;
  return undefined;
}

/**
 * Why the platform refused to build the Request, after it did (the transport hands such a
 * TypeError on as it is): a known cause when one can be seen, else the error's class.
 */
export function refusalReason(attempt: Pick<Attempt, 'method' | 'body' | 'url'>, error: unknown): string {
  const known = refusalBeforeSend(attempt);
  if (known !== undefined) return known;
  let url: URL | undefined;
  try {
    url = new URL(attempt.url);
  } catch {
    return 'its URL is not valid';
  }
  if (url.username !== '' || url.password !== '') return 'its URL carries credentials, which fetch refuses';
  return `the platform refused to build it (${error instanceof Error ? error.name : typeof error}), e.g. a header it does not allow`;
}
