/**
 * `format` → a valibot action. Checks are tolerant where real servers are loose (date-time), and
 * formats that describe encoding or size rather than shape are accepted without a check.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#data-types
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#name-defined-formats
 */

/**
 * RFC 3339 date-time, tolerantly: `T`, `t` or a space between date and time, any number of
 * fraction digits, a leap second, `Z`/`z` or an offset with or without a colon — and no offset
 * at all, since many servers send local timestamps and rejecting them would fail whole responses.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/u;

/** RFC 3339 full-time (`partial-time time-offset`), with the offset optional as above. */
const TIME = /^\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/u;

/** A valibot action as data: its function name and literal arguments (built later, and keyed for sharing). */
export type ActionSpec = readonly [fn: string, ...args: Array<number | string | RegExp>];

const CHECKED: Record<string, ActionSpec> = {
  'date-time': ['regex', DATE_TIME],
  date: ['isoDate'],
  time: ['regex', TIME],
  // valibot's `email` rejects many deliverable addresses (apostrophes, `+` tags in domains…).
  email: ['rfcEmail'],
  uuid: ['uuid'],
  uri: ['url'],
  url: ['url'],
  ipv4: ['ipv4'],
  ipv6: ['ipv6'],
  ip: ['ip'],
};

/** Formats that are known and deliberately not checked (encodings, sizes, or too loose to test). */
const UNCHECKED = new Set([
  'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
  'float', 'double', 'decimal', 'number', 'integer', 'string',
  'byte', 'binary', 'base64', 'base64url', 'password', 'char',
  'hostname', 'idn-hostname', 'idn-email', 'uri-reference', 'iri', 'iri-reference', 'uri-template',
  'json-pointer', 'relative-json-pointer', 'regex', 'duration', 'cidr', 'mac', 'timestamp',
  'unixtime', 'html', 'markdown', 'commonmark', 'media-range', 'phone', 'color', 'hex',
]);

export type FormatResult = { kind: 'check'; action: ActionSpec } | { kind: 'none' } | { kind: 'unknown' };

/** The action for a string `format`, `none` for known unchecked ones, `unknown` otherwise. */
export function formatAction(format: string): FormatResult {
  const action = Object.prototype.hasOwnProperty.call(CHECKED, format) ? CHECKED[format] : undefined;
  if (action) return { kind: 'check', action };
  if (UNCHECKED.has(format)) return { kind: 'none' };
  return { kind: 'unknown' };
}
