/**
 * `format` → a valibot action. Checks are tolerant where real servers are loose (date-time), and
 * formats that describe encoding or size rather than shape are accepted without a check.
 *
 * @see https://spec.openapis.org/oas/v3.1.0#data-types
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#name-defined-formats
 */

/**
 * Every check here accepts at least what the reference JSON Schema validator (Ajv with
 * ajv-formats, full mode) accepts, so a format can only make Tether looser than the spec's
 * JSON Schema, never stricter (test/codegen/validators-differential.test.ts holds us to it).
 */

/**
 * RFC 3339 date-time, tolerantly: `T`, `t` or any white space between date and time, any number
 * of fraction digits, a leap second, `Z`/`z` or an offset with or without a colon — and no
 * offset at all, since many servers send local timestamps and rejecting them would fail whole
 * responses.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt\s]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/u;

/** RFC 3339 full-time (`partial-time time-offset`), with the offset optional as above. */
const TIME = /^\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?$/u;

/**
 * An absolute URI's shape (RFC 3986 scheme, then no white space). WHATWG `new URL` (valibot's
 * `url`) refuses some valid URIs (`http://h:99999`, `a:%zz`), so it would be stricter than the spec.
 */
const URI = /^[a-z][a-z\d+.-]*:\S*$/iu;

/** RFC 4122, also in its `urn:uuid:` form (which JSON Schema's `uuid` admits). */
const UUID = /^(?:urn:uuid:)?[\da-f]{8}-(?:[\da-f]{4}-){3}[\da-f]{12}$/iu;

/** RFC 5321 mailbox shape; domain labels of any length (valibot's `rfcEmail` caps them at 63). */
const EMAIL = /^[\w.!#$%&'*+/=?^`{|}~-]+@[a-z\d](?:[a-z\d.-]*[a-z\d])?$/iu;

/** IPv6 (with an embedded IPv4 tail or a zone): hex groups, colons, dots; the exact grammar is not re-checked. */
const IPV6 = /^[\da-f.]*:[\da-f:.]*(?:%[\w.~-]+)?$/iu;

/** `ip` (not a JSON Schema format; used by some specs for "v4 or v6"). */
const IP = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}|[\da-f.]*:[\da-f:.]*(?:%[\w.~-]+)?)$/iu;

/** A valibot action as data: its function name and literal arguments (built later, and keyed for sharing). */
export type ActionSpec = readonly [fn: string, ...args: Array<number | string | RegExp>];

const CHECKED: Record<string, ActionSpec> = {
  'date-time': ['regex', DATE_TIME],
  date: ['isoDate'],
  time: ['regex', TIME],
  email: ['regex', EMAIL],
  uuid: ['regex', UUID],
  uri: ['regex', URI],
  url: ['regex', URI],
  ipv4: ['ipv4'],
  ipv6: ['regex', IPV6],
  ip: ['regex', IP],
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
