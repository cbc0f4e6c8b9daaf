/**
 * CORS for browser tests (test/browser/): the API answers pages on any origin, and a preflight
 * allows exactly the request headers the SDK sends, listed by name rather than echoing whatever
 * the browser asks for. An echo would let any header through, so a header the SDK started
 * sending without a line here would pass the tests and fail in a real deployment whose gateway
 * lists headers; with the list, the browser suite fails instead (test/browser/cors.test.ts).
 */
import type { ServerResponse } from 'node:http';

/**
 * Request headers a browser may send after a preflight. Safelisted ones (Accept, a simple
 * Content-Type) need no line; `application/json` is not a simple Content-Type, so it has one.
 */
export const CORS_ALLOWED_REQUEST_HEADERS: readonly string[] = [
  'Authorization',
  'Content-Type',
  // The service layer's key on operations declaring it (POST /orders).
  'Idempotency-Key',
  // Conditional requests: the cache's revalidation and the spec's If-Match parameters.
  'If-Match',
  'If-None-Match',
  'If-Modified-Since',
  // SSE resumption (GET /events).
  'Last-Event-ID',
  // The SDK's telemetry headers (src/network/retry.ts: REQUEST_ID_HEADER, ATTEMPT_HEADER).
  'X-Request-Id',
  'X-Tether-Attempt',
];

/** Response headers a page may read. */
export const CORS_EXPOSED_HEADERS: readonly string[] = [
  'ETag', 'Location', 'Retry-After', 'retry-after-ms', 'X-Request-Id', 'Idempotent-Replayed',
  'WWW-Authenticate', 'Cache-Control', 'Deprecation', 'Sunset', 'Link',
];

/** Sets the headers every answer carries. */
export function setCorsHeaders(res: ServerResponse): void {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS.join(', '));
}

/** Answers a preflight: 204 with the methods and the fixed header list. */
export function answerPreflight(res: ServerResponse): void {
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': CORS_ALLOWED_REQUEST_HEADERS.join(', '),
    'access-control-max-age': '600',
  });
  res.end();
}
