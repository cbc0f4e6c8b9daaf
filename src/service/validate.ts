/**
 * Runtime validation against the generated schemas (Standard Schema validators, valibot in
 * generated code). Requests are checked before anything touches the network, so a form gets
 * the same VALIDATION error it would get from a 422; responses are checked after parsing, so a
 * server breaking its contract fails loudly at the SDK boundary instead of deep in UI code.
 *
 * Cheap and lazy: schemas are module-level constants built once at import (and each one only
 * when its operation is imported, so bundles keep only the operations an app calls); a call
 * whose mode is 'off' does no work at all.
 */
import type { PathSegment, ValidationIssue } from '../errors/field-errors.js';
import type { OperationMeta } from '../contract/operation.js';
import type { StandardSchemaV1 } from '../contract/standard-schema.js';
import { jsonBodies } from './body/json-body.js';
import { platformSendsCookies } from './params/cookie-platform.js';

/**
 * 'strict': wrong input rejects with VALIDATION (nothing sent); a wrong response rejects with
 * UNKNOWN. 'warn': both are logged at warn and the call goes on. 'off': no validation.
 */
export type ValidateMode = 'strict' | 'warn' | 'off';

const MODES: ReadonlyArray<ValidateMode> = ['strict', 'warn', 'off'];

/** Checks a `validate` option; `undefined` keeps the fallback. */
export function resolveValidateMode(value: unknown, fallback: ValidateMode, name = 'options.validate'): ValidateMode {
  if (value === undefined) return fallback;
  if (!MODES.includes(value as ValidateMode)) {
    throw new TypeError(`Tether: ${name} must be 'strict', 'warn' or 'off'`);
  }
  return value as ValidateMode;
}

/** A value or the promise of one: validators may answer either way (Standard Schema). */
export type MaybePromise<T> = T | Promise<T>;

/** True for a promise (or any thenable) a validator answered with. */
export function isThenable<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Runs one schema; `undefined` when the value passes. Synchronous when the validator is
 * (valibot's are): no promise and no extra turn per schema on every call.
 */
export function issuesOf(schema: StandardSchemaV1, value: unknown): MaybePromise<ValidationIssue[] | undefined> {
  const result = schema['~standard'].validate(value);
  return isThenable(result) ? result.then(toIssues) : toIssues(result);
}

function toIssues(result: StandardSchemaV1.Result<unknown>): ValidationIssue[] | undefined {
  if (!result.issues) return undefined;
  return result.issues.map((issue) => ({
    path: (issue.path ?? []).map(segmentOf),
    message: issue.message,
    code: codeOf(issue),
  }));
}

/** The call's init as far as validation cares. */
interface RequestParts {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly query?: Readonly<Record<string, unknown>>;
    readonly header?: Readonly<Record<string, unknown>>;
    readonly cookie?: Readonly<Record<string, unknown>>;
  };
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly contentType?: string;
}

/**
 * Body and parameter issues of a request (after the idempotency key is applied, so a key the
 * runtime generates satisfies a spec that marks the header required). Parameter issues are
 * named without their location (`limit`, not `query.limit`), as servers name them.
 */
export function requestIssues(meta: OperationMeta, init: RequestParts): MaybePromise<ValidationIssue[]> {
  const { body: bodySchema, params: paramsSchema } = meta.schemas;
  // Only bodies sent as JSON: streams, Blobs, FormData and form/text bodies are not the JSON schema's shape.
  const body = bodySchema && init.body !== undefined && meta.requestContentType !== undefined && (meta.bodyCodec ?? jsonBodies).sentAsJson(meta, init.body, init.contentType) ? issuesOf(bodySchema, init.body) : undefined;
  const params = paramsSchema ? issuesOf(paramsSchema, paramsOf(meta, init)) : undefined;
  const skipCookies = params !== undefined && cookiesFromPlatform(init);
  if (isThenable(body) || isThenable(params)) return Promise.all([body, params]).then(([b, p]) => joinIssues(b, p, skipCookies));
  return joinIssues(body, params, skipCookies);
}

/**
 * The parameters as one object for the params schema, with the idempotency key header. Absent
 * groups are `{}`, so a missing required parameter is named (`session`), not its group. The
 * exception is cookies on a platform that cannot send a Cookie header (browsers): there the
 * browser's own jar supplies them, so an app that gives none is not held to the cookie group
 * (docs/wire.md); cookies it does give are still checked (and then refused as unsendable).
 */
function paramsOf(meta: OperationMeta, init: RequestParts): { path: object; query: object; header: Record<string, unknown>; cookie: object } {
  const key = meta.idempotencyKeyHeader;
  const header = { ...init.params?.header };
  const keyValue = key === undefined ? undefined : headerValue(init.headers, key);
  if (key !== undefined && keyValue !== undefined) header[key] = keyValue;
  return { path: init.params?.path ?? {}, query: init.params?.query ?? {}, header, cookie: init.params?.cookie ?? {} };
}

function joinIssues(body: ValidationIssue[] | undefined, params: ValidationIssue[] | undefined, skipCookies: boolean): ValidationIssue[] {
  const out: ValidationIssue[] = body ? [...body] : [];
  for (const issue of params ?? []) if (!(skipCookies && issue.path[0] === 'cookie')) out.push({ ...issue, path: issue.path.slice(1) });
  return out;
}

/** A browser supplies cookies from its own jar: an app that gives none is not held to the cookie group. */
function cookiesFromPlatform(init: RequestParts): boolean {
  return init.params?.cookie === undefined && !platformSendsCookies();
}

/**
 * The schema for a response status: the exact code, then its class (`2XX`), then `default`.
 * Undefined when the spec has none, or when the call asked for a sparse fieldset (`fields`
 * query parameter): those answers are partial objects by design and would always fail.
 */
export function responseSchema(meta: OperationMeta, status: number, query: Readonly<Record<string, unknown>> | undefined): StandardSchemaV1 | undefined {
  if (meta.responseKind !== 'json') return undefined;
  if (query?.['fields'] !== undefined) return undefined;
  const responses = meta.schemas.responses;
  if (!responses) return undefined;
  return responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses['default'];
}

function headerValue(headers: Readonly<Record<string, unknown>> | undefined, name: string): unknown {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

function segmentOf(segment: PropertyKey | { readonly key: PropertyKey }): PathSegment {
  const key = typeof segment === 'object' ? segment.key : segment;
  return typeof key === 'number' ? key : String(key);
}

/** valibot issues carry `type` (e.g. `min_value`); other vendors may carry `code`. */
function codeOf(issue: StandardSchemaV1.Issue): string | undefined {
  const extra = issue as { readonly type?: unknown; readonly code?: unknown };
  const code = extra.code ?? extra.type;
  return typeof code === 'string' ? code : undefined;
}
