/**
 * UTF-8 decoding by hand, for hosts without `TextDecoder`: Hermes (React Native's engine) has
 * none, and the fallback that looks natural there, `new Response(bytes).text()`, decodes one
 * byte per character on RN (whatwg-fetch's readArrayBufferAsText), turning every non-ASCII
 * answer into mojibake. Callers use the platform's TextDecoder when it exists (native, faster on
 * large bodies) and this otherwise; it follows the Encoding standard's UTF-8 decoder, so both
 * give the same string for the same bytes (test/react-native/utf8-decode.test.ts checks it).
 */

/** Thrown in fatal mode on bytes that are not UTF-8 (TextDecoder's `fatal: true` throws a TypeError too). */
export class Utf8DecodeError extends TypeError {
  override readonly name = 'Utf8DecodeError';
}

const REPLACEMENT = 0xfffd;
// String.fromCharCode takes arguments: flushed in slices well under engines' argument limits.
const SLICE = 8192;

/**
 * The text of UTF-8 `bytes`, as `new TextDecoder().decode(bytes)` gives it: a leading BOM is
 * dropped, each maximal invalid subsequence becomes U+FFFD (or, with `fatal`, a Utf8DecodeError).
 */
export function utf8Decode(bytes: Uint8Array, fatal = false): string {
  const parts: string[] = [];
  let units: number[] = [];
  const push = (code: number): void => {
    if (code > 0xffff) {
      code -= 0x10000;
      units.push(0xd800 + (code >> 10), 0xdc00 + (code & 0x3ff));
    } else units.push(code);
    if (units.length >= SLICE) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  };
  const invalid = (at: number): void => {
    if (fatal) throw new Utf8DecodeError(`The bytes are not valid UTF-8 (at byte ${at})`);
    push(REPLACEMENT);
  };

  let needed = 0;
  let seen = 0;
  let code = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (needed === 0) {
      if (byte <= 0x7f) push(byte);
      else if (byte >= 0xc2 && byte <= 0xdf) {
        needed = 1;
        code = byte & 0x1f;
      } else if (byte >= 0xe0 && byte <= 0xef) {
        // E0 must not start an overlong form, ED not a surrogate.
        if (byte === 0xe0) lower = 0xa0;
        if (byte === 0xed) upper = 0x9f;
        needed = 2;
        code = byte & 0x0f;
      } else if (byte >= 0xf0 && byte <= 0xf4) {
        // F0 must not start an overlong form, F4 nothing past U+10FFFF.
        if (byte === 0xf0) lower = 0x90;
        if (byte === 0xf4) upper = 0x8f;
        needed = 3;
        code = byte & 0x07;
      } else invalid(i);
      continue;
    }
    if (byte < lower || byte > upper) {
      // The sequence so far is one error; this byte starts afresh (the standard's "prepend").
      needed = seen = code = 0;
      lower = 0x80;
      upper = 0xbf;
      invalid(i);
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    code = (code << 6) | (byte & 0x3f);
    if (++seen === needed) {
      push(code);
      needed = seen = code = 0;
    }
  }
  if (needed !== 0) invalid(bytes.length);
  if (units.length > 0) parts.push(String.fromCharCode(...units));
  const text = parts.join('');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
