/**
 * The cache scope: whose entries these are. Every key includes it, so two users never share an
 * entry, and `clearScope` wipes exactly one user's. The scope is derived, never the raw token:
 * the cache persists keys and envelopes to storage, where a token must never land.
 */
import { sha256Hex } from './sha256.js';
import { jwtSubject } from '../../auth/jwt-subject.js';

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
