/**
 * Puts one static credential where its scheme says: a header, a query parameter, a cookie, or
 * `Authorization`. Values are checked before they touch the request, because a header value
 * with a line break makes fetch throw a TypeError that would pass for a lost connection, and
 * a cookie value with `;` would smuggle in a second cookie. Query values are percent-encoded
 * and appended by hand, so the rest of the query keeps the exact bytes its serializer chose.
 *
 * Platforms: browsers forbid setting `Cookie` from script (fetch drops it silently); there a
 * cookie API key must be a real cookie of the API's origin (docs/wire.md, Auth schemes).
 */
import { basicAuthorization } from './basic-auth.js';
import { isBasic, type CredentialValue } from './credentials.js';
import type { SecurityScheme } from './security-schemes.js';
import type { Attempt } from '../network/types.js';

/** Why a credential value cannot be sent; the message names the scheme's rule, never the value. */
export class CredentialValueError extends Error {
  override readonly name = 'CredentialValueError';
}

// RFC 9110 field-value: visible ASCII, obs-text, spaces and tabs; nothing that ends a line.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]+$/;
// RFC 6265 cookie-octet: no whitespace, DQUOTE, comma, semicolon or backslash.
const COOKIE_VALUE = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]+$/;

/** True when the app already put this scheme's credential on the attempt itself (left alone). */
export function carriesCredential(attempt: Attempt, scheme: SecurityScheme): boolean {
  if (scheme.kind !== 'apiKey') return attempt.headers.has('authorization');
  if (scheme.in === 'header') return attempt.headers.has(scheme.name);
  if (scheme.in === 'cookie') return cookieNames(attempt.headers.get('cookie')).includes(scheme.name);
  return queryNames(attempt.url).includes(scheme.name);
}

/** Adds `value` to `attempt` as `scheme` says; throws CredentialValueError for a value it cannot carry. */
export function applyCredential(attempt: Attempt, scheme: SecurityScheme, value: CredentialValue): void {
  if (scheme.kind === 'basic') {
    if (!isBasic(value)) throw new CredentialValueError('expected { username, password }');
    attempt.headers.set('authorization', checkedHeader(basicAuthorization(value)));
    return;
  }
  if (typeof value !== 'string') throw new CredentialValueError('expected a string');
  if (value === '') throw new CredentialValueError('the credential is empty');
  if (scheme.kind === 'http') {
    attempt.headers.set('authorization', checkedHeader(`${scheme.scheme} ${value}`));
  } else if (scheme.kind === 'apiKey' && scheme.in === 'header') {
    attempt.headers.set(scheme.name, checkedHeader(value));
  } else if (scheme.kind === 'apiKey' && scheme.in === 'cookie') {
    if (!COOKIE_VALUE.test(value)) throw new CredentialValueError('a cookie value may not hold whitespace, quotes, commas, semicolons or backslashes');
    const existing = attempt.headers.get('cookie');
    attempt.headers.set('cookie', existing ? `${existing}; ${scheme.name}=${value}` : `${scheme.name}=${value}`);
  } else if (scheme.kind === 'apiKey') {
    attempt.url = withQueryParam(attempt.url, scheme.name, value);
  } else {
    throw new CredentialValueError(`a ${scheme.kind} scheme is not sent by the SDK`);
  }
}

function checkedHeader(value: string): string {
  if (!HEADER_VALUE.test(value)) throw new CredentialValueError('a header value may hold neither line breaks nor characters above U+00FF');
  return value;
}

/** `url` with `name=value` appended to its query (before any fragment). */
function withQueryParam(url: string, name: string, value: string): string {
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  const pair = `${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
  const joined = base.includes('?') ? `${base}${base.endsWith('?') || base.endsWith('&') ? '' : '&'}${pair}` : `${base}?${pair}`;
  return hash === -1 ? joined : joined + url.slice(hash);
}

/** Decoded names of `url`'s query parameters. */
function queryNames(url: string): string[] {
  const q = url.indexOf('?');
  if (q === -1) return [];
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash === -1 ? undefined : hash);
  return query.split('&').filter(Boolean).map((pair) => decode(pair.split('=')[0]!));
}

function cookieNames(header: string | null): string[] {
  if (!header) return [];
  return header.split(';').map((pair) => pair.split('=')[0]!.trim());
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
