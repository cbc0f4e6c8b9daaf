/**
 * Turning an Attempt into the one Request the platform fetch gets. Built in the transport,
 * at the last moment, so no layer above pays for a Request (and its AbortController and
 * Headers) it would only copy.
 */
import type { Attempt } from './types.js';

/** The Request for `attempt` (redirect 'manual' unless said otherwise). */
export function toRequest(attempt: Attempt): Request {
  const init: RequestInit & { duplex?: 'half' } = {
    method: attempt.method,
    headers: attempt.headers,
    body: attempt.body,
    signal: attempt.signal ?? null,
    redirect: attempt.redirect ?? 'manual',
  };
  // Needed by undici for a stream body; harmless for the rest.
  if (attempt.body !== null && typeof attempt.body === 'object' && 'getReader' in attempt.body) init.duplex = 'half';
  return new Request(attempt.url, init);
}

/** A fresh Attempt, mainly for tests and for layers starting a new hop. */
export function createAttempt(url: string, init: RequestInit = {}): Attempt {
  return { method: (init.method ?? 'GET').toUpperCase(), url, headers: new Headers(init.headers), body: init.body ?? null, signal: init.signal ?? undefined };
}
