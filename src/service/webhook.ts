/**
 * The runtime half of a generated webhook parser (OpenAPI 3.1 `webhooks`): the generator emits
 * one `defineWebhook(meta)` per webhook in `webhooks.ts`; this turns the body an app's HTTP
 * handler received into the typed payload, or a VALIDATION NetworkError naming the failing paths.
 *
 * Why `source: 'server'`: the payload was produced by the API's servers, outside the app, exactly
 * like a response body; 'client' means the SDK refused the app's own input before sending. An
 * app answering the webhook with 400 on this error is right either way. `status` is undefined
 * (the app received a request, nobody answered it yet) and `attempts` is 0.
 *
 * Parsing is synchronous: generated validators are synchronous valibot schemas. A Standard
 * Schema that answers with a promise cannot be used here and fails loudly (TypeError).
 */
import { formatPath, toFieldErrors, type PathSegment, type ValidationIssue } from '../errors/field-errors.js';
import { NetworkError, NetworkErrorType } from '../errors/network-error.js';
import type { HttpMethod } from '../contract/operation.js';
import type { StandardSchemaV1 } from '../contract/standard-schema.js';

/** What generated code declares about one webhook. */
export interface WebhookMeta {
  /** The name on the generated `webhooks` object, e.g. `orderShipped`. */
  readonly name: string;
  /** The key under `webhooks` in the spec, e.g. `order.shipped`. */
  readonly key: string;
  /** The method the API calls the app's endpoint with (almost always `post`). */
  readonly method: HttpMethod;
  /** Media type of the payload the parser expects; JSON payloads are parsed from text. */
  readonly contentType: string | undefined;
  /** Validator of the payload; undefined when the spec gives no (JSON) schema. */
  readonly schema: StandardSchemaV1 | undefined;
}

/**
 * A received webhook body: JSON text (`string`), its bytes (`ArrayBuffer`, `Uint8Array`,
 * Node's `Buffer`), or a value a framework already parsed (`req.body` of express.json()).
 */
export type WebhookBody = unknown;

/** `safeParse`'s answer: the payload, or the error `parse` would have thrown. */
export type WebhookResult<T> = { readonly data: T; readonly error?: undefined } | { readonly data?: undefined; readonly error: NetworkError };

/** A typed, validating parser for one webhook's payload. */
export interface WebhookParser<T> {
  readonly meta: WebhookMeta;
  /**
   * The typed payload of `body`, or throws a NetworkError (`type` VALIDATION, `source`
   * 'server', `fieldErrors` by path) when it is not JSON or does not match the spec. A string
   * or bytes are read as JSON text (for JSON payloads); anything else as the parsed value.
   */
  parse(body: WebhookBody): T;
  /** Like `parse`, but answers `{ data }` or `{ error }` instead of throwing. */
  safeParse(body: WebhookBody): WebhookResult<T>;
}

/** Builds the parser for one webhook; called by generated `webhooks.ts`. */
export function defineWebhook<T>(meta: WebhookMeta): WebhookParser<T> {
  const parse = (body: WebhookBody): T => {
    const value = decode(meta, body);
    if (meta.schema === undefined) return value as T;
    const result = meta.schema['~standard'].validate(value);
    if (result instanceof Promise) {
      throw new TypeError(`Tether: the schema of webhook ${meta.name} is asynchronous; webhook parsers only run synchronous schemas`);
    }
    if (result.issues) throw invalid(meta, 'does not match the spec', result.issues.map(issueOf));
    // The decoded input, not the schema's output, as for responses: validators only judge. A
    // valibot object schema answers a copy without `constructor`/`__proto__` keys, and an
    // object member of a union turns an array into `{}`; the app must get the payload as sent.
    return value as T;
  };
  return {
    meta,
    parse,
    safeParse(body) {
      try {
        return { data: parse(body) };
      } catch (error) {
        if (error instanceof NetworkError) return { error };
        throw error;
      }
    },
  };
}

const isJson = (contentType: string | undefined): boolean => contentType === undefined || /json/i.test(contentType);

/** Text or bytes of a JSON payload → the parsed value; anything else passes through. */
function decode(meta: WebhookMeta, body: WebhookBody): unknown {
  if (!isJson(meta.contentType)) return body;
  let text: string;
  if (typeof body === 'string') text = body;
  else if (body instanceof ArrayBuffer) text = new TextDecoder().decode(body);
  // A Uint8Array view: @types/node's decode() does not take lib's ArrayBufferView (no lib DOM).
  else if (ArrayBuffer.isView(body)) text = new TextDecoder().decode(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  else return body;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The JSON syntax message may quote the payload, which can hold personal data: keep it in `cause`.
    throw invalid(meta, 'is not valid JSON', [{ path: [], message: 'Invalid JSON', code: 'json' }], error);
  }
}

function invalid(meta: WebhookMeta, what: string, issues: ValidationIssue[], cause?: unknown): NetworkError {
  const paths = [...new Set(issues.map((i) => formatPath(i.path) || '(root)'))];
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return new NetworkError({
    type: NetworkErrorType.VALIDATION,
    // Paths only: validator messages can quote the rejected values.
    summary: `Webhook ${meta.name} payload ${what} (at ${paths.slice(0, 5).join(', ')}${more})`,
    method: meta.method,
    url: `webhook:${meta.key}`,
    fieldErrors: toFieldErrors(issues),
    issues,
    source: 'server',
    cause,
  });
}

function issueOf(issue: StandardSchemaV1.Issue): ValidationIssue {
  const extra = issue as { readonly type?: unknown; readonly code?: unknown };
  const code = extra.code ?? extra.type;
  return {
    path: (issue.path ?? []).map(segmentOf),
    message: issue.message,
    code: typeof code === 'string' ? code : undefined,
  };
}

function segmentOf(segment: PropertyKey | { readonly key: PropertyKey }): PathSegment {
  const key = typeof segment === 'object' ? segment.key : segment;
  return typeof key === 'number' ? key : String(key);
}
