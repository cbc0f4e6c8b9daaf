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
  ['repository: HTTP cache (incl. http-cache-semantics)', /repository\/cache|cache-wiring|cached-exchange|cache-options|http-cache-semantics/],
  ['repository: batching', /repository\/batch|batch/],
  ['validation: runtime', /valid|standard-schema/],
  ['auth', /(^|\/)auth|token|session|refresh/],
  ['retry (budget, backoff, clock)', /retry|backoff|clock/],
  ['redirect', /redirect/],
  ['timeout / deadline', /timeout|deadline/],
  ['logging + redaction', /log|redact/],
  ['pagination', /paginat|pager/],
  ['errors: 422 field mapping', /errors\/field-errors/],
  ['errors: NetworkError, status → type, URL redaction', /errors\//],
  ['option checks + defaults: network', /network\/(options|option-checks)/],
  ['option checks + defaults: service', /service\/options/],
  ['options: top (createSdk / createClient)', /options/],
  ['body: form + binary serializers (multipart, urlencoded, raw, media choice)', /service\/body\.ts|service\/body\/(multipart|urlencoded|choose-media|raw-body|media-body)/],
  ['body: answer reading (media types, answer kind, size limit)', /service\/body\/|read-body/],
  ['params: path template + default styles (simple path, form query, headers)', /path-template|params\/(encode|errors|form-query|default-params|header|lookup)/],
  ['params: non-default styles, cookie, content (styledParams, per operation)', /params\//],
  ['call runner (call, attempt builder, idempotency, deprecation, input checks)', /service\//],
  ['https guard', /https-guard|loopback|origin/],
  ['compose, pipeline, transport', /network\/(compose|pipeline|transport|attempt)\.ts|src\/pipeline/],
  ['platform: uuid', /platform\//],
  ['runtime + client composition', /src\/(runtime|client)\.ts/],
];

export function layerOf(file: string): string {
  for (const [name, pattern] of LAYERS) if (pattern.test(file)) return name;
  return 'other runtime';
}
