/**
 * The offline queue's public shapes: its options, a stored entry, a dead letter, its events and
 * `sdk.offline` itself, typed per operation by the generated SDK's services `S`. The behaviour
 * lives beside this file (queue.ts, processor.ts, queue-store.ts); docs/offline.md explains it.
 */
import type { NetworkErrorJSON } from '../../errors/network-error.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';
import type { OperationMeta } from '../../contract/operation.js';

type MethodAt<S, K> = K extends `${infer T}.${infer M}` ? (T extends keyof S ? (M extends keyof S[T] ? S[T][M] : never) : never) : never;

/** `'<tag>.<operationId>'` of every operation of an SDK whose services are `S`. */
export type OfflineOperationId<S> = {
  [T in keyof S & string]: { [M in keyof S[T] & string]: S[T][M] extends { readonly meta: OperationMeta } ? `${T}.${M}` : never }[keyof S[T] & string];
}[keyof S & string];

/** The `init` argument of operation `K` (what is stored and replayed). */
export type OfflineInit<S, K> = MethodAt<S, K> extends (...args: infer A) => unknown ? A[0] : never;

/** The success body of operation `K` (what `sent` carries). */
export type OfflineData<S, K> = MethodAt<S, K> extends (...args: never) => Promise<infer D> ? D : never;

/** What a call made with `{ offline: 'queue' }` resolves with when it was queued instead of sent. */
export interface QueuedResult {
  readonly queued: true;
  /** The entry id (`sdk.offline.pending()`, `retry(id)`, `discard(id)`, the events). */
  readonly id: string;
  /** `'<tag>.<operationId>'`. */
  readonly operation: string;
}

/** One queued mutation as stored: the intent, never a credential. */
export interface OfflineEntry<Init = unknown> {
  readonly id: string;
  /** `'<tag>.<operationId>'`. */
  readonly operation: string;
  /** The call's init (params, body, headers) with credential headers removed. */
  readonly init: Init;
  /** Fixed at enqueue, sent on every replay, so the server applies the mutation once. */
  readonly idempotencyKey: string | undefined;
  /** Entries of one scope replay in order, one at a time; default the resource path. */
  readonly scope: string;
  /** Whose intent it is (a digest, never a token); replayed only under that user's session. */
  readonly owner: string;
  readonly createdAt: number;
  /** Sends tried so far. */
  readonly attempts: number;
  /** Not before this time (epoch ms) after a retryable failure. */
  readonly notBefore?: number | undefined;
  /** The last retryable failure, for display. */
  readonly lastError?: NetworkErrorJSON | undefined;
}

/** An entry the queue gave up on; it stays until `retry(id)` or `discard(id)`. */
export interface DeadLetter<Init = unknown> extends OfflineEntry<Init> {
  /** 'failed': the server refused it for good; 'expired': older than `maxRetentionMs`. */
  readonly reason: 'failed' | 'expired';
  readonly error: NetworkErrorJSON | undefined;
  readonly deadAt: number;
}

/** Events of `sdk.offline.on(event, listener)`. */
export interface OfflineEvents {
  /** Persisted: it will be sent. */
  queued: { readonly entry: OfflineEntry };
  /** The server accepted it; the entry is gone from storage. */
  sent: { readonly entry: OfflineEntry; readonly data: unknown; readonly status: number };
  /** A permanent failure (a 4xx other than 408/429, a 422 with its fieldErrors): moved to the dead letters. */
  failed: { readonly entry: DeadLetter; readonly error: NetworkErrorJSON };
  /** Older than `maxRetentionMs`: moved to the dead letters, never dropped silently. */
  expired: {
    readonly entry: DeadLetter;
    /**
     * True when the entry belongs to an owner other than the current one: it waited for a session
     * that did not come back. With opaque tokens and no `offline.user`, a sign-in after an ended
     * session counts as another owner (pass `user`, or `adopt()` such entries, to avoid this).
     */
    readonly otherOwner: boolean;
  };
  /** Nothing sendable is left (entries waiting for a backoff, another user or a session do not count). */
  drained: { readonly pending: number };
}

/** Per-operation optimistic update: applied to cached reads at enqueue, rolled back on permanent failure. */
export type OptimisticUpdate = (entry: OfflineEntry) => (() => void | Promise<void>) | void | Promise<(() => void | Promise<void>) | void>;

/** The `offline` option of createSdk. Every field is optional: `offline: {}` turns the queue on with the defaults. */
export interface OfflineOptions {
  /** Where entries live; default the SDK's `storage`, else memory (which a restart loses: a warning says so). */
  readonly storage?: StorageAdapter | undefined;
  /** Key prefix inside the storage, so two SDKs (or API versions) keep separate queues [the API title + version]. */
  readonly namespace?: string | undefined;
  /** Entries older than this move to the dead letters with `expired` [7 days]. */
  readonly maxRetentionMs?: number | undefined;
  /** Independent scopes replayed in parallel [4]. */
  readonly concurrency?: number | undefined;
  /** Backoff between replays of an entry after a retryable failure [1 s doubling to 5 min, full jitter]. */
  readonly backoff?: { readonly baseMs?: number | undefined; readonly maxMs?: number | undefined } | undefined;
  /** Replay on enqueue, reconnect and foreground without an explicit `process()` [true]. */
  readonly autoProcess?: boolean | undefined;
  /**
   * Whose entries: a fixed name, a function read per enqueue and per send, or omitted: the access
   * token's owner (as the cache's scope). Opaque tokens name nobody: without `user`, a new sign-in
   * after an ended session is a new owner, so the earlier session's entries wait (and expire into
   * the dead letters) instead of being sent; apps with opaque tokens should pass `user`.
   */
  readonly user?: string | (() => string | undefined) | undefined;
  /**
   * What logout does to the signed-out user's entries: kept for their next session, or discarded
   * ['keep']. 'discard' acts on the spec's logout operation called through the SDK and on a sign-in
   * as another user; it removes the entries and dead letters silently (no `failed`/`expired`).
   * A session that ends by itself (refresh token rejected) never discards: the queue pauses.
   */
  readonly onLogout?: 'keep' | 'discard' | undefined;
  /** Operations the app asserts are safe to repeat though the spec neither keys nor marks them (e.g. a PATCH with If-Match). */
  readonly repeatable?: ReadonlyArray<string> | undefined;
  /** Hold entries whose body is larger than this many bytes while the connection is expensive [off]. */
  readonly deferOnExpensive?: number | false | undefined;
  /**
   * Optimistic updates by operation (`'orders.updateOrder'`): called once the entry is stored;
   * change cached reads with `sdk.cache` (its subscribers see it) and return the rollback, which
   * runs if the entry fails for good or expires. Rollbacks live in memory: after a restart a
   * failing entry has none to run.
   */
  readonly optimistic?: Readonly<Record<string, OptimisticUpdate>> | undefined;
  /** Connectivity; default the SDK's `connectivity`, else always online (sends tell). */
  readonly connectivity?: Connectivity | undefined;
  /** App foreground / page visibility, which triggers processing; default none. */
  readonly foreground?: Foreground | undefined;
  /**
   * The store's processor lease (one processor per store across tabs and processes): `holder`, a
   * stable id of this process, lets a single-process app (a React Native app) take its lease back
   * at once after a restart instead of waiting out `ttlMs` [a random id; 30 s]. It must differ
   * between processes that may run at the same time.
   */
  readonly processorLock?: { readonly holder?: string | undefined; readonly ttlMs?: number | undefined } | undefined;
  /** Background failures (storage errors, a corrupt stored entry moved aside, a throwing hook); default the SDK's logger at warn. */
  readonly onError?: ((error: unknown) => void) | undefined;
}

/** Options of one `enqueue`. */
export interface EnqueueOptions {
  /** Overrides the generated key (only for operations that take one). */
  readonly idempotencyKey?: string | undefined;
  /** Overrides the ordering scope (default the resource path, e.g. `/orders/42`). */
  readonly scope?: string | undefined;
}

/** `sdk.offline`, typed by the SDK's services `S`. */
export interface OfflineQueue<S> {
  /** True when the SDK was created with an `offline` option. */
  readonly enabled: boolean;
  /** Persists the intent, then resolves with the entry id; a refused operation rejects with a TypeError naming it. */
  enqueue<K extends OfflineOperationId<S>>(operation: K, init: OfflineInit<S, K>, options?: EnqueueOptions): Promise<string>;
  /** Sends what can be sent now; resolves when this pass is over. */
  process(): Promise<void>;
  /** Entries waiting to be sent, oldest first. */
  pending(): Promise<ReadonlyArray<OfflineEntry>>;
  /** Entries the queue gave up on. */
  deadLetters(): Promise<ReadonlyArray<DeadLetter>>;
  /** Moves a dead letter back into the queue (attempts reset). */
  retry(id: string): Promise<void>;
  /** Removes an entry or a dead letter for good. */
  discard(id: string): Promise<void>;
  /**
   * Re-owns the pending entries of `fromOwner` (an entry's `owner`, from `pending()`) to the
   * current owner, keeping their order, so they replay under this session; resolves with how
   * many. For opaque tokens without `offline.user`, where a new sign-in after an ended session
   * is another owner. Only the app knows both are the same person: never call it on a user switch.
   * Rejects with a TypeError when signed out. A dead letter is re-owned after `retry(id)`.
   */
  adopt(fromOwner: string): Promise<number>;
  /**
   * Whose entries the queue holds now: the owner an entry enqueued now would get (a digest,
   * never a token; 'anonymous' when signed out). A sync over the SDK's feed follows it.
   * Rejects with a TypeError when the queue is off.
   */
  owner(): Promise<string>;
  /** Listens to an event; returns the unsubscribe function. */
  on<E extends keyof OfflineEvents>(event: E, listener: (payload: OfflineEvents[E]) => void): () => void;
  /** Stops timers and listeners (the entries stay in storage). */
  close(): Promise<void>;
}
