/// <reference types="node" />
/**
 * What one file of the file adapter holds: a one-line header, then the key, then the value.
 *
 *   tether-kv 1 <utf8|utf16le> <key bytes> <value bytes> <sha256 of key+value, hex>\n<key><value>
 *
 * The format version lets a later release change the layout (an older or newer file is a miss);
 * the lengths and checksum make a truncated, padded or bit-flipped file a miss instead of a
 * wrong value. The key is inside so hashed file names can be listed and a file copied under
 * another name is not mistaken for that key. UTF-8 unless a string has a lone surrogate, which
 * UTF-8 cannot carry; UTF-16 keeps every JavaScript string exactly.
 */
import { createHash } from 'node:crypto';
import { hasLoneSurrogate } from './file-names.js';

const MAGIC = 'tether-kv';
/** The current format version; files of any other version are misses. */
export const FORMAT_VERSION = 1;
// Longer than any header we write (magic, version, encoding, two lengths, 64 hex digits).
const MAX_HEADER = 160;

type Encoding = 'utf8' | 'utf16le';

/** A decoded entry. */
export interface Entry {
  readonly key: string;
  readonly value: string;
}

function digest(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

/** The bytes of the file holding `value` under `key`. */
export function encodeEntry(key: string, value: string): Uint8Array {
  const encoding: Encoding = hasLoneSurrogate(key) || hasLoneSurrogate(value) ? 'utf16le' : 'utf8';
  const keyBytes = Buffer.from(key, encoding);
  const valueBytes = Buffer.from(value, encoding);
  const body = Buffer.concat([keyBytes, valueBytes]);
  const header = `${MAGIC} ${FORMAT_VERSION} ${encoding} ${keyBytes.length} ${valueBytes.length} ${digest(body)}\n`;
  return Buffer.concat([Buffer.from(header, 'latin1'), body]);
}

const LENGTH = /^(?:0|[1-9]\d{0,15})$/;

/** The entry in `bytes`, or undefined when they are not one whole, intact entry of this version. */
export function decodeEntry(data: Uint8Array): Entry | undefined {
  const bytes = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const end = bytes.subarray(0, MAX_HEADER).indexOf(0x0a);
  if (end < 0) return undefined;
  const fields = bytes.subarray(0, end).toString('latin1').split(' ');
  if (fields.length !== 6) return undefined;
  const [magic, version, encoding, keyLength, valueLength, sum] = fields as [string, string, string, string, string, string];
  if (magic !== MAGIC || version !== String(FORMAT_VERSION)) return undefined;
  if ((encoding !== 'utf8' && encoding !== 'utf16le') || !LENGTH.test(keyLength) || !LENGTH.test(valueLength)) return undefined;
  const keyBytes = Number(keyLength);
  const body = bytes.subarray(end + 1);
  if (body.length !== keyBytes + Number(valueLength)) return undefined;
  if (digest(body) !== sum) return undefined;
  return { key: body.subarray(0, keyBytes).toString(encoding), value: body.subarray(keyBytes).toString(encoding) };
}
