/**
 * The Response one batched caller receives: its item as a 200 JSON answer, so the call runner
 * parses and validates it against the single read's own success schema, and the cache above
 * stores it, exactly as it would the single GET's answer.
 *
 * What the item's headers say (and so what its cache entry gets), and why:
 * - `Cache-Control`, `Expires`, `Date`, `Age`: the batch answer's. The item is part of that
 *   answer, so it may be reused for at most as long as the server allowed the whole; `no-store`
 *   there keeps every item out of the cache, and no freshness there leaves the item to the
 *   cache's `ttlMs` (no heuristic freshness: it has no Last-Modified).
 * - `Vary`: the batch answer's. The batch call sends the same SDK headers the single GET would
 *   (a call with headers of its own is never batched), so the item varies on the same ones.
 * - Never `ETag`/`Last-Modified`: they validate the batch representation, not the item's, so
 *   a later `If-None-Match` to the single GET with them would be a lie. An item entry is
 *   therefore never revalidated with a 304; once stale it is fetched again (batched or not).
 * - Never `Deprecation`/`Sunset`/`Link`: they describe the batch operation (logged for it by
 *   the batch wiring), not the read the app called.
 */

/** Headers of the batch answer that describe the items too (see the module comment). */
const CARRIED = ['cache-control', 'expires', 'date', 'age', 'vary'] as const;

/** Builds one caller's 200 Response for `item` from the batch answer's `headers`. */
export function itemResponse(item: unknown, headers: Headers, url: string): Response {
  const out: Record<string, string> = { 'content-type': 'application/json' };
  for (const name of CARRIED) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  const response = new Response(JSON.stringify(item), { status: 200, headers: out });
  // A constructed Response has url ''; errors and logs show the single read's URL.
  Object.defineProperty(response, 'url', { value: url });
  return response;
}
