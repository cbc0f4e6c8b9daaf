/// <reference types="node" />
/**
 * Key → file name for the file adapter: one name per key, never two keys on one name, on any
 * file system (case-insensitive ones included: APFS, NTFS), and never a name the platform
 * treats specially (`.`, `..`, `CON`, a trailing dot, a path separator).
 *
 * - `e-<escaped>`: a well-formed key whose escaped form is short. Lower-case ASCII letters,
 *   digits, `_` and `-` stay; every other UTF-8 byte (upper case included) becomes `%XX` with
 *   upper-case hex. Literal letters are all lower case and escape digits all upper case, so two
 *   names can never differ only in case; the prefix keeps reserved device names away.
 * - `h-<sha256>`: long keys, and keys with a lone surrogate (UTF-8 cannot carry one, so two such
 *   keys could meet on U+FFFD). The hash is over the key's UTF-16 code units, which every string
 *   has exactly; the key itself is stored inside the file (see file-envelope.ts).
 * - `t-<pid>-<n>-<random>`: a write in progress; never a key. Anything else is not ours.
 */
import { createHash } from 'node:crypto';

/** Longest `e-` name; NAME_MAX is 255 bytes on every common file system, this leaves room. */
export const MAX_ESCAPED_NAME = 160;

const ENTRY = 'e-';
const HASHED = 'h-';
/** Prefix of the temp files writes go through; they are never listed as keys. */
export const TEMP_PREFIX = 't-';

const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** Whether the key has a lone surrogate (the `u` flag matches halves of a pair only when alone). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

function isLiteral(byte: number): boolean {
  return (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x5f || byte === 0x2d;
}

function escapeKey(key: string): string {
  let out = ENTRY;
  for (const byte of Buffer.from(key, 'utf8')) {
    out += isLiteral(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (out.length > MAX_ESCAPED_NAME) return '';
  }
  return out;
}

/** The file name holding `key`. */
export function fileNameFor(key: string): string {
  if (!hasLoneSurrogate(key)) {
    const escaped = escapeKey(key);
    if (escaped !== '') return escaped;
  }
  return HASHED + createHash('sha256').update(Buffer.from(key, 'utf16le')).digest('hex');
}

/** What a directory entry is: a key readable from its name, a hashed key (read the file), or not a key. */
export type EntryName = { readonly kind: 'key'; readonly key: string } | { readonly kind: 'hashed' } | { readonly kind: 'other' };

/** Classifies a directory entry; a name this module would not have produced is 'other'. */
export function parseFileName(name: string): EntryName {
  if (name.startsWith(HASHED)) return /^h-[0-9a-f]{64}$/.test(name) ? { kind: 'hashed' } : { kind: 'other' };
  if (!name.startsWith(ENTRY) || !/^e-(?:[a-z0-9_-]|%[0-9A-F]{2})*$/.test(name)) return { kind: 'other' };
  const bytes: number[] = [];
  for (let i = ENTRY.length; i < name.length; i++) {
    if (name[i] === '%') {
      bytes.push(Number.parseInt(name.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(name.charCodeAt(i));
  }
  const key = Buffer.from(bytes).toString('utf8');
  // Only the canonical spelling counts (no `%61` for `a`, no invalid UTF-8): one key, one name.
  return fileNameFor(key) === name ? { kind: 'key', key } : { kind: 'other' };
}
