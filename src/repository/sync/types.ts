/**
 * The public shapes of incremental sync: one page of a changes feed, what `apply` receives,
 * the reports of rejected records and the options of `createSync`. docs/sync.md explains them.
 */
import type { StandardSchemaV1 } from '../../contract/standard-schema.js';
import type { StorageAdapter } from '../../platform/storage/types.js';
import type { OfflineEntry } from '../offline/types.js';
import type { Connectivity, Foreground } from '../../platform/connectivity/types.js';

/** One page of a since/cursor changes feed, as the server sent it (not yet trusted). */
export interface FeedPage<R> {
  readonly upserts: ReadonlyArray<R>;
  readonly deletes: ReadonlyArray<string>;
  /** Pass as the cursor of the next pull. */
  readonly nextCursor: string;
  /** More changes are waiting: pull again at once with `nextCursor`. */
  readonly hasMore: boolean;
}

/** What a pull is asked for. */
export interface PullRequest {
  /** The stored cursor; undefined for a full sync. */
  readonly since: string | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Fetches one page of changes after `since` (a generated feed or the app's own function). */
export type SyncPull<R> = (request: PullRequest) => Promise<FeedPage<R>>;

/** One batch handed to `apply`: records already checked, deletes as ids. */
export interface SyncBatch<R> {
  /**
   * True on the first batch of a full sync (no stored cursor, or the server expired it): the
   * app replaces its local copy with what follows instead of merging into it.
   */
  readonly reset: boolean;
  readonly upserts: ReadonlyArray<R>;
  readonly deletes: ReadonlyArray<string>;
  /** The cursor that is stored once `apply` resolves. */
  readonly cursor: string;
}

/** Why a record was left out of a batch. */
export type RejectReason = 'not-an-object' | 'missing-id' | 'forbidden-key' | 'too-deep' | 'schema' | 'bad-delete' | 'unknown-collection';

/** A record (or message) the sync refused; the rest of its batch went on. */
export interface RejectedRecord {
  readonly reason: RejectReason;
  /** Where in the record: the forbidden key's path or the schema issue's path. */
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
  /** The record's id when it had a usable one. */
  readonly id: string | undefined;
}

/** A server change to a record that still has local writes waiting in the offline queue. */
export interface SyncConflict<R> {
  readonly id: string;
  /** The server's version; undefined when the server deleted the record. */
  readonly server: R | undefined;
  /** The queued writes to that record, oldest first. */
  readonly pending: ReadonlyArray<OfflineEntry>;
}

/** What a conflict hook decides: apply the server's change, or keep the local copy until the queue has sent its writes. */
export type ConflictDecision = 'server' | 'local';

/** The part of `sdk.offline` sync uses (so any queue of that shape fits). */
export interface SyncOfflineQueue {
  readonly enabled: boolean;
  process(): Promise<void>;
  pending(): Promise<ReadonlyArray<OfflineEntry>>;
  /** Whose entries the queue holds now (`sdk.offline.owner()`); a sync over a generated feed follows it when the app names no owner. */
  owner?(): Promise<string>;
}

/** Options of `createSync`. */
export interface SyncOptions<R> {
  /** Fetches one page of changes. */
  readonly pull: SyncPull<R>;
  /** Writes one checked batch into the app's store; the cursor is saved only after it resolves, so it must be idempotent (upserts and deletes by id are). Optional when `cache` alone is kept in step. */
  readonly apply?: ((batch: SyncBatch<R>) => void | Promise<void>) | undefined;
  /** Runs after `apply`, before the cursor is saved, with the ids the batch touched: `cacheInvalidation(…)` keeps the SDK cache in step. */
  readonly cache?: ((batch: SyncBatch<R>, ids: ReadonlyArray<string>) => Promise<void>) | undefined;
  /** Where the cursor lives (one key, written only after `apply`). */
  readonly storage: StorageAdapter;
  /**
   * Whose data the app's store holds: read at every run (and after every pull), e.g.
   * `() => session.userId`; undefined or '' when nobody is signed in. The cursor is stored with
   * (a digest of) it, and a run for anyone else is a full sync with `reset: true`. A cursor
   * stored without an owner (before this option, or by a sync without one) counts as nobody's:
   * the first run with an owner is a full sync. [none: any stored cursor resumes; a sync over a
   * generated feed follows its SDK's user instead: docs/sync.md, "One user's cursor"]
   */
  readonly owner?: (() => string | undefined | Promise<string | undefined>) | undefined;
  /** The cursor's storage key ['tether.sync:default']. */
  readonly key?: string | undefined;
  /** A record's id ['id' property, a string]. */
  readonly recordId?: ((record: R) => string | undefined) | undefined;
  /** Checks each record (the generated feed passes the spec's schema); failures are rejected, not applied. */
  readonly schema?: StandardSchemaV1 | undefined;
  /** Hears every rejected record; default logs nothing, the run's result lists them too. */
  readonly onInvalid?: ((rejected: RejectedRecord) => void) | undefined;
  /** The offline queue: processed before each pull and read for conflicts. */
  readonly offline?: SyncOfflineQueue | undefined;
  /** Runs before each pull [`offline.process()` when the queue is enabled]. */
  readonly beforePull?: (() => Promise<void>) | undefined;
  /** The id a queued write targets [its `params.path` value ending in `Id`/`id`, else the scope's last segment]. */
  readonly pendingRecordId?: ((entry: OfflineEntry) => string | undefined) | undefined;
  /** Sees server changes to records with pending local writes ['server': the server's change is applied]. */
  readonly conflict?: ((conflict: SyncConflict<R>) => ConflictDecision | void | Promise<ConflictDecision | void>) | undefined;
  /** Stops a run that pages on and on (a server that always says hasMore) [1000 pages]. */
  readonly maxPages?: number | undefined;
  /** Connectivity a poller or socket over this sync follows [the SDK's, when `pull` is a generated feed]. */
  readonly connectivity?: Connectivity | undefined;
  /** Foreground a poller or socket over this sync follows [the SDK's, when `pull` is a generated feed]. */
  readonly foreground?: Foreground | undefined;
}

/** What one run did. */
export interface SyncResult {
  /** Pages pulled (each applied and its cursor stored). */
  readonly pages: number;
  readonly upserts: number;
  readonly deletes: number;
  /** True when the run was a full sync (first run, the server expired the cursor, or another owner's cursor). */
  readonly reset: boolean;
  /** True when the server answered 410 to the stored cursor and a full sync followed. */
  readonly expired: boolean;
  /**
   * True when a stored cursor was set aside because it belongs to another owner (or to no known
   * one), or the owner changed during the run: the run was that owner's full sync.
   */
  readonly ownerChanged: boolean;
  readonly rejected: ReadonlyArray<RejectedRecord>;
  readonly conflicts: number;
  /** The stored cursor after the run. */
  readonly cursor: string;
}

/** An incremental sync over one feed. */
export interface Sync {
  /** Pushes pending writes, then pulls and applies pages until the feed has no more; a call during a run joins it and one more run follows (writes that landed meanwhile). */
  run(options?: { readonly signal?: AbortSignal | undefined }): Promise<SyncResult>;
  /** The stored cursor the next run resumes from (undefined before the first run, or when it is another owner's). */
  cursor(): Promise<string | undefined>;
  /** Forgets the cursor: the next run is a full sync with `reset: true`. */
  reset(): Promise<void>;
  /** True while a run is under way. */
  readonly running: boolean;
  /** The connectivity a poller or socket over this sync follows unless given its own. */
  readonly connectivity?: Connectivity | undefined;
  /** The foreground a poller or socket over this sync follows unless given its own. */
  readonly foreground?: Foreground | undefined;
}
