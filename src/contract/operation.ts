/**
 * What generated code hands the runtime about each operation, and the types that make every
 * generated method typed end to end from openapi-typescript's `paths[...][method]` object.
 * These types are written here (not imported from openapi-fetch) so the published .d.ts is
 * self-contained: a consumer installs nothing but Tether.
 */
import type { StandardSchemaV1 } from './standard-schema.js';

/**
 * IETF draft-ietf-httpapi-idempotency-key-header's name, used when the spec names none. Part of
 * the contract: the service layer sets it and the retry layer reads it to judge a POST safe.
 */
export const DEFAULT_IDEMPOTENCY_HEADER = 'Idempotency-Key';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

/** Pagination shape detected by the generator for list operations. */
export type PaginationMeta =
  | { readonly kind: 'cursor'; readonly requestParam: string; readonly responseField: string; readonly itemsField: string }
  | { readonly kind: 'offset'; readonly offsetParam: string; readonly limitParam: string; readonly itemsField: string }
  | { readonly kind: 'page'; readonly pageParam: string; readonly sizeParam: string | undefined; readonly itemsField: string }
  | { readonly kind: 'link-header'; readonly itemsField: string | undefined };

/** One media type a request body may be sent as (OpenAPI Media Type Object, as far as the SDK needs it). */
export interface RequestMedia {
  /** The media type as declared, e.g. `multipart/form-data`. */
  readonly type: string;
  /** Per-property encoding of a multipart or form body (OpenAPI Encoding Object); absent = defaults. */
  readonly encoding?: Readonly<Record<string, PartEncoding>>;
}

/** How one property of a multipart or form body is sent; each field absent = the spec's default. */
export interface PartEncoding {
  /** Content-Type of the part (multipart), or of the value before form encoding (e.g. JSON). */
  readonly contentType?: string;
  readonly style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
}

/** Validators for one operation; each is optional because specs often omit schemas. */
export interface OperationSchemas {
  readonly body?: StandardSchemaV1;
  readonly params?: StandardSchemaV1;
  /** By status key as written in the spec (`200`, `2XX`, `default`). */
  readonly responses?: Readonly<Record<string, StandardSchemaV1>>;
  /** One event's `data` (parsed JSON) of a `text/event-stream` operation, when the spec describes it. */
  readonly event?: StandardSchemaV1;
}

/** An OpenAPI parameter `style` (OpenAPI 3.0/3.1 §Style Values). */
export type ParameterStyle = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';

/**
 * How one parameter goes on the wire, listed only when it differs from its location's default
 * (path/header: simple, explode false; query/cookie: form, explode true), so the metadata stays
 * small. Omitted fields take those defaults.
 */
export interface ParameterMeta {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly style?: ParameterStyle;
  readonly explode?: boolean;
  /** Query only: RFC 3986 reserved characters are sent as they are. */
  readonly allowReserved?: boolean;
  /** A `content` parameter's media type: the value is serialised as that (JSON), then encoded. */
  readonly content?: string;
}

/** One location's parameter values as a call gives them (`init.params.path` etc.). */
export type ParamValues = Readonly<Record<string, unknown>>;

/**
 * Serialises the parameters of an operation that declares a non-default way to send them
 * (label/matrix paths, delimited or deepObject queries, explode changes, `allowReserved`,
 * `content`, cookies). Generated metadata names one only on such operations, so an app that
 * calls default-style operations bundles none of those serializers; without one the runtime
 * sends path/header `simple` and query `form` (exploded), and refuses cookie values.
 */
export interface ParamCodec {
  /** `base + meta.path` with the path values filled in per their declared or template styles. */
  path(base: string, meta: OperationMeta, values: ParamValues | undefined): string;
  /** The query string (no `?`); `''` when nothing is sent. */
  query(meta: OperationMeta, values: ParamValues): string;
  /** Header parameters as `name → value`; undefined when none is sent. */
  headers(meta: OperationMeta, values: ParamValues | undefined): Record<string, string> | undefined;
  /** The `Cookie` header value for the cookie parameters; undefined when none is sent. */
  cookie(meta: OperationMeta, values: ParamValues | undefined): string | undefined;
}

/** A call's body as fetch sends it, with the Content-Type to set (undefined: fetch sets its own). */
export interface WrittenBody {
  readonly body: unknown;
  readonly contentType: string | undefined;
}

/**
 * Writes the bodies of an operation that may send more than JSON (form encodings, binary,
 * text). Generated metadata names one only on such operations, so an app that calls JSON-only
 * operations bundles no form or binary serializer; without one the runtime sends JSON and
 * passes fetch's own body shapes through.
 */
export interface BodyCodec {
  /** Serialises `body` as the chosen declared media type; throws on a body that type cannot carry. */
  write(meta: OperationMeta, body: unknown, contentType: string | undefined): WrittenBody;
  /** Whether `body` goes out as JSON, so the spec's JSON schema applies to it. */
  sentAsJson(meta: OperationMeta, body: unknown, contentType: string | undefined): boolean;
}

/** Per-operation metadata emitted into `generated/<version>/operations.ts`. */
export interface OperationMeta {
  /** `<service>.<method>`, e.g. `orders.createOrder`; the key the offline queue uses. */
  readonly id: string;
  readonly operationId: string | undefined;
  readonly method: HttpMethod;
  /** Path template as in the spec, e.g. `/orders/{orderId}`. */
  readonly path: string;
  readonly tag: string;
  /** Safe to repeat by HTTP semantics (or declared so with `x-tether-idempotent`). */
  readonly idempotent: boolean;
  /** Header name the operation declares for idempotency keys, e.g. `Idempotency-Key`. */
  readonly idempotencyKeyHeader: string | undefined;
  /** Alternatives of required security scheme names; `[]` = no auth needed. */
  readonly security: ReadonlyArray<ReadonlyArray<string>>;
  readonly successStatuses: ReadonlyArray<string>;
  readonly errorStatuses: ReadonlyArray<string>;
  /** Media type of the request body the SDK sends, when there is one. */
  readonly requestContentType: string | undefined;
  /**
   * Every media type the request body may be sent as, when the spec declares more than one or
   * an `encoding`; absent: `requestContentType` alone, with the defaults (service/body/).
   */
  readonly requestMedia?: ReadonlyArray<RequestMedia>;
  /** How the body is written when it may be more than JSON (service/body/media-body.ts); absent: JSON. */
  readonly bodyCodec?: BodyCodec;
  /**
   * The success media types as the `Accept` header to send (JSON first, q-values for the rest);
   * absent when no success response declares a body. Also what an answer's type is checked against.
   */
  readonly accept?: string;
  /** Media type of the success body the SDK parses: JSON, text, SSE stream, or binary. */
  readonly responseKind: 'json' | 'text' | 'stream' | 'blob' | 'none';
  readonly pagination: PaginationMeta | undefined;
  /** GET/HEAD whose success response declares ETag or Cache-Control. */
  readonly cacheable: boolean;
  readonly deprecated: boolean;
  /** Role the spec gives the operation via `x-tether-auth`. */
  readonly authRole: 'login' | 'refresh' | 'logout' | undefined;
  readonly schemas: OperationSchemas;
  /** Parameters not serialised the default way (style, explode, allowReserved, content); absent when none. */
  readonly params?: ReadonlyArray<ParameterMeta>;
  /** Serializer of non-default or cookie parameters (service/params/styled-params.ts); absent: the defaults. */
  readonly paramCodec?: ParamCodec;
  /** The batch operation that can serve this single-item read (`x-tether-batch`); absent when none. */
  readonly batch?: BatchMeta;
}

/** How a single-item read maps onto a batch operation (docs/caching.md, Batching). */
export interface BatchMeta {
  /** `<service>.<method>` id of the batch operation, e.g. `users.batchGetUsers`. */
  readonly operation: string;
  /** The single-item operation's parameter holding the item's id, and where it goes. */
  readonly idParam: string;
  readonly idIn: 'path' | 'query';
  /** Property of the batch request body listing the ids; absent: the body is the list. */
  readonly requestField?: string;
  /** Property of the batch success body listing the items; absent: the body is the list. */
  readonly responseField?: string;
  /** Property of each item holding its id. */
  readonly itemKey: string;
  /** The spec's `maxItems` for the id list, when it sets one: no batch is ever larger. */
  readonly maxItems?: number;
}

// ---------------------------------------------------------------------------------------------
// readOnly / writeOnly: schema.d.ts wraps such properties in openapi-typescript's markers
// (`$Read<T>` = `{ readonly $read: T }`, `$Write<T>` = `{ readonly $write: T }`). They are
// matched here by shape, so this file names no dependency and works with any copy of the types.

type ReadMarker = { readonly $read: unknown };
type WriteMarker = { readonly $write: unknown };
/** Values passed through whole (a binary body is a Blob, not a record of its methods). */
type Opaque = Blob | ((...args: never[]) => unknown);
type IsMarked<V, M> = [NonNullable<V>] extends [never] ? false : NonNullable<V> extends M ? true : false;

/**
 * A schema type as the server sends it: `writeOnly` properties are dropped (the server never
 * returns them), `readOnly` ones unwrapped. Identity on types without markers.
 */
export type Readable<T> = T extends Opaque
  ? T
  : T extends WriteMarker
  ? never
  : T extends { readonly $read: infer U }
    ? Readable<U>
    : T extends readonly unknown[]
      ? { [I in keyof T]: Readable<T[I]> }
      : T extends object
        ? { [K in keyof T as IsMarked<T[K], WriteMarker> extends true ? never : K]: Readable<T[K]> }
        : T;

/**
 * A schema type as a client may send it: `readOnly` properties may not be given (typed
 * `?: never`, so passing one does not compile), `writeOnly` ones unwrapped.
 */
export type Writable<T> = T extends Opaque
  ? T
  : T extends ReadMarker
  ? never
  : T extends { readonly $write: infer U }
    ? Writable<U>
    : T extends readonly unknown[]
      ? { [I in keyof T]: Writable<T[I]> }
      : T extends object
        ? WritableObject<T>
        : T;

type WritableObject<T> = [ReadKeys<T>] extends [never]
  ? { [K in keyof T]: Writable<T[K]> }
  : { [K in keyof T as K extends ReadKeys<T> ? never : K]: Writable<T[K]> } & { [K in ReadKeys<T>]?: never };
type ReadKeys<T> = { [K in keyof T]-?: IsMarked<T[K], ReadMarker> extends true ? K : never }[keyof T];

// ---------------------------------------------------------------------------------------------
// Typing a call from an openapi-typescript operation object `Op`.

type RequiredKeys<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** Picks the JSON media type(s) of a content map, else every media type it has. */
type PreferJson<C> = [JsonKeys<C>] extends [never] ? C[keyof C] : C[JsonKeys<C>];
type JsonKeys<C> = { [K in keyof C]: K extends `${string}json${string}` ? K : never }[keyof C];

type ParamsOf<Op> = Op extends { parameters: infer P } ? P : never;

/** `params` of the init: required when any path/query/header parameter is required. */
type ParamsInit<Op> = [ParamsOf<Op>] extends [never]
  ? { params?: never }
  : RequiredKeys<ParamsOf<Op>> extends never
    ? { params?: ParamsOf<Op> }
    : { params: ParamsOf<Op> };

type BodyContent<Op> = Op extends { requestBody?: infer RB }
  ? NonNullable<RB> extends { content: infer C }
    ? PreferJson<C>
    : never
  : never;

/** The request body as the app may send it (readOnly fields refused). */
type RequestBody<Op> = Writable<BodyContent<Op>>;

type ContentMap<Op> = Op extends { requestBody?: infer RB } ? (NonNullable<RB> extends { content: infer C } ? C : never) : never;

/** Raw bytes a binary body (or file part) may be given as; a stream is sent once, never retried. */
export type BinaryBody = Blob | ArrayBuffer | ArrayBufferView | ReadableStream<Uint8Array>;

/** What the app may pass for one declared media type besides its schema's shape: the platform's own form. */
type RawFor<K> = K extends `multipart/${string}`
  ? FormData
  : K extends `application/x-www-form-urlencoded${string}`
    ? URLSearchParams | string
    : K extends `${string}json${string}`
      ? never
      : K extends `text/${string}`
        ? string
        : BinaryBody;

/**
 * Bodies for the declared media types other than the preferred (JSON) one, when the operation
 * has any: their schema's shape or the platform's raw form. `never` for JSON-only operations,
 * so their bodies type exactly as before.
 */
type OtherBodies<Op> = {
  [K in keyof ContentMap<Op>]: (K extends JsonKeys<ContentMap<Op>> ? never : Writable<ContentMap<Op>[K]>) | RawFor<K>;
}[keyof ContentMap<Op>];

/** `body` of the init: required when the spec says `requestBody.required`. */
type BodyInit<Op> = [BodyContent<Op>] extends [never]
  ? { body?: never }
  : Op extends { requestBody: {} }
    ? { body: RequestBody<Op> | OtherBodies<Op>; contentType?: keyof ContentMap<Op> & string }
    : { body?: RequestBody<Op> | OtherBodies<Op>; contentType?: keyof ContentMap<Op> & string };

/** Extra headers for one call (merged over the SDK's). */
export type HeadersInit = Record<string, string | number | boolean | undefined | null>;

/** The first argument of a generated method: openapi-fetch's `{ params, body }` shape. */
export type OperationInit<Op> = ParamsInit<Op> & BodyInit<Op> & { headers?: HeadersInit };

type OkStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207 | 208 | 226 | '2XX';
type ResponsesOf<Op> = Op extends { responses: infer R } ? R : never;
type ContentOf<R> = R extends { content: infer C } ? Readable<PreferJson<C>> : undefined;
type SuccessKeys<Op> = keyof ResponsesOf<Op> & OkStatus;

/**
 * What a generated method resolves with: the 2xx body (JSON preferred), writeOnly fields
 * dropped; `undefined` for 204.
 */
export type OperationData<Op> = [SuccessKeys<Op>] extends [never]
  ? unknown
  : { [S in SuccessKeys<Op>]: ContentOf<ResponsesOf<Op>[S]> }[SuccessKeys<Op>];

/** `[init?, options?]` or `[init, options?]`, depending on whether init has required keys. */
export type OperationArgs<Op, Options> = RequiredKeys<OperationInit<Op>> extends never
  ? [init?: OperationInit<Op>, options?: Options]
  : [init: OperationInit<Op>, options?: Options];

/**
 * The item type of a list body: the array itself, or the element type of its array-valued
 * properties (`OrderPage.items` → `Order`). `never` when the body holds no array, which makes
 * `.pages`/`.all` uncallable for that operation.
 */
export type PageItem<Data> = Data extends ReadonlyArray<infer I>
  ? I
  : Data extends object
    ? { [K in keyof Data]-?: NonNullable<Data[K]> extends ReadonlyArray<infer I> ? I : never }[keyof Data]
    : never;

type Decrement = [never, 0, 1, 2, 3, 4, 5, 6, 7];
type SubPath<V, D extends number> = [D] extends [never]
  ? never
  : V extends ReadonlyArray<infer I>
    ? `[${number}]` | `[${number}]${SubPath<NonNullable<I>, Decrement[D]>}`
    : V extends object
      ? `.${FieldPath<V, D>}`
      : never;

/**
 * Every field path of `T` as `fieldErrors` writes it: `note`, `items[${number}].quantity`,
 * `shippingAddress.postalCode`. Depth-limited (8 levels) to keep the compiler fast.
 */
export type FieldPath<T, D extends number = 7> = [D] extends [never]
  ? never
  : T extends ReadonlyArray<infer I>
    ? `[${number}]` | `[${number}]${SubPath<NonNullable<I>, Decrement[D]>}`
    : T extends object
      ? { [K in keyof T & string]-?: K | `${K}${SubPath<NonNullable<T[K]>, Decrement[D]>}` }[keyof T & string]
      : never;

type ParamNames<Op> = {
  [L in 'path' | 'query' | 'header']: ParamsOf<Op> extends { [P in L]?: infer Ps }
    ? [NonNullable<Ps>] extends [never] ? never : keyof NonNullable<Ps> & string
    : never;
}['path' | 'query' | 'header'];

/**
 * The keys `fieldErrors` can have for an operation: body field paths, parameter names, and
 * `''` for form-level messages. Servers may name others; they are still there at run time.
 */
export type OperationFieldPath<Op> = FieldPath<RequestBody<Op>> | ParamNames<Op> | '';

/**
 * The payload of a webhook (an OpenAPI 3.1 `webhooks` entry's operation): its request body,
 * JSON preferred, as the API sends it, so writeOnly fields are dropped like in a response.
 */
export type WebhookPayload<Op> = Readable<BodyContent<Op>>;
