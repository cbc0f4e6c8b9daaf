/**
 * The cache scope: whose entries these are. Every key includes it, so two users never share an
 * entry, and `clearScope` wipes exactly one user's. The scope is derived, never the raw token:
 * the cache persists keys and envelopes to storage, where a token must never land.
 */
import { sha256Hex } from './sha256.js';
import { utf8Decode } from '../../platform/utf8-decode.js';

/** The scope for requests made without credentials (public data). */
export const ANONYMOUS_SCOPE = 'anonymous';

// Tags keep the two derivations apart: a token whose text equals some JWT's `sub` must not
// collide with that user's scope.
const SUB_TAG = 'tether.cache.scope.sub:';
const TOKEN_TAG = 'tether.cache.scope.token:';

/**
 * A stable, non-reversible scope id for an access token: the SHA-256 of the JWT's `sub` claim
 * when the token is a JWT with one (stable across refreshes, since the subject stays), else the
 * SHA-256 of the whole token (opaque tokens: the SDK's scope tracker keeps the scope of the
 * session's first token across refreshes, cache-scope.ts). `salt` (e.g. an app id) makes ids of
 * low-entropy subjects unguessable offline.
 */
export function scopeFromToken(accessToken: string, salt = ''): string {
  const sub = jwtSubject(accessToken);
  return sub !== undefined ? `sub-${sha256Hex(SUB_TAG + salt + sub)}` : `tok-${sha256Hex(TOKEN_TAG + salt + accessToken)}`;
}

/** Whether `accessToken` names its user (a JWT with `sub`): its scope then needs no session bookkeeping. */
export function namesSubject(accessToken: string): boolean {
  return jwtSubject(accessToken) !== undefined;
}

/** A digest of an opaque access token, by which a session recognises its own tokens (kept in storage, never the token). */
export function tokenDigest(accessToken: string, salt = ''): string {
  return sha256Hex('tether.cache.session.token:' + salt + accessToken);
}

/** A scope id for an app-chosen `cacheScope` (a user id, a tenant…), hashed so storage keys never show it. */
export function scopeFromName(name: string, salt = ''): string {
  return `app-${sha256Hex('tether.cache.scope.name:' + salt + name)}`;
}

/** The `sub` claim of a JWT (JWS compact form), or undefined when `token` is not one. Not verified: only used as a name. */
export function jwtSubject(token: string): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return undefined;
  const json = base64UrlToText(parts[1]);
  if (json === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(json);
    if (typeof claims !== 'object' || claims === null) return undefined;
    const sub = (claims as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub !== '' ? sub : undefined;
  } catch {
    return undefined; // not JSON: an opaque token that happens to contain two dots
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Decodes base64url (padding optional) to UTF-8 text; undefined on any invalid character. */
function base64UrlToText(input: string): string | undefined {
  const clean = input.replace(/=+$/, '');
  if (clean.length % 4 === 1) return undefined;
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value === -1) return undefined;
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  try {
    // Hermes (React Native) has no TextDecoder.
    return typeof TextDecoder === 'undefined' ? utf8Decode(new Uint8Array(bytes), true) : new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return undefined;
  }
}
