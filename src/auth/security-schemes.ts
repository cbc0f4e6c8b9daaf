/**
 * The spec's `components.securitySchemes`, as the generator emits them into each SDK's `api`
 * (scripts/codegen/collect-security.ts): only what the runtime needs to send a credential, so
 * the generated object stays a few bytes per scheme. OpenAPI's `type` is folded into `kind`:
 * bearer, oauth2 and openIdConnect all mean "an access token from the token store".
 *
 * @see https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */

/** Where an API key travels (OpenAPI `in`). */
export type ApiKeyLocation = 'header' | 'query' | 'cookie';

/** One security scheme, reduced to how its credential is sent. */
export type SecurityScheme =
  /** `type: apiKey`: the key as the value of header, query parameter or cookie `name`. */
  | { readonly kind: 'apiKey'; readonly in: ApiKeyLocation; readonly name: string }
  /** `type: http, scheme: basic`: `Authorization: Basic base64(username:password)`. */
  | { readonly kind: 'basic' }
  /** `type: http, scheme: bearer`, `oauth2`, `openIdConnect`: the token store's access token. */
  | { readonly kind: 'token' }
  /** Any other `type: http` scheme: `Authorization: <scheme> <credential>` (digest cannot be). */
  | { readonly kind: 'http'; readonly scheme: string }
  /** `type: mutualTLS`: a client certificate, configured in the platform, never by the SDK. */
  | { readonly kind: 'mutualTLS' };

/** The spec's security schemes by name. */
export type SecuritySchemes = Readonly<Record<string, SecurityScheme>>;

/** Kinds whose credential the app passes in `options.credentials` (the rest: `auth`, platform). */
export type StaticSchemeKind = 'apiKey' | 'basic' | 'http';

/** True for schemes configured through `options.credentials`. */
export function isStaticScheme(scheme: SecurityScheme): scheme is Extract<SecurityScheme, { kind: StaticSchemeKind }> {
  return scheme.kind === 'apiKey' || scheme.kind === 'basic' || (scheme.kind === 'http' && scheme.scheme.toLowerCase() !== 'digest');
}

/** How a scheme is sent, for messages: `apiKey in header X-Partner-Key`, `HTTP Basic`. */
export function describeScheme(scheme: SecurityScheme): string {
  switch (scheme.kind) {
    case 'apiKey':
      return `apiKey in ${scheme.in} ${scheme.name}`;
    case 'basic':
      return 'HTTP Basic';
    case 'token':
      return 'access token';
    case 'http':
      return `HTTP ${scheme.scheme}`;
    case 'mutualTLS':
      return 'mutual TLS';
  }
}
