/**
 * Checks on a call's input that hold whatever `validate` says, because they protect the
 * request itself rather than the spec's shapes:
 *
 * - A path value can never change the path. openapi-fetch percent-encodes `/`, `?`, `#`, `\`
 *   and `%` in a value, so those stay inside their segment; but `.` and `..` are dot segments
 *   that the URL parser removes, so `DELETE /users/{id}/sessions` with id `..` would become
 *   `DELETE /sessions`. Percent-encoding cannot help (the URL standard treats `%2e` as `.`
 *   too), so these two values are refused, as is a missing or empty value (which leaves `{id}`
 *   or an empty segment in the path). Encoded forms given as values (`%2e`, `.%2E`) are safe:
 *   their `%` is encoded, so they arrive as the literal text.
 * - A header value must be sendable: no CR, LF or NUL (header injection) and nothing outside
 *   Latin-1 (fetch cannot encode it). fetch would throw a TypeError that looks exactly like a
 *   connection failure; here it is the app's input, named, before anything is sent.
 */
import type { ValidationIssue } from '../errors/field-errors.js';
import { pathSlots } from './path-template.js';

// Values that are a dot segment once placed alone in a segment. Encoded forms (`%2e`) are not:
// openapi-fetch encodes their `%` (`%252e`), so they reach the server as the literal text.
const DOT_SEGMENT = /^\.{1,2}$/;
// What HTTP/1.1 lets a field value hold (RFC 9110 §5.5: VCHAR, SP, HTAB, obs-text): no CR, LF,
// NUL or other controls, nothing beyond one byte. Node refuses the rest when writing the request.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** The call's parameters as far as these checks care. */
interface CheckedInit {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly header?: Readonly<Record<string, unknown>>;
  };
  readonly headers?: unknown;
}

/** Problems with path values and header values; empty when the request may be built. */
export function requestInputIssues(template: string, init: CheckedInit): ValidationIssue[] {
  let issues: ValidationIssue[] | undefined;
  const add = (name: string, message: string) => (issues ??= []).push({ path: [name], message, code: 'unsafe_input' });

  // The same placeholders the URL is filled from (path-template.ts), parsed once per template.
  const slots = pathSlots(template);
  if (slots.length > 0) {
    const values = init.params?.path;
    for (const { name, style } of slots) {
      const problem = pathValueProblem(values?.[name], style === 'label');
      if (problem) add(name, problem);
    }
  }
  const header = init.params?.header;
  if (header) {
    for (const name in header) {
      if (headerValueProblem(header[name])) add(name, 'Header value contains a line break, a control character or a character outside Latin-1');
    }
  }
  const headers = init.headers;
  if (headers && typeof headers === 'object' && !isHeadersObject(headers)) {
    for (const [name, value] of Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers)) {
      if (headerValueProblem(value)) add(String(name), 'Header value contains a line break, a control character or a character outside Latin-1');
    }
  }
  return issues ?? [];
}

/** Why a path value would not stay one segment of its own, or undefined when it would. */
function pathValueProblem(value: unknown, label: boolean): string | undefined {
  if (value === undefined || value === null) return 'Path parameter is missing';
  // A plain string (the usual value) needs no array to be joined.
  let joined: string;
  if (typeof value === 'string') joined = value;
  else {
    const parts = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value as object) : [value];
    if (parts.length === 0) return 'Path parameter is empty';
    joined = parts.map(String).join(',');
  }
  if (joined === '') return 'Path parameter is empty';
  // Label style puts a `.` before the value: `.` + `.` is `..`.
  if (DOT_SEGMENT.test(joined) || (label && DOT_SEGMENT.test(`.${joined}`))) {
    return 'Path parameter must not be "." or ".." (the URL would drop or climb a segment)';
  }
  return undefined;
}

/** True when HTTP/1.1 can carry `value` as a header value as it is. */
export function isSendableHeaderValue(value: string): boolean {
  return !BAD_HEADER_VALUE.test(value);
}

function headerValueProblem(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  return BAD_HEADER_VALUE.test(Array.isArray(value) ? value.join(', ') : String(value));
}

function isHeadersObject(value: object): boolean {
  return typeof Headers !== 'undefined' && value instanceof Headers;
}
