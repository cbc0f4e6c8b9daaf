/**
 * The origin of a request URL, for the layers that compare origins on every call (the https
 * guard, retry's per-origin budget, auth's same-origin rule). Parsing a URL costs more than the
 * rest of such a layer's work, and an SDK sends nearly every call to one origin, so the last
 * origin parsed is remembered: a URL that starts with it followed by `/` has that origin, as the
 * authority ends at the first `/` (a later `@`, `:` or `.` is path). Anything else is parsed.
 */

let lastOrigin: string | undefined;

/** `new URL(url).origin`, without the parse for a URL on the last origin seen; throws like it. */
export function urlOrigin(url: string): string {
  const known = lastOrigin;
  if (known !== undefined && url.startsWith(known) && url.charCodeAt(known.length) === 0x2f /* / */) return known;
  const origin = new URL(url).origin;
  // Opaque origins ("null") are not a prefix of anything.
  if (origin !== 'null') lastOrigin = origin;
  return origin;
}
