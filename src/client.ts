/**
 * The tree-shakable form of a generated SDK. `createClient(options)` holds one runtime; each
 * operation is a standalone function, `getOrder(client, init?, options?)`, that an app imports
 * on its own. A bundler keeps only the operations the app calls (with their metadata and
 * validators), where `createSdk` binds every operation into one object and keeps them all.
 *
 * A standalone call goes through the same call path as `sdk.<tag>.<op>()` (createCallCore in
 * runtime.ts: option checks, pipeline, auth roles, validation), so it behaves alike; only the
 * variants are built here, per operation, so a non-list operation carries no pager code.
 */
import type { PageItem } from './contract/operation.js';
import {
  createCallCore,
  operationItems,
  operationPages,
  rawCall,
  safeCall,
  type ApiInfo,
  type CallCore,
  type CallOptions,
  type OperationArgs,
  type OperationData,
  type OperationError,
  type OperationMeta,
  type PageOptions,
  type OfflineQueue,
  type QueueCallArgs,
  type QueuedIf,
  type QueuedResult,
  type RawResult,
  type SafeResult,
  type SdkOptions,
} from './runtime.js';
import type { CredentialsOption } from './auth/credentials.js';
import { openEventStream } from './repository/sse/event-stream-method.js';
import type { EventStream, EventStreamOptions } from './repository/sse/types.js';

/** A configured SDK instance for the standalone operation functions; create it once and share it. */
export interface Client {
  /** The API the SDK was generated from. */
  readonly api: ApiInfo;
}

/**
 * A standalone operation: call it with a client (resolves with the success body, rejects with
 * NetworkError), or use `.safe()` (never rejects with a NetworkError) or `.raw()` (adds the
 * Response), exactly like the `sdk.<tag>.<op>` method of the same operation.
 */
export interface OperationFunction<Op> {
  // One generic signature, not overloads, so an editor's hover at a call site shows the operation's
  // docs (test/consumer/hover.test.ts). With `{ offline: 'queue' }` (a client from `withOffline`):
  // a QueuedResult when the mutation was queued instead of sent.
  <O extends CallOptions = CallOptions>(client: Client, ...args: OperationArgs<Op, O>): Promise<OperationData<Op> | QueuedIf<O>>;
  readonly meta: OperationMeta;
  /** The same call, resolving with `{ data, response }` or `{ error, response? }`. */
  safe(client: Client, ...args: OperationArgs<Op, CallOptions>): Promise<SafeResult<OperationData<Op>, OperationError<Op>>>;
  /** The same call, resolving with `{ data, response }` (status, headers, request id). */
  raw(client: Client, ...args: OperationArgs<Op, CallOptions>): Promise<RawResult<OperationData<Op>>>;
}

/** A standalone operation of a paginated list: also walks it page by page. */
export interface PagedOperationFunction<Op> extends OperationFunction<Op> {
  /** Every page (whole success body), fetched as you iterate; stops at `maxPages` (default 1000). */
  pages(client: Client, ...args: OperationArgs<Op, PageOptions>): AsyncGenerator<OperationData<Op>, void, undefined>;
  /** Every item of every page, fetched page by page as you iterate. */
  all(client: Client, ...args: OperationArgs<Op, PageOptions>): AsyncGenerator<PageItem<OperationData<Op>>, void, undefined>;
}

type Run = (init: unknown, options: CallOptions | undefined) => Promise<unknown>;

// Kept off the client object itself, so a client has no internals an app could reach or
// serialise by accident, and a look-alike object is refused rather than half-working.
const cores = new WeakMap<Client, CallCore>();

/**
 * Builds a client for a generated SDK (its `createClient` calls this). `refresh` is the spec's
 * refresh operation, so a configured `auth` can refresh before any call.
 */
export function createOperationClient(options: SdkOptions<CredentialsOption>, api: ApiInfo, refresh?: OperationMeta): Client {
  const core = createCallCore(options, api, refresh);
  const client: Client = Object.freeze({ api: core.api });
  cores.set(client, core);
  return client;
}

/** A runner of `meta` on the client's call path (looked up per call: it may be a foreign object). */
function runner(client: Client, meta: OperationMeta): Run {
  return (init, options) => {
    const core = cores.get(client);
    if (core === undefined) throw new TypeError(`Tether: ${meta.id} needs the client createClient() returned as its first argument`);
    return core.call(meta, init, options);
  };
}

/**
 * The offline queue of a client made with `createClient(withOffline(options, ...operations))`:
 * `enqueue`, `process`, `pending`, `deadLetters`, events, as `sdk.offline`. Type it with the SDK's
 * services, `offlineQueue<Omit<Sdk, 'cache' | 'offline'>>(client)`; inert (enabled false) without withOffline.
 */
export function offlineQueue<S>(client: Client): OfflineQueue<S> {
  const core = cores.get(client);
  if (core === undefined) throw new TypeError('Tether: offlineQueue needs the client createClient() returned');
  return core.offline() as OfflineQueue<S>;
}

/** Declares a standalone operation; generated code calls it once per operation, marked pure. */
export function defineOperation<Op>(meta: OperationMeta): OperationFunction<Op> {
  // async, so a wrong first argument rejects like every other failure of a call.
  const operation = async (client: Client, init?: unknown, options?: CallOptions) => runner(client, meta)(init, options);
  // The same variants as the sdk methods (method-extras.ts), on the client's runner.
  const raw = (client: Client, init?: unknown, options?: CallOptions) => rawCall(runner(client, meta), init, options);
  const safe = (client: Client, init?: unknown, options?: CallOptions) => safeCall(runner(client, meta), init, options);
  // Built here rather than assigned at module scope, so an unused operation is pure to drop.
  Object.defineProperties(operation, {
    name: { value: meta.operationId ?? meta.id },
    meta: { value: meta, enumerable: true },
    safe: { value: safe },
    raw: { value: raw },
  });
  return operation as unknown as OperationFunction<Op>;
}

/** A standalone `text/event-stream` operation: `streamEvents(client, init?, options?)` opens a typed, reconnecting stream. */
export interface EventStreamFunction<Op, Data> {
  (client: Client, ...args: OperationArgs<Op, EventStreamOptions>): EventStream<Data>;
  readonly meta: OperationMeta;
}

/** Defines a standalone event-stream operation (generated for `text/event-stream` answers); `meta.schemas.event` checks each event's data. */
export function defineEventStream<Op, Data = string>(meta: OperationMeta): EventStreamFunction<Op, Data> {
  const operation = (client: Client, init?: unknown, options?: EventStreamOptions) => {
    const core = cores.get(client);
    if (core === undefined) throw new TypeError(`Tether: ${meta.id} needs the client createClient() returned as its first argument`);
    return openEventStream<Data>(meta, (i, o) => core.call(meta, i, o), core.streamHost, init, options);
  };
  Object.defineProperties(operation, { name: { value: meta.operationId ?? meta.id }, meta: { value: meta, enumerable: true } });
  return operation as unknown as EventStreamFunction<Op, Data>;
}

/** Declares a standalone paginated operation: `defineOperation` plus `.pages()` and `.all()`. */
export function definePagedOperation<Op>(meta: OperationMeta): PagedOperationFunction<Op> {
  const operation = defineOperation<Op>(meta);
  // Only lists reference the pagers, so an app calling no list bundles none of their code.
  Object.defineProperties(operation, {
    pages: { value: (client: Client, init?: unknown, options?: PageOptions) => operationPages(meta, runner(client, meta), init, options) },
    all: { value: (client: Client, init?: unknown, options?: PageOptions) => operationItems(meta, runner(client, meta), init, options) },
  });
  return operation as PagedOperationFunction<Op>;
}
