/**
 * Validation error bodies → one shape. Servers disagree on how they say "field X is wrong";
 * apps should not care. Every recognised shape becomes a list of `ValidationIssue`s (valibot's
 * issue shape: path array, message, code), and `fieldErrors` is derived from those issues.
 *
 * Understood by `defaultValidationErrorMapper`:
 *   - RFC 9457 problem details: `errors` (our server, Spring), `invalid-params` (RFC 9457 §3's
 *     example, `{ name, reason }`), `violations` (Zalando problem, `{ field, message }`);
 *     items may name their place by `pointer`, `field`, `path`, `name`, `propertyPath` or `loc`;
 *   - FastAPI / Pydantic: `detail: [{ loc, msg, type }]`, with the leading `body` / `query` /
 *     `path` / `header` segment of `loc` dropped (it says where, not which field);
 *   - Rails / Laravel: `errors: { field: [messages] }` (Rails' `base` is form-level);
 *   - JSON:API: `errors: [{ source: { pointer | parameter }, detail, code }]`;
 *   - a plain `{ message }` (or `{ error: string }`, `{ detail: string }`, `{ title }`): one
 *     form-level issue.
 * Anything else yields one form-level "Invalid request" issue; the body stays on `error.data`.
 *
 * Form-level errors (about the request as a whole, JSON pointer "", Rails `base`, Laravel's
 * and Django's `_form`/`non_field_errors`) have the empty path and land under the key `''`.
 */
/** Field path (`items[0].quantity`) → messages from a 422 body. */
export type FieldErrors = Readonly<Record<string, ReadonlyArray<string>>>;

/** A path segment: an object key or an array index. */
export type PathSegment = string | number;

/** One problem with one field of a request (valibot's issue shape, trimmed). */
export interface ValidationIssue {
  /** Where: `['items', 0, 'quantity']`; `[]` for the request as a whole. */
  readonly path: ReadonlyArray<PathSegment>;
  readonly message: string;
  /** Machine-readable reason when the server (or schema) gives one, e.g. `too_small`. */
  readonly code?: string | undefined;
}

/**
 * Turns a 400/422 body into issues. Return `undefined` when the body is not a shape you
 * recognise: the next mapper (finally the built-in one) is asked.
 */
export type ValidationErrorMapper = (
  data: unknown,
  response: { readonly status: number; readonly headers: Headers },
) => ReadonlyArray<ValidationIssue> | undefined;

/** The key form-level messages are stored under in `fieldErrors`. */
export const FORM_ERROR_KEY = '';

const FORM_LEVEL_FIELDS = new Set(['base', '_form', 'non_field_errors', '__all__']);
const LOCATIONS = new Set(['body', 'query', 'path', 'header', 'headers', 'cookie']);

/** Recognised shapes → issues; `undefined` when the body is none of them. */
export const defaultValidationErrorMapper: ValidationErrorMapper = (data) => {
  if (!isRecord(data)) return undefined;
  for (const key of ['errors', 'invalid-params', 'invalid_params', 'violations'] as const) {
    const list = data[key];
    if (Array.isArray(list) && list.length > 0) return list.filter(isRecord).map(issueFromItem);
    if (key === 'errors' && isRecord(list) && Object.keys(list).length > 0) return issuesFromFieldMap(list);
  }
  const detail = data['detail'];
  if (Array.isArray(detail) && detail.length > 0) return detail.filter(isRecord).map(pydanticIssue);
  for (const key of ['message', 'error', 'detail', 'title'] as const) {
    const value = data[key];
    if (typeof value === 'string' && value !== '') return [{ path: [], message: value }];
  }
  return undefined;
};

/**
 * Runs the mappers in order (the app's first, the built-in last); the first answer wins.
 * An unrecognised body still gives one form-level issue so a form always has something to show.
 */
export function mapValidationIssues(
  data: unknown,
  response: { readonly status: number; readonly headers: Headers },
  mappers: ReadonlyArray<ValidationErrorMapper> = [defaultValidationErrorMapper],
): { issues: ReadonlyArray<ValidationIssue>; recognised: boolean } {
  for (const mapper of mappers) {
    const issues = mapper(data, response);
    if (issues !== undefined) return { issues, recognised: true };
  }
  return { issues: [{ path: [], message: 'Invalid request' }], recognised: false };
}

/** Issues → `field path → messages` (in order, duplicates kept once). */
export function toFieldErrors(issues: ReadonlyArray<ValidationIssue>): FieldErrors {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const list = (out[formatPath(issue.path)] ??= []);
    if (!list.includes(issue.message)) list.push(issue.message);
  }
  return out;
}

/** Kept for callers of the first version: a body → field errors with the built-in mapper. */
export function mapFieldErrors(data: unknown): FieldErrors {
  const issues = defaultValidationErrorMapper(data, { status: 422, headers: new Headers() });
  return issues ? toFieldErrors(issues) : {};
}

/** `['items', 0, 'quantity']` → `items[0].quantity`. */
export function formatPath(segments: ReadonlyArray<PathSegment>): string {
  let path = '';
  for (const s of segments) {
    if (typeof s === 'number' || /^\d+$/.test(s)) path += `[${s}]`;
    else path += path === '' ? s : `.${s}`;
  }
  return path;
}

function issueFromItem(item: Record<string, unknown>): ValidationIssue {
  const code = item['code'] ?? item['type'];
  return { path: normalise(segmentsOf(item)), message: messageOf(item), code: typeof code === 'string' ? code : undefined };
}

function pydanticIssue(item: Record<string, unknown>): ValidationIssue {
  const loc = Array.isArray(item['loc']) ? item['loc'].filter(isSegment) : [];
  const path = loc.length > 0 && typeof loc[0] === 'string' && LOCATIONS.has(loc[0]) ? loc.slice(1) : loc;
  const type = item['type'];
  return { path: normalise(path), message: messageOf(item), code: typeof type === 'string' ? type : undefined };
}

function issuesFromFieldMap(errors: Record<string, unknown>): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [field, value] of Object.entries(errors)) {
    const path = FORM_LEVEL_FIELDS.has(field) ? [] : normalise(parseDotted(field));
    for (const m of Array.isArray(value) ? value : [value]) {
      if (typeof m === 'string') out.push({ path, message: m });
      else if (isRecord(m)) out.push({ path, message: messageOf(m) });
    }
  }
  return out;
}

function segmentsOf(item: Record<string, unknown>): PathSegment[] {
  const source = item['source'];
  const pointer = item['pointer'] ?? (isRecord(source) ? source['pointer'] ?? source['parameter'] : undefined);
  if (typeof pointer === 'string') return pointer.startsWith('/') || pointer.startsWith('#') || pointer === '' ? parsePointer(pointer) : parseDotted(pointer);
  const path = item['field'] ?? item['path'] ?? item['name'] ?? item['propertyPath'] ?? item['loc'];
  if (typeof path === 'string') return path.startsWith('/') ? parsePointer(path) : parseDotted(path);
  if (Array.isArray(path)) return path.filter(isSegment);
  return [];
}

/** Array indices as numbers, form-level names as the empty path. */
function normalise(path: ReadonlyArray<PathSegment>): PathSegment[] {
  if (path.length === 1 && typeof path[0] === 'string' && FORM_LEVEL_FIELDS.has(path[0])) return [];
  return path.map((s) => (typeof s === 'string' && /^\d+$/.test(s) ? Number(s) : s));
}

/** RFC 6901 JSON pointer (optionally as a `#` URI fragment) → segments. */
function parsePointer(pointer: string): PathSegment[] {
  const body = pointer.startsWith('#') ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (body === '') return [];
  return body
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `items.0.quantity` or `items[0].quantity` → segments. */
function parseDotted(path: string): PathSegment[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((s) => s !== '');
}

function messageOf(item: Record<string, unknown>): string {
  for (const key of ['detail', 'message', 'msg', 'reason', 'title']) {
    const value = item[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'Invalid value';
}

function isSegment(s: unknown): s is PathSegment {
  return typeof s === 'string' || typeof s === 'number';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
