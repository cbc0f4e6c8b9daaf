/**
 * Which layer an input file of a bundle belongs to, by its path: the names the runtime's files
 * carry today (src/network/retry.ts, src/auth/…) and will plausibly keep after a reshuffle.
 * First match wins, so the more specific patterns come first.
 */
const LAYERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['validation: valibot', /node_modules\/valibot\//],
  ['openapi-fetch', /node_modules\/openapi-fetch\//],
  ['generated: validators', /validators/],
  ['generated: operations, services, index', /(^|\/)(generated|\.tmp)\//],
  ['validation: runtime', /valid|standard-schema/],
  ['auth', /(^|\/)auth|token|session|refresh/],
  ['retry (budget, backoff, clock)', /retry|backoff|clock/],
  ['redirect', /redirect/],
  ['timeout / deadline', /timeout|deadline/],
  ['logging + redaction', /log|redact/],
  ['pagination', /paginat|pager/],
  ['errors + 422 field mapping', /errors\//],
  ['options', /options/],
];

export function layerOf(file: string): string {
  for (const [name, pattern] of LAYERS) if (pattern.test(file)) return name;
  return 'other runtime (compose, call runner, https guard, transport, …)';
}
