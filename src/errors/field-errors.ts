/**
 * Maps a 422 body to `field path → messages`. Deliberately small: issue 5 makes this
 * pluggable. Understood now:
 *   - RFC 9457 problem details with an `errors` array whose items carry `pointer` (or
 *     JSON:API's `source.pointer`, or `field` / `path` / `loc`) and `detail` (or `message`);
 *   - an `errors` object mapping field → message or messages (Rails, Laravel).
 * Paths come out in the form apps write in forms code: `/items/0/quantity` → `items[0].quantity`.
 * Errors about the whole body (pointer "" or no path) land under the key "".
 */
import type { FieldErrors } from './network-error.js';

type Segment = string | number;

/** Field errors found in a validation error body; empty when it has none we understand. */
export function mapFieldErrors(data: unknown): FieldErrors {
  const out: Record<string, string[]> = {};
  const add = (path: string, message: string) => {
    (out[path] ??= []).push(message);
  };
  const errors = isRecord(data) ? data['errors'] : undefined;

  if (Array.isArray(errors)) {
    for (const item of errors) {
      if (!isRecord(item)) continue;
      add(formatPath(segmentsOf(item)), messageOf(item));
    }
  } else if (isRecord(errors)) {
    for (const [field, value] of Object.entries(errors)) {
      const path = formatPath(parseDotted(field));
      const messages = Array.isArray(value) ? value : [value];
      for (const m of messages) if (typeof m === 'string') add(path, m);
    }
  }
  return out;
}

/** `['items', 0, 'quantity']` → `items[0].quantity`. */
export function formatPath(segments: ReadonlyArray<Segment>): string {
  let path = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(s)) path += `[${s}]`;
    else path += path === '' ? s : `.${s}`;
  }
  return path;
}

function segmentsOf(item: Record<string, unknown>): Segment[] {
  const source = item['source'];
  const pointer = item['pointer'] ?? (isRecord(source) ? source['pointer'] : undefined);
  if (typeof pointer === 'string') return parsePointer(pointer);
  const path = item['field'] ?? item['path'] ?? item['loc'];
  if (typeof path === 'string') return path.startsWith('/') ? parsePointer(path) : parseDotted(path);
  if (Array.isArray(path)) {
    return path.filter((s): s is Segment => typeof s === 'string' || typeof s === 'number');
  }
  return [];
}

/** RFC 6901 JSON pointer (optionally as a `#` URI fragment) → segments. */
function parsePointer(pointer: string): Segment[] {
  const body = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === '') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `items.0.quantity` or `items[0].quantity` → segments. */
function parseDotted(path: string): Segment[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

function messageOf(item: Record<string, unknown>): string {
  for (const key of ['detail', 'message', 'msg', 'title']) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'Invalid value';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
