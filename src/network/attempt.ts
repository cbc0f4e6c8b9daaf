/**
 * Turning an Attempt into the one Request the platform fetch gets. Built in the transport,
 * at the last moment, so no layer above pays for a Request (and its AbortController and
 * Headers) it would only copy.
 */
import type { Attempt } from './types.js';

/** The Request for `attempt` (redirect 'manual' unless said otherwise). */
export function toRequest(attempt: Attempt): Request {
  return new Request(attempt.url, toInit(attempt));
}

/**
 * The RequestInit that sends `attempt` with a standard fetch (`fetch(attempt.url, init)`), or
 * builds its Request. The headers object is passed as is: fetch copies it, so an attempt may
 * change its headers afterwards (a retry's attempt number) without touching what was sent.
 */
export function toInit(attempt: Attempt): RequestInit {
  const init: RequestInit & { duplex?: 'half' } = {
    method: attempt.method,
    headers: attempt.headers,
    body: attempt.body,
    signal: attempt.signal ?? null,
    redirect: attempt.redirect ?? 'manual',
  };
  // Needed by undici for a stream body; harmless for the rest.
  if (isStream(attempt.body)) init.duplex = 'half';
  return init;
}

/** Whether a body is a one-shot ReadableStream (which cannot be sent twice). */
export function isStream(body: Attempt['body']): boolean {
  return body !== null && typeof body === 'object' && 'getReader' in body;
}

/** A fresh Attempt, mainly for tests and for layers starting a new hop. */
export function createAttempt(url: string, init: RequestInit = {}): Attempt {
  return { method: (init.method ?? 'GET').toUpperCase(), url, headers: new Headers(init.headers), body: init.body ?? null, signal: init.signal ?? undefined };
}
