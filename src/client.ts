/**
 * The tree-shakable form of a generated SDK. `createClient(options)` holds one runtime; each
 * operation is a standalone function, `getOrder(client, init?, options?)`, that an app imports
 * on its own. A bundler keeps only the operations the app calls (with their metadata and
 * validators), where `createSdk` binds every operation into one object and keeps them all.
 *
 * A standalone call goes through the very same runtime path as `sdk.<tag>.<op>()`: the client
 * binds an operation to its runtime on first use (`runtime.operation(meta)`) and reuses it,
 * so typing, retries, auth roles, validation, `.safe()`/`.raw()` and the pagers behave alike.
 */
import type { PageItem } from './index.js';
import {
  createRuntime,
  type ApiInfo,
  type CallOptions,
  type OperationArgs,
  type OperationData,
  type OperationError,
  type OperationMeta,
  type PageOptions,
  type RawResult,
  type Runtime,
  type SafeResult,
  type SdkOptions,
} from './runtime.js';

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
  (client: Client, ...args: OperationArgs<Op, CallOptions>): Promise<OperationData<Op>>;
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

/** A bound method as the runtime hands it out, seen untyped: the functions above carry the types. */
interface BoundMethod {
  (init: unknown, options: unknown): Promise<unknown>;
  safe(init: unknown, options: unknown): Promise<unknown>;
  raw(init: unknown, options: unknown): Promise<unknown>;
  pages(init: unknown, options: unknown): AsyncGenerator<unknown, void, undefined>;
  all(init: unknown, options: unknown): AsyncGenerator<unknown, void, undefined>;
}

interface ClientState {
  readonly runtime: Runtime;
  readonly methods: Map<OperationMeta, BoundMethod>;
}

// Kept off the client object itself, so a client has no internals an app could reach or
// serialise by accident, and a look-alike object is refused rather than half-working.
const states = new WeakMap<Client, ClientState>();

/**
 * Builds a client for a generated SDK (its `createClient` calls this). `refresh` is the spec's
 * refresh operation, bound up front so a configured `auth` can refresh before any call.
 */
export function createOperationClient(options: SdkOptions, api: ApiInfo, refresh?: OperationMeta): Client {
  const runtime = createRuntime(options, api);
  if (refresh) runtime.operation(refresh);
  const client: Client = Object.freeze({ api: runtime.api });
  states.set(client, { runtime, methods: new Map() });
  return client;
}

/** The operation bound to the client's runtime, bound once per client and operation. */
function bound(client: Client, meta: OperationMeta): BoundMethod {
  const state = states.get(client);
  if (state === undefined) throw new TypeError(`Tether: ${meta.id} needs the client createClient() returned as its first argument`);
  let method = state.methods.get(meta);
  if (method === undefined) {
    method = state.runtime.operation(meta) as unknown as BoundMethod;
    state.methods.set(meta, method);
  }
  return method;
}

/** Declares a standalone operation; generated code calls it once per operation, marked pure. */
export function defineOperation<Op>(meta: OperationMeta): OperationFunction<Op> {
  // async, so a wrong first argument rejects like every other failure of a call.
  const operation = async (client: Client, init?: unknown, options?: CallOptions) => bound(client, meta)(init, options);
  // Built here rather than assigned at module scope, so an unused operation is pure to drop.
  Object.defineProperties(operation, {
    name: { value: meta.operationId ?? meta.id },
    meta: { value: meta, enumerable: true },
    safe: { value: async (client: Client, init?: unknown, options?: CallOptions) => bound(client, meta).safe(init, options) },
    raw: { value: async (client: Client, init?: unknown, options?: CallOptions) => bound(client, meta).raw(init, options) },
  });
  return operation as unknown as OperationFunction<Op>;
}

/** Declares a standalone paginated operation: `defineOperation` plus `.pages()` and `.all()`. */
export function definePagedOperation<Op>(meta: OperationMeta): PagedOperationFunction<Op> {
  const operation = defineOperation<Op>(meta);
  Object.defineProperties(operation, {
    pages: { value: (client: Client, init?: unknown, options?: PageOptions) => bound(client, meta).pages(init, options) },
    all: { value: (client: Client, init?: unknown, options?: PageOptions) => bound(client, meta).all(init, options) },
  });
  return operation as PagedOperationFunction<Op>;
}
