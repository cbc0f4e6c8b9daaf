/**
 * The `Authorization` value of HTTP Basic (RFC 7617): `Basic base64(username ":" password)`,
 * the pair encoded as UTF-8 first (the RFC's `charset="UTF-8"`, what every current server
 * expects). Written by hand rather than with `btoa`, which only takes Latin-1 and is missing
 * on older React Native engines; `TextEncoder` is avoided for the same reason.
 */
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

/** UTF-8 bytes of `text` (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
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
