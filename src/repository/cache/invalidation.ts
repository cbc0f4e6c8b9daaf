/**
 * Invalidation by unsafe methods (RFC 9111 §4.4): a successful POST/PUT/PATCH/DELETE changes
 * the resource, so the cache drops what it holds for the target URI and for the URIs in the
 * response's Location and Content-Location — only those on the request's origin, so a hostile
 * response cannot make the cache forget another site's entries (a denial of service the RFC
 * warns about).
 */
import { normalizeUrl } from './cache-key.js';
import type { HeaderRecord } from './types.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

/** Whether `method` is unsafe (RFC 9110 §9.2.1): its success may change server state. */
export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * The normalised URLs an answer to an unsafe request invalidates: none unless the method is
 * unsafe and the status is 2xx or 3xx ("a non-error status code"), else the target URI plus
 * same-origin Location and Content-Location (resolved against the target).
 */
export function invalidatedUrls(method: string, url: string, status: number, headers: HeaderRecord): string[] {
  if (!isUnsafeMethod(method) || status < 200 || status >= 400) return [];
  const target = new URL(url);
  const urls = new Set([normalizeUrl(url)]);
  for (const name of ['location', 'content-location']) {
    const value = headers[name];
    if (value === undefined || value.trim() === '') continue;
    let resolved: URL;
    try {
      resolved = new URL(value.trim(), target);
    } catch {
      continue; // an unparsable header invalidates nothing
    }
    if (resolved.origin === target.origin) urls.add(normalizeUrl(resolved.href));
  }
  return [...urls];
}
