/**
 * What counts as a secret in what we log, and how it is masked. The logging layer logs the
 * request as sent, after auth added the token, so everything it prints passes through here:
 * credential headers, secret-looking query parameters, token-looking fields and `Bearer …`
 * strings anywhere in text. Values are replaced by `[REDACTED]`, names are kept so a reader
 * still sees that a header or parameter was there.
 */
import { redactCredentials } from '../errors/redact-credentials.js';
import { redactUrlWith } from '../errors/redact-url.js';

export const REDACTED = '[REDACTED]';

/**
 * Headers that carry credentials. Always redacted in logs, and always stripped when a redirect
 * leaves the origin (redirect.ts); the `redactHeaders` option adds to this list, never removes.
 */
export const DEFAULT_REDACT_HEADERS: ReadonlyArray<string> = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

/**
 * Query parameters whose values are secrets in common APIs (OAuth codes and tokens, signed
 * URLs, API keys). Compared case-insensitively; `redactQueryParams` adds to the list.
 */
export const DEFAULT_REDACT_QUERY_PARAMS: ReadonlyArray<string> = Object.freeze([
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'password',
  'secret',
  'client_secret',
  'api_key',
  'apikey',
  'key',
  'signature',
  'sig',
  'code',
]);

// Field names (in log fields) that hold secrets whatever their casing or separators.
const SECRET_FIELD_NAMES = ['accesstoken', 'refreshtoken', 'idtoken', 'password', 'secret', 'token', 'apikey', 'authorization', 'cookie'];

/** The resolved redaction rules: lower-cased header and parameter names. */
export interface Redaction {
  readonly headers: ReadonlySet<string>;
  readonly queryParams: ReadonlySet<string>;
}

/** Defaults plus the app's extra names (validated by options.ts). */
export function createRedaction(extraHeaders: ReadonlyArray<string> = [], extraQueryParams: ReadonlyArray<string> = []): Redaction {
  return Object.freeze({
    headers: new Set([...DEFAULT_REDACT_HEADERS, ...extraHeaders].map((name) => name.toLowerCase())),
    queryParams: new Set([...DEFAULT_REDACT_QUERY_PARAMS, ...extraQueryParams].map((name) => name.toLowerCase())),
  });
}

/** Headers as a plain object for a log line, credential values replaced. */
export function redactHeaders(headers: Headers | Readonly<Record<string, unknown>>, redaction: Redaction): Record<string, string> {
  const out: Record<string, string> = {};
  // forEach, not entries(): Headers is only iterable with lib DOM.Iterable, which consumers may lack.
  const entries: Array<[string, unknown]> = [];
  if (isHeaders(headers)) headers.forEach((value, name) => entries.push([name, value]));
  else entries.push(...Object.entries(headers));
  for (const [name, value] of entries) {
    const lower = name.toLowerCase();
    out[lower] = redaction.headers.has(lower) || isSecretFieldName(lower) ? REDACTED : redactText(String(value));
  }
  return out;
}

/**
 * A URL for a log line: user:password and the fragment removed, values of secret parameters
 * replaced. Other parameters stay readable (unlike NetworkError's URL, which masks every value
 * because it travels to crash reporters).
 */
export function redactLogUrl(url: string, redaction: Redaction): string {
  return redactUrlWith(url, (name) => redaction.queryParams.has(decodeName(name).toLowerCase()), REDACTED);
}

/**
 * Masks credentials embedded in free text (errors/redact-credentials.ts): auth schemes with a
 * credential-shaped value, `name=value` secrets, JWTs, long random keys; prose stays. URLs in text are the caller's business
 * (logging.ts keeps them readable with `redactLogUrl`).
 */
export function redactText(text: string): string {
  return redactCredentials(text, REDACTED);
}

/** True for a log field name that holds a secret (`accessToken`, `refresh_token`, `X-Api-Key`…). */
export function isSecretFieldName(name: string): boolean {
  const normalised = name.toLowerCase().replace(/[-_\s]/g, '');
  return SECRET_FIELD_NAMES.some((secret) => normalised === secret || normalised.endsWith(secret));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}

function isHeaders(value: unknown): value is Headers {
  return typeof Headers !== 'undefined' && value instanceof Headers;
}
