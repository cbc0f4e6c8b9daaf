/**
 * Entity tags for orders (RFC 9110 §8.8.3): strong, derived from the order's version.
 * If-None-Match uses weak comparison, If-Match strong comparison (§13.1.1, §13.1.2).
 */

export function etagOf(version: number): string {
  return `"v${version}"`;
}

function tags(header: string): string[] {
  return header.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

/** True when If-None-Match matches the current ETag (so the answer is 304). */
export function noneMatchHits(header: string | undefined, current: string): boolean {
  if (header === undefined) return false;
  const strip = (t: string) => t.replace(/^W\//, '');
  return tags(header).some((t) => t === '*' || strip(t) === strip(current));
}

/** True when If-Match is absent or matches the current ETag (so the change may proceed). */
export function ifMatchPasses(header: string | undefined, current: string): boolean {
  if (header === undefined) return true;
  return tags(header).some((t) => t === '*' || (!t.startsWith('W/') && t === current));
}
