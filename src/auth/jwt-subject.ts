/**
 * The `sub` claim of a JWT access token, read without verifying it: only used to tell whose a
 * token is (the token manager's session check, the cache's and the offline queue's owners).
 */
import { utf8Decode } from '../platform/utf8-decode.js';

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
