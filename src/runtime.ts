/**
 * What generated code builds on: `createRuntime` once per SDK instance, then
 * `runtime.operation<Op>(meta)` once per operation. Generated services hold no behaviour;
 * everything a call does is decided here from the options.
 */
import { AUTH_WIRING, authWiring, type AuthWiring } from './auth-wiring.js';
import type { RefreshTokens } from './auth/token-manager.js';
import type { SecuritySchemes } from './auth/security-schemes.js';
import type { CredentialsOption } from './auth/credentials.js';
import { createNetworkChain } from './network/pipeline.js';
import { BATCH_WIRING, batchWiring, type BatchWiring, type WithBatch } from './repository/batch/wiring.js';
import { resolveCoreOptions, type CallOptions, type SdkOptions } from './options.js';
import { createCallRunner } from './service/call.js';
import { addMethodVariants, type OperationError, type RawResult, type SafeResult } from './service/method-extras.js';
import { CACHE_WIRING, cacheWiring, type CacheWiring } from './repository/cache-wiring.js';
import type { SdkCache } from './repository/sdk-cache.js';
import { OFFLINE_WIRING, offlineWiring, type OfflineWiring, type WithOffline } from './repository/offline-wiring.js';
import { inertOfflineQueue, refuseQueueOption } from './repository/offline/inert.js';
import type { OfflineQueue, QueuedResult } from './repository/offline/types.js';
import type { OperationArgs, OperationData, OperationMeta, PageItem } from './contract/operation.js';
import type { PageOptions } from './service/paginate.js';
import { openEventStream, type StreamHost } from './repository/sse/event-stream-method.js';
import type { EventStreamMethod, EventStreamOptions } from './repository/sse/types.js';

export type { CallOptions, SdkOptions } from './options.js';
export type {
  HeadersInit,
  HttpMethod,
  OperationArgs,
  OperationData,
  OperationInit,
  OperationMeta,
  OperationSchemas,
  PaginationMeta,
} from './contract/operation.js';
export type { StandardSchemaV1 } from './contract/standard-schema.js';
export type { EventStream, EventStreamMethod, EventStreamOptions, ReconnectOptions, ServerSentEvent, StreamMode } from './repository/sse/types.js';
export type { CacheInfo, OperationError, RawResult, SafeResult } from './service/method-extras.js';
export type { CacheData, CacheInit, CacheOperationId, CacheRollback, CacheSubscription, CacheUpdate, SdkCache } from './repository/sdk-cache.js';
export type { PageOptions } from './service/paginate.js';
export type { OfflineQueue, QueuedResult } from './repository/offline/types.js';
export type { ValidateMode } from './service/validate.js';
export type { Readable, WebhookPayload, Writable } from './contract/operation.js';
export { defineWebhook, type WebhookBody, type WebhookMeta, type WebhookParser, type WebhookResult } from './service/webhook.js';

/** Identifies the API a generated SDK was built from. */
export interface ApiInfo {
  readonly title: string;
  readonly version: string;
  /** Hash of the spec the code was generated from. */
  readonly specHash: string;
  /** The spec's security schemes (how each credential is sent); absent: bearer tokens only. */
  readonly securitySchemes?: SecuritySchemes | undefined;
}

/**
 * A generated SDK method: call it (resolves with the success body, rejects with NetworkError),
 * or use a variant: `.safe()` never rejects with a NetworkError, `.raw()` adds the Response,
 * `.pages()` / `.all()` walk a paginated list.
 */
export interface OperationMethod<Op, Paginated extends boolean = false> {
  // One generic signature, not overloads: with several signatures an editor's hover at a call site
  // shows a signature's docs instead of the operation's own (test/consumer/hover.test.ts).
  // With `{ offline: 'queue' }` it resolves with a QueuedResult when the mutation was queued (docs/offline.md).
  <O extends CallOptions = CallOptions>(...args: OperationArgs<Op, O>): Promise<OperationData<Op> | QueuedIf<O>>;
  readonly meta: OperationMeta;
  /** The same call, resolving with `{ data, response }` or `{ error, response? }`. */
  safe(...args: OperationArgs<Op, CallOptions>): Promise<SafeResult<OperationData<Op>, OperationError<Op>>>;
  /** The same call, resolving with `{ data, response }` (status, headers, request id). */
  raw(...args: OperationArgs<Op, CallOptions>): Promise<RawResult<OperationData<Op>>>;
  /**
   * Every page (whole success body) of a paginated list, fetched as you iterate; each page is
   * one call with the usual timeout, retries and signal. Stops at `maxPages` (default 1000).
   */
  readonly pages: Paginated extends true
    ? (...args: OperationArgs<Op, PageOptions>) => AsyncGenerator<OperationData<Op>, void, undefined>
    : never;
  /** Every item of every page, fetched page by page as you iterate. */
  readonly all: Paginated extends true
    ? (...args: OperationArgs<Op, PageOptions>) => AsyncGenerator<PageItem<OperationData<Op>>, void, undefined>
    : never;
}

/** The arguments of a call made with `{ offline: 'queue' }` (the init as the operation takes it). */
export type QueueCallArgs<Op> = [init: OperationArgs<Op, never>[0], options: CallOptions & { readonly offline: 'queue' }];

/** `QueuedResult` when call options `O` ask `offline: 'queue'`, else nothing. */
// `unknown extends O` is true only for `any`/`unknown`: `ReturnType<typeof sdk.orders.getOrder>`
// erases O to `any`, which must read as a plain call, not one that may be queued.
export type QueuedIf<O> = O extends { readonly offline: 'queue' } ? (unknown extends O ? never : QueuedResult) : never;

/** Shared machinery behind one SDK instance. */
export interface Runtime {
  readonly api: ApiInfo;
  /**
   * Binds an operation's metadata to this runtime, typed by its openapi-typescript object;
   * `Paginated` is `true` for operations the generator found a pagination shape for.
   */
  operation<Op, Paginated extends boolean = false>(meta: OperationMeta): OperationMethod<Op, Paginated>;
  /** `sdk.cache`, typed by the SDK's services `S` (inert when no `cache` option was given). */
  cache<S>(): SdkCache<S>;
  /** `sdk.offline`, typed by the SDK's services `S` (inert when no `offline` option was given). */
  offline<S>(): OfflineQueue<S>;
  /**
   * Binds a `text/event-stream` operation: calling the method opens a reconnecting stream of
   * events whose data is `Data`, checked against `meta.schemas.event` (raw text without one).
   */
  eventStream<Op, Data = string>(meta: OperationMeta): EventStreamMethod<Op, Data>;
}

type Run = (init: unknown, options: unknown) => Promise<unknown>;

/**
 * The wiring both forms share: options checked once (TypeError naming a bad one), one token
 * manager, one pipeline, one call runner. `bind(meta)` adds an operation's auth-role bookkeeping
 * (login stores tokens, logout clears them) and learns the spec's refresh operation
 * (`x-tether-auth: refresh`), the default refresh, when it meets it. Without `auth` (the
 * auth layer's wiring, auth-wiring.ts) the runtime has no auth layer at all.
 */
function wireCallPath(
  options: SdkOptions<CredentialsOption>,
  api: ApiInfo,
  auth: AuthWiring | undefined,
  caching: CacheWiring | undefined,
  batching: BatchWiring | undefined,
  batchOperations?: readonly OperationMeta[],
  offline?: OfflineWiring,
): { bind(meta: OperationMeta): Run; cache<S>(): SdkCache<S>; offline<S>(): OfflineQueue<S>; check(): void; readonly host: StreamHost } {
  const checked = auth ? auth.resolve(options, api.securitySchemes) : resolveCoreOptions(options);
  // The cache (cache-wiring.ts) observes the token store, so it comes before the token manager.
  const cached = caching?.start(options, checked);
  // The offline queue (offline-wiring.ts) observes the token store too: a sign-in resumes it.
  const queued = offline?.start(options, cached?.options ?? checked, api);
  const resolved = queued?.options ?? cached?.options ?? checked;
  const now = () => resolved.clock.now();
  let specRefresh: RefreshTokens | undefined;
  const started = auth?.start(resolved, api.securitySchemes, () => specRefresh);
  const tokens = started?.tokens;
  if (tokens) {
    cached?.useTokens(() => tokens.current());
    queued?.useTokens(() => tokens.current());
  }
  const pipeline = createNetworkChain(resolved, { auth: started?.layer });
  // The repository layer's exchanges around the pipeline: the cache answers first, and only
  // its misses reach the batcher (repository/batch/), which sends the rest on unchanged.
  const batched = batching?.start(options, resolved, pipeline, batchOperations);
  const belowCache = batched?.exchange((attempt, context) => pipeline(attempt, context));
  const call = createCallRunner(resolved, pipeline, cached ? cached.exchange(belowCache ?? pipeline) : belowCache);
  return {
    cache: <S>() => (cached ? cached.sdkCache<S>() : caching!.inert<S>(resolved)),
    offline: <S>() => (queued ? queued.queue<S>() : inertOfflineQueue<S>()),
    check: () => batched?.check(),
    host: { clock: resolved.clock, log: resolved.log, baseUrl: resolved.baseUrl, validate: resolved.validate, timeoutMs: resolved.timeoutMs, maxResponseBytes: resolved.maxResponseBytes, connectivity: options.connectivity, foreground: options.foreground },
    bind(meta) {
      cached?.bind(meta);
      let run: Run = (init, callOptions) => call(meta, init, callOptions as CallOptions | undefined);
      if (auth) {
        if (meta.authRole === 'refresh') specRefresh ??= auth.refresh(meta, (m, init) => call(m, init, undefined), now);
        run = auth.bind(meta, run, started?.tokens, now, resolved.log);
      }
      // Batching (off unless options.batch) marks the calls its batcher may take.
      if (batched) run = batched.bind(meta, run);
      // The offline queue replays through this same run, and handles `{ offline: 'queue' }`.
      if (queued) return queued.bind(meta, run);
      const plain = run;
      return (init, callOptions) => {
        if (callOptions === undefined) return plain(init, callOptions);
        try {
          refuseQueueOption(meta.id, callOptions);
        } catch (error) {
          return Promise.reject(error);
        }
        return plain(init, callOptions);
      };
    },
  };
}

/** Validates options (throws TypeError naming a bad one) and builds the runtime. */
export function createRuntime(options: SdkOptions<CredentialsOption>, api: ApiInfo): Runtime {
  // createSdk binds every operation before it returns, so the spec's refresh operation is
  // learnt before any call can be made, and nobody has to hand it over separately.
  const wiring = wireCallPath(options, api, authWiring, cacheWiring, batchWiring, undefined, offlineWiring);
  let sdkCache: SdkCache<unknown> | undefined;
  let sdkOffline: OfflineQueue<unknown> | undefined;
  // The `batch` option's ids are checked once every operation is bound: createSdk asks for
  // sdk.cache after binding every service (so a typo throws from createSdk), else the first call.
  let checked = false;
  const check = (): void => {
    if (checked) return;
    wiring.check();
    checked = true;
  };
  return Object.freeze({
    cache<S>(): SdkCache<S> {
      check();
      return (sdkCache ??= wiring.cache<unknown>()) as SdkCache<S>;
    },
    offline<S>(): OfflineQueue<S> {
      return (sdkOffline ??= wiring.offline<unknown>()) as OfflineQueue<S>;
    },
    api: Object.freeze({ ...api }),
    operation<Op, Paginated extends boolean = false>(meta: OperationMeta): OperationMethod<Op, Paginated> {
      const run = wiring.bind(meta);
      const method = (init?: unknown, callOptions?: CallOptions) => {
        if (!checked) check();
        return run(init, callOptions);
      };
      // `name` shows the operation in stack traces; `meta` lets app code introspect methods.
      Object.defineProperties(method, {
        name: { value: meta.operationId ?? meta.id },
        meta: { value: meta, enumerable: true },
        // For `@tether/sdk/review` (reviewIntegration): a registry symbol, so nothing is imported here.
        [Symbol.for('tether.sdkContext')]: { value: { options, api } },
      });
      addMethodVariants(method, meta);
      // The runner is untyped inside; OperationArgs/OperationData carry the types outside.
      return method as unknown as OperationMethod<Op, Paginated>;
    },
    eventStream<Op, Data = string>(meta: OperationMeta): EventStreamMethod<Op, Data> {
      const run = wiring.bind(meta);
      const method = (init?: unknown, streamOptions?: EventStreamOptions) => {
        if (!checked) check();
        return openEventStream<Data>(meta, run as (init: unknown, options: CallOptions | undefined) => Promise<unknown>, wiring.host, init, streamOptions);
      };
      Object.defineProperties(method, { name: { value: meta.operationId ?? meta.id }, meta: { value: meta, enumerable: true } });
      return method as unknown as EventStreamMethod<Op, Data>;
    },
  });
}

// ---------------------------------------------------------------------------------------------
// For src/client.ts (the tree-shakable form): the same call path as createRuntime, handed out as
// one `call(meta, …)` instead of bound method objects, so a standalone operation bundles only
// the variants it uses (no pagers for an operation that is not a list). Both forms share
// wireCallPath above.
export { rawCall, safeCall } from './service/method-extras.js';
export { items as operationItems, pages as operationPages } from './service/paginate.js';
// Named by generated metadata (`bodyCodec`) on operations that may send more than JSON.
export { mediaBodies } from './service/body/media-body.js';
// Named by generated metadata (`paramCodec`) on operations with non-default parameter styles or cookies.
export { styledParams } from './service/params/styled-params.js';

/** One SDK instance's call path without method objects; src/client.ts builds on it. */
export interface CallCore {
  readonly api: ApiInfo;
  /** Runs one call of `meta`, with the token bookkeeping of its auth role; resolves with the success body. */
  call(meta: OperationMeta, init: unknown, options: CallOptions | undefined): Promise<unknown>;
  /** What an event stream borrows from the SDK (clock, log, base URL, validate mode). */
  readonly streamHost: StreamHost;
  /** The client's offline queue (inert unless created with withOffline). */
  offline(): OfflineQueue<unknown>;
}

/**
 * Like createRuntime (same option checks, same pipeline), for standalone operations. `refresh`
 * is the spec's refresh operation (`x-tether-auth: refresh`), given up front because nothing
 * binds every operation here. The auth layer comes only with options from `withAuth(…)`, so an
 * app that never configures auth does not bundle it; `auth` or `credentials` without it is a
 * TypeError rather than a client that silently sends no credentials.
 */
export function createCallCore(options: SdkOptions<CredentialsOption>, api: ApiInfo, refresh?: OperationMeta): CallCore {
  const auth = typeof options === 'object' && options !== null ? (options as { [AUTH_WIRING]?: AuthWiring })[AUTH_WIRING] : undefined;
  if (auth === undefined && typeof options === 'object' && options !== null && (options.auth !== undefined || options.credentials !== undefined)) {
    throw new TypeError('Tether: createClient(options) with auth or credentials needs createClient(withAuth(options)), which brings the auth layer into the bundle (createSdk always has it)');
  }
  const caching = typeof options === 'object' && options !== null ? (options as { [CACHE_WIRING]?: CacheWiring })[CACHE_WIRING] : undefined;
  if (caching === undefined && typeof options === 'object' && options !== null && options.cache !== undefined) {
    throw new TypeError('Tether: createClient(options) with cache needs createClient(withCache(options)), which brings the cache into the bundle (createSdk always has it)');
  }
  const batching = typeof options === 'object' && options !== null ? (options as { [BATCH_WIRING]?: WithBatch })[BATCH_WIRING] : undefined;
  if (batching === undefined && typeof options === 'object' && options !== null && options.batch !== undefined && options.batch !== false) {
    throw new TypeError('Tether: createClient(options) with batch needs createClient(withBatch(options, ...operations)), which brings batching into the bundle (createSdk always has it)');
  }
  const offline = typeof options === 'object' && options !== null ? (options as { [OFFLINE_WIRING]?: WithOffline })[OFFLINE_WIRING] : undefined;
  if (offline === undefined && typeof options === 'object' && options !== null && options.offline !== undefined) {
    throw new TypeError('Tether: createClient(options) with offline needs createClient(withOffline(options, ...operations)), which brings the offline queue into the bundle (createSdk always has it)');
  }
  const wiring = wireCallPath(options, api, auth, caching, batching?.wiring, batching?.operations, offline?.wiring);
  // Nothing binds every operation here, so the refresh operation is bound up front.
  if (refresh) wiring.bind(refresh);
  const runs = new Map<OperationMeta, Run>();
  let queue: OfflineQueue<unknown> | undefined;
  // The operations the queue may replay after a restart are bound up front too.
  for (const meta of offline?.operations ?? []) runs.set(meta, wiring.bind(meta));
  return Object.freeze({
    api: Object.freeze({ ...api }),
    streamHost: wiring.host,
    offline: () => (queue ??= wiring.offline<unknown>()),
    call(meta: OperationMeta, init: unknown, callOptions: CallOptions | undefined): Promise<unknown> {
      let run = runs.get(meta);
      if (run === undefined) {
        run = wiring.bind(meta);
        runs.set(meta, run);
      }
      return run(init, callOptions);
    },
  });
}
