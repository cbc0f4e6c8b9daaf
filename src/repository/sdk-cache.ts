/**
 * `sdk.cache`: what an app (or a UI binding such as a React hook or TanStack Query) does with
 * the cache directly. `subscribe('orders.getOrder', init, listener)` hears every new answer
 * stored for that request (a download, a 304, a stale-while-revalidate refresh in the
 * background) as typed data, and its invalidation; `get` reads the stored answer; `update`
 * changes it locally (an optimistic update) and hands back its rollback; `invalidate` drops one
 * request's entries; `clear` drops them all. Keys are in the current user's scope, like the calls.
 */
import type { OperationMeta } from '../contract/operation.js';
import type { ValidateMode } from '../service/validate.js';
import { issuesOf, isThenable, responseSchema } from '../service/validate.js';
import type { AttemptBuilder } from '../service/build-attempt.js';
import type { CallInit } from '../service/build-attempt.js';
import type { HttpCache } from './cache/http-cache.js';
import { subscriptionKey } from './cache/cache-key.js';
import type { CacheEvent, ResultSource } from './cache/types.js';
import type { ScopeTracker } from './cache-scope.js';
import type { CacheRequest } from './cache/types.js';
import { uuidV4 } from '../platform/uuid.js';

type MethodAt<S, K> = K extends `${infer T}.${infer M}` ? (T extends keyof S ? (M extends keyof S[T] ? S[T][M] : never) : never) : never;

/** `'<tag>.<operationId>'` of every operation of an SDK whose services are `S`. */
export type CacheOperationId<S> = {
  [T in keyof S & string]: { [M in keyof S[T] & string]: S[T][M] extends { readonly meta: OperationMeta } ? `${T}.${M}` : never }[keyof S[T] & string];
}[keyof S & string];

/** The success body type of operation `K`. */
export type CacheData<S, K> = MethodAt<S, K> extends (...args: never) => Promise<infer D> ? D : never;

/** The `init` argument of operation `K` (path, query and header parameters pick the entry). */
export type CacheInit<S, K> = MethodAt<S, K> extends (...args: infer A) => unknown ? A[0] : never;

/** What a subscriber hears about one entry. */
export type CacheUpdate<Data> =
  /** A new answer was stored; `background` when a stale-while-revalidate refresh brought it. */
  /** `source` 'local': the app's own change (`update`) or its rollback, not a server answer. */
  | { readonly type: 'updated'; readonly key: string; readonly data: Data; readonly source: ResultSource | 'local'; readonly stale: boolean; readonly ageMs: number; readonly background: boolean }
  /** The entry was removed (invalidate, a mutation of the resource, a no-store answer). */
  | { readonly type: 'invalidated'; readonly key: string }
  /** The cache, or this user's part of it, was cleared (clear, logout, user switch). */
  | { readonly type: 'cleared'; readonly key: string };

/**
 * Undoes one `update`: puts the previous body back unless a newer answer (a download, or a later
 * `update`) replaced the changed one meanwhile, which is then left alone. Returned as is by an
 * optimistic hook (`offline.optimistic`), so it resolves with nothing.
 */
export type CacheRollback = () => Promise<void>;

/** Ends a subscription; `ready` resolves once it listens (its key needs the current user's scope, read asynchronously). */
export type CacheSubscription = (() => void) & { readonly ready: Promise<void> };

/** `sdk.cache`, typed by the SDK's services `S`. Without the `cache` option it holds nothing and never notifies. */
export interface SdkCache<S> {
  /** True when the SDK was created with a `cache` option. */
  readonly enabled: boolean;
  /** Listens to one request's entry; returns the unsubscribe function. */
  subscribe<K extends CacheOperationId<S>>(operation: K, init: CacheInit<S, K>, listener: (update: CacheUpdate<CacheData<S, K>>) => void): CacheSubscription;
  /** Listens to an entry by its key (a `.raw()` result's `cache.key`). */
  subscribe(key: string, listener: (update: CacheUpdate<unknown>) => void): CacheSubscription;
  /** The stored answer of one request for the current user, fresh or stale, as typed data; undefined when none (never sends). */
  get<K extends CacheOperationId<S>>(operation: K, init: CacheInit<S, K>): Promise<CacheData<S, K> | undefined>;
  /**
   * Changes one request's stored answer locally: `updater` gets the stored data and returns the
   * new data, which reads through the cache and subscribers (source 'local') see at once; the
   * server's headers and freshness are kept. Nothing stored: `updater` is not called, and the
   * rollback does nothing. Resolves with the rollback once the change is made.
   */
  update<K extends CacheOperationId<S>>(operation: K, init: CacheInit<S, K>, updater: (current: CacheData<S, K>) => CacheData<S, K>): Promise<CacheRollback>;
  /** Removes one request's stored answers (every Vary variant), in memory and storage. */
  invalidate<K extends CacheOperationId<S>>(operation: K, init: CacheInit<S, K>): Promise<void>;
  /** Removes an entry by its key. */
  invalidate(key: string): Promise<void>;
  /** Removes every entry of every user this SDK's cache wrote (other keys in the storage stay). */
  clear(): Promise<void>;
  /** Resolves once queued storage writes are done (before an app is suspended, in tests). */
  flush(): Promise<void>;
}

/** What the facade needs from the wiring. */
export interface SdkCacheParts {
  readonly cache: HttpCache | undefined;
  readonly scopes: ScopeTracker | undefined;
  readonly build: AttemptBuilder;
  readonly validate: ValidateMode;
  /** The operation with this id, once bound (createSdk binds every operation up front). */
  readonly operation: (id: string) => OperationMeta | undefined;
}

/** Builds `sdk.cache` (untyped inside; the generated SDK names its services as `S`). */
export function createSdkCache<S>(parts: SdkCacheParts): SdkCache<S> {
  const { cache, scopes } = parts;
  const noop = () => undefined;

  // The subscription key of an operation's request for the current user; a key passes as is.
  const keyOf = async (target: string, init: unknown): Promise<{ key: string; meta: OperationMeta | undefined }> => {
    if (/\s/.test(target)) return { key: target, meta: undefined };
    const meta = parts.operation(target);
    if (meta === undefined) throw new TypeError(`Tether: sdk.cache: no operation ${JSON.stringify(target)} (expected '<tag>.<operationId>', e.g. 'orders.getOrder', or an entry key)`);
    const url = parts.build(meta, (init ?? {}) as CallInit, undefined).url;
    return { key: subscriptionKey(await scopes!.current(), 'GET', url), meta };
  };

  const deliver = async (event: CacheEvent, meta: OperationMeta | undefined, listener: (update: CacheUpdate<unknown>) => void, init: unknown) => {
    if (event.type !== 'stored') return listener({ type: event.type, key: event.key });
    const { result } = event;
    if (result.status < 200 || result.status >= 300) return; // an error answer is not data
    let data: unknown = result.body;
    if (meta === undefined || meta.responseKind === 'json') data = result.body === '' ? undefined : JSON.parse(result.body);
    const schema = meta && meta.responseKind === 'json' && parts.validate !== 'off' ? responseSchema(meta, result.status, (init as CallInit | undefined)?.params?.query) : undefined;
    const found = schema && issuesOf(schema, data);
    const issues = isThenable(found) ? await found : found;
    // A background refresh was never seen by the call runner: checked here like a call's answer.
    if (issues && parts.validate === 'strict') throw new TypeError(`Tether: sdk.cache: the stored answer of ${meta!.id} does not match the spec; not delivered`);
    listener({ type: 'updated', key: event.key, data, source: event.local === true ? 'local' : result.source, stale: result.stale, ageMs: result.ageMs, background: event.background });
  };

  const subscribe = (target: string, initOrListener: unknown, maybeListener?: (update: CacheUpdate<unknown>) => void): CacheSubscription => {
    const listener = (typeof initOrListener === 'function' && maybeListener === undefined ? initOrListener : maybeListener) as ((update: CacheUpdate<unknown>) => void) | undefined;
    if (typeof listener !== 'function') throw new TypeError('Tether: sdk.cache.subscribe needs a listener function');
    if (cache === undefined) return Object.assign(noop, { ready: Promise.resolve() });
    const init = maybeListener === undefined ? undefined : initOrListener;
    let off: (() => void) | undefined;
    let closed = false;
    // The key needs the current scope (async); events from then on are delivered.
    const ready = keyOf(target, init).then(({ key, meta }) => {
      if (closed) return;
      off = cache.subscribe(key, (event) => {
        deliver(event, meta, listener, init).catch(cache.reportError);
      });
    });
    // A bad target (unknown operation, missing path parameter) rejects `ready` and is reported.
    ready.catch(cache.reportError);
    return Object.assign(() => {
      closed = true;
      off?.();
    }, { ready });
  };

  // The request a call of `operation` with `init` would make now, as the cache keys it.
  const requestOf = async (operation: string, init: unknown): Promise<{ request: CacheRequest; meta: OperationMeta }> => {
    const meta = parts.operation(operation);
    if (meta === undefined || /\s/.test(operation)) throw new TypeError(`Tether: sdk.cache: no operation ${JSON.stringify(operation)} (expected '<tag>.<operationId>', e.g. 'orders.getOrder')`);
    if (meta.method.toUpperCase() !== 'GET') throw new TypeError(`Tether: sdk.cache: ${meta.id} is not a GET, so it has no stored answer`);
    const attempt = parts.build(meta, (init ?? {}) as CallInit, undefined);
    const headers: Record<string, string> = {};
    attempt.headers.forEach((value, name) => void (headers[name] = value));
    return { request: { method: 'GET', url: attempt.url, headers, scope: await scopes!.current() }, meta };
  };

  const decode = (meta: OperationMeta, body: string): unknown => (meta.responseKind === 'json' ? (body === '' ? undefined : JSON.parse(body)) : body);

  // Under 'strict', data is checked against the response schema as a server's answer would be.
  const strictIssues = async (meta: OperationMeta, data: unknown, status: number, init: unknown) => {
    const schema = parts.validate === 'strict' ? responseSchema(meta, status, (init as CallInit | undefined)?.params?.query) : undefined;
    const found = schema && issuesOf(schema, data);
    return isThenable(found) ? await found : found;
  };

  // The updater's data, checked (a read would drop a stored answer that does not match).
  const encode = async (meta: OperationMeta, data: unknown, status: number, init: unknown): Promise<string> => {
    if (meta.responseKind !== 'json') {
      if (typeof data !== 'string') throw new TypeError(`Tether: sdk.cache.update: ${meta.id} answers text; the updater must return a string`);
      return data;
    }
    const issues = await strictIssues(meta, data, status, init);
    if (issues) throw new TypeError(`Tether: sdk.cache.update: the updater's data for ${meta.id} does not match the spec (${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}); nothing was changed`);
    return data === undefined ? '' : JSON.stringify(data);
  };

  return Object.freeze({
    enabled: cache !== undefined,
    subscribe,
    async get(operation: string, init: unknown) {
      if (cache === undefined) return undefined;
      const { request, meta } = await requestOf(operation, init);
      const hit = await cache.lookup(request);
      const envelope = hit?.entry.envelope;
      if (envelope === undefined || envelope.status < 200 || envelope.status >= 300) return undefined;
      const data = decode(meta, envelope.body);
      // A copy an older app version stored that no longer matches the spec is not this type's data.
      return (await strictIssues(meta, data, envelope.status, init)) ? undefined : data;
    },
    async update(operation: string, init: unknown, updater: (current: unknown) => unknown) {
      if (typeof updater !== 'function') throw new TypeError('Tether: sdk.cache.update needs an updater function');
      const nothing: CacheRollback = () => Promise.resolve();
      if (cache === undefined) return nothing;
      const { request, meta } = await requestOf(operation, init);
      const write = await cache.writeLocally(request, (body, status) => encode(meta, updater(decode(meta, body)), status, init), uuidV4());
      return write === undefined ? nothing : async () => void (await write.restore());
    },
    async invalidate(target: string, init?: unknown) {
      if (cache === undefined) return;
      await cache.invalidate((await keyOf(target, init)).key);
    },
    async clear() {
      await cache?.clear();
    },
    async flush() {
      await cache?.flush();
    },
  }) as SdkCache<S>;
}
