/**
 * The codegen model: what the loader makes of a spec, handed to every emitter. Built once; each
 * node carries the JSON pointer it came from, which is also how warnings and errors name a place.
 */

/** A JSON pointer into the spec document, always starting with `#`, e.g. `#/paths/~1orders/get`. */
export type Pointer = string;

/** A raw OpenAPI / JSON Schema node as parsed (3.0 or 3.1), `$ref`s to `#/…` kept as they are. */
export type SchemaNode = Record<string, unknown> | boolean;

import type { WireBodiesModel } from './collect-bodies.js';
import type { SecuritySchemeModel } from './collect-security.js';
import type { BatchModel } from './collect-batch.js';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export interface Diagnostics {
  /** A flaw that need not block generation; reported once per pointer. */
  warn(pointer: Pointer, message: string): void;
}

export interface BodyModel {
  /** Media type chosen for the SDK (JSON first), e.g. `application/json`. */
  contentType: string;
  /** Schema of that media type, or undefined when the spec gives none. */
  schema: SchemaNode | undefined;
  /** Pointer to the schema (or the media type object when there is no schema). */
  pointer: Pointer;
}

/** A parameter's serialisation where it differs from its location's default (collect-parameters.ts). */
export interface ParameterWireModel {
  style?: 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
  allowReserved?: boolean;
  /** Media type of a `content` parameter. */
  content?: string;
}

export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: SchemaNode | undefined;
  pointer: Pointer;
  /** Set only when the parameter is not serialised its location's default way. */
  wire?: ParameterWireModel;
}

export interface ResponseModel {
  /** Status key as written in the spec: `200`, `2XX`, `default`. */
  status: string;
  body: BodyModel | undefined;
  /** Header names the response declares (lower-cased). */
  headers: string[];
  pointer: Pointer;
}

export type PaginationModel =
  | { kind: 'cursor'; requestParam: string; responseField: string; itemsField: string }
  | { kind: 'offset'; offsetParam: string; limitParam: string; itemsField: string }
  | { kind: 'page'; pageParam: string; sizeParam: string | undefined; itemsField: string }
  | { kind: 'link-header'; itemsField: string | undefined };

export interface OperationModel {
  /** The SDK method name: camelCase, unique within its service, a valid identifier. */
  name: string;
  /** A name unique across the whole API (used for top-level exports). */
  exportName: string;
  /** operationId as written in the spec, when present. */
  operationId: string | undefined;
  /** The service (tag) key on the SDK object, a valid identifier, e.g. `orders`. */
  service: string;
  /** The raw tag, as written in the spec. */
  tag: string;
  method: HttpMethod;
  path: string;
  pointer: Pointer;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody: (BodyModel & { required: boolean }) | undefined;
  responses: ResponseModel[];
  /** Security requirement alternatives (names of schemes); `[]` means none required. */
  security: string[][];
  /** Whether repeating the request is safe by HTTP semantics (GET, HEAD, OPTIONS, PUT, DELETE, TRACE). */
  idempotent: boolean;
  /** The Idempotency-Key header name as the spec declares it, if it does. */
  idempotencyKeyHeader: string | undefined;
  /** Detected pagination shape, if any. */
  pagination: PaginationModel | undefined;
  /** GET/HEAD with a 2xx that declares ETag or Cache-Control. */
  cacheable: boolean;
  /** Every request media type (with encoding) and the Accept header (collect-bodies.ts). */
  wire?: WireBodiesModel;
  /** The batch operation that can serve this read (`x-tether-batch`, collect-batch.ts). */
  batch?: BatchModel;
  /** Set when the success answer is `text/event-stream` (collect-event-stream.ts). */
  eventStream?: EventStreamModel;
}

/** An event-stream operation: the schema of each event's `data`, when the spec gives one. */
export interface EventStreamModel {
  data: { schema: SchemaNode; pointer: Pointer; component: string | undefined } | undefined;
}

export interface ServiceModel {
  /** Identifier used as the SDK property (`sdk.orders`). */
  key: string;
  /** Type name for the service interface, e.g. `OrdersService`. */
  typeName: string;
  tag: string;
  description: string | undefined;
  operations: OperationModel[];
}

/** One OpenAPI 3.1 `webhooks` entry (one method of it): a payload the API sends the app. */
export interface WebhookModel {
  /** Property on the generated `webhooks` object, camelCase of the key, e.g. `orderShipped`. */
  name: string;
  /** Top-level export of its parser, unique across the SDK, e.g. `orderShippedWebhook`. */
  exportName: string;
  /** The key under `webhooks` as written in the spec, e.g. `order.shipped`. */
  key: string;
  method: HttpMethod;
  operationId: string | undefined;
  pointer: Pointer;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** The payload: the operation's request body (JSON preferred). */
  body: BodyModel & { required: boolean };
}

export interface ApiModel {
  /** The parsed, sanitised document: every `$ref` left in it resolves within the document. */
  document: Record<string, unknown>;
  /** `3.0` or `3.1`, from the `openapi` field. */
  openapiVersion: '3.0' | '3.1';
  title: string;
  version: string;
  /** SHA-256 (hex) of the spec file's bytes. */
  specHash: string;
  /** Source file path, for messages. */
  source: string;
  services: ServiceModel[];
  operations: OperationModel[];
  /** OpenAPI 3.1 webhooks that carry a payload, in document order. */
  webhooks: WebhookModel[];
  /** Security schemes by name, as the runtime sends them (collect-security.ts). */
  securitySchemes: Record<string, SecuritySchemeModel>;
}
