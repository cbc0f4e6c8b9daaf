/**
 * The `Authorization` value of HTTP Basic (RFC 7617): `Basic base64(username ":" password)`,
 * the pair encoded as UTF-8 first (the RFC's `charset="UTF-8"`, what every current server
 * expects). Written by hand rather than with `btoa`, which only takes Latin-1 and is missing
 * on older React Native engines (UTF-8 from platform/utf8.ts for the same reason).
 */
import { utf8 } from '../platform/utf8.js';
import type { BasicCredentials } from './credentials.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Why a Basic credential cannot be sent; the message never holds the credential. */
export class BasicCredentialsError extends Error {
  override readonly name = 'BasicCredentialsError';
}

/** `Basic …` for `credentials`; throws BasicCredentialsError when the username holds a `:`. */
export function basicAuthorization(credentials: BasicCredentials): string {
  // RFC 7617 §2: the first colon separates the two, so a username cannot contain one.
  if (credentials.username.includes(':')) throw new BasicCredentialsError('the username contains ":", which HTTP Basic cannot carry');
  return `Basic ${base64(utf8(`${credentials.username}:${credentials.password}`))}`;
}

/** Standard base64 (with padding) of `bytes`. */
export function base64(bytes: ReadonlyArray<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(triple >> 18) & 63]! + ALPHABET[(triple >> 12) & 63]!;
    out += b === undefined ? '=' : ALPHABET[(triple >> 6) & 63]!;
    out += c === undefined ? '=' : ALPHABET[triple & 63]!;
  }
  return out;
}
