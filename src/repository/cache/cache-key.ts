/**
 * Cache keys (RFC 9111 §2 and §4.1). Two steps, because the response decides which request
 * headers matter: the primary key (scope + method + URL with sorted query) finds the URL's
 * index, which lists the header names its responses Vary on; those headers' values pick the
 * variant. Storage keys are digests, so neither URLs with query values nor scope names show up
 * in the storage's key list; the envelope repeats the full keys and a read checks them, so a
 * digest collision is a miss, never another entry.
 */
import { sha256Hex } from './sha256.js';
import type { HeaderRecord } from './types.js';

/** Every key the cache writes starts with this; the version changes with the envelope format. */
export const STORAGE_PREFIX = 'tether.cache.v1:';

/**
 * Request headers that carry the user's identity: the scope already separates users, so a
 * response that Varies on them is matched by scope, and their values (secrets) are never
 * stored or hashed into a key.
 */
const IDENTITY_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
const IDENTITY_PLACEHOLDER = '(scope)';

/** The URL without fragment, with its query parameters sorted by name (stable for repeats). */
export function normalizeUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  parsed.searchParams.sort();
  // sort() re-serialises even an empty query as '?'; drop it so `/a?` and `/a` agree.
  return parsed.search === '?' ? parsed.href.replace(/\?$/, '') : parsed.href;
}

/** The key subscribers and `invalidate` name an entry by: scope, method, normalised URL. */
export function subscriptionKey(scope: string, method: string, url: string): string {
  return `${scope} ${method.toUpperCase()} ${normalizeUrl(url)}`;
}

/** Digest of the scope, the first path segment of every storage key (clearScope's prefix). */
export function scopeDigest(scope: string): string {
  return sha256Hex(`scope:${scope}`).slice(0, 24);
}

/** Digest of method + URL, scope-independent, so an unsafe method can invalidate it in every scope. */
export function resourceDigest(method: string, normalizedUrl: string): string {
  return sha256Hex(`${method.toUpperCase()} ${normalizedUrl}`).slice(0, 32);
}

/** The storage key of a URL's index (the Vary names of its stored responses). */
export function indexStorageKey(scope: string, method: string, normalizedUrl: string): string {
  return `${STORAGE_PREFIX}${scopeDigest(scope)}:${resourceDigest(method, normalizedUrl)}`;
}

/** The storage key of one variant under an index key. */
export function variantStorageKey(indexKey: string, variant: string): string {
  return `${indexKey}:${sha256Hex(variant).slice(0, 32)}`;
}

/** Lower-cased, sorted, de-duplicated field names of a Vary header ('*' kept as is). */
export function parseVary(vary: string | undefined): string[] {
  if (vary === undefined) return [];
  const names = vary.split(',').map((name) => name.trim().toLowerCase()).filter((name) => name !== '');
  return [...new Set(names)].sort();
}

/**
 * The variant part of a key: each Vary-named header's value as the request sends it
 * (absent and empty differ, as RFC 9111 §4.1 asks; whitespace around commas is normalised).
 */
export function variantOf(varyNames: ReadonlyArray<string>, headers: HeaderRecord): string {
  return varyNames
    .map((name) => {
      if (IDENTITY_HEADERS.has(name)) return `${name}=${IDENTITY_PLACEHOLDER}`;
      const value = headers[name];
      return value === undefined ? `${name}!` : `${name}=${value.split(',').map((v) => v.trim()).join(',')}`;
    })
    .join('\n');
}

/**
 * The request headers handed to http-cache-semantics: Cache-Control and Pragma (request
 * directives), the Vary-named ones, and identity headers replaced by a placeholder, so the
 * persisted policy holds no secret yet still matches `Vary: Authorization` within a scope.
 */
export function policyRequestHeaders(headers: HeaderRecord, varyNames: ReadonlyArray<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of ['cache-control', 'pragma', ...varyNames]) {
    const value = headers[name];
    if (value !== undefined) out[name] = IDENTITY_HEADERS.has(name) ? IDENTITY_PLACEHOLDER : value;
  }
  for (const name of IDENTITY_HEADERS) if (headers[name] !== undefined) out[name] = IDENTITY_PLACEHOLDER;
  return out;
}

/** Headers with lower-cased names. */
export function lowerCaseHeaders(headers: HeaderRecord | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}
