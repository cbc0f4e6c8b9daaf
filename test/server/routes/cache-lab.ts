/**
 * /__cache: a resource whose caching headers the test chooses, for the HTTP cache's wire
 * tests (Vary, Cache-Control, ETag/304, Last-Modified, invalidation by unsafe methods). Outside
 * the spec on purpose, like /__echo, but logged in `server.requests` (so a test counts what
 * reached the server) and subject to faults (so a test can take the origin down).
 *
 *   GET /__cache/<name>?cc=<Cache-Control>&vary=<Vary>&etag=<tag>&lm=<HTTP-date>&delayMs=<n>
 *     → 200 application/json { name, lang, hits } with those headers; `lang` is the request's
 *       Accept-Language, `hits` how many requests reached this path since the last reset;
 *       304 (same headers, no body) when If-None-Match matches `etag`
 *   POST|PUT|PATCH|DELETE /__cache/<name>?status=<n>&location=<url>
 *     → <status> (default 200) `{}` with Location when given
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Deps } from '../context.js';
import { noneMatchHits } from '../etag.js';
import { readBody } from '../http.js';

/** Handles one /__cache request (already logged by the pipeline). */
export async function handleCacheLab(req: IncomingMessage, res: ServerResponse, method: string, deps: Deps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const q = url.searchParams;
  try {
    await readBody(req, 1 << 20);
  } catch {
    res.writeHead(413, { 'content-type': 'text/plain' });
    return void res.end('body too large');
  }
  if (method !== 'GET') {
    const status = Number(q.get('status') ?? '200');
    const location = q.get('location');
    res.writeHead(Number.isInteger(status) && status >= 200 && status <= 599 ? status : 400, {
      'content-type': 'application/json',
      ...(location !== null && { location }),
    });
    return void res.end('{}');
  }
  const delayMs = Number(q.get('delayMs') ?? '0');
  if (delayMs > 0 && !(await deps.timers.sleep(delayMs))) return void res.destroy();
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [param, name] of [['cc', 'cache-control'], ['vary', 'vary'], ['etag', 'etag'], ['lm', 'last-modified']] as const) {
    const value = q.get(param);
    if (value !== null) headers[name] = value;
  }
  const etag = q.get('etag');
  const inm = req.headers['if-none-match'];
  if (etag !== null && noneMatchHits(typeof inm === 'string' ? inm : undefined, etag)) {
    res.writeHead(304, headers);
    return void res.end();
  }
  const hits = deps.requests.filter((r) => r.path === url.pathname).length;
  const lang = req.headers['accept-language'] ?? null;
  res.writeHead(200, headers);
  res.end(JSON.stringify({ name: url.pathname.slice('/__cache/'.length), lang, hits }));
}
