/**
 * Incremental sync over a since/cursor changes feed. One run: push pending offline writes,
 * pull pages from the stored cursor until the feed says no more, check each page's records,
 * let the app `apply` them, and only then store the page's cursor. A crash between `apply` and
 * the cursor write repeats that page on the next run, which is harmless because upserts and
 * deletes by id are idempotent. A 410 to the stored cursor (the server forgot it) starts a full
 * sync whose first batch says `reset: true`, so the app replaces its copy instead of silently
 * keeping records the server deleted meanwhile.
 *
 * The cursor is one owner's (owner.ts): the app's store holds that user's copy. A run for
 * anyone else (another user signed in, or the previous one back after someone else) does not
 * resume it: it is a full sync with `reset: true`, and `ownerChanged` says why. The owner is
 * checked again after every pull, so a switch during a run restarts it as the new owner's full
 * sync before a page pulled with the new user's token is applied over the old copy.
 */
import { checkPage, defaultRecordId } from './check-page.js';
import { defaultPendingRecordId, pendingByRecord } from './conflicts.js';
import { SyncCursorStalledError, SyncPageLimitError, isCursorExpired } from './errors.js';
import { pullSignalsOf } from './sdk-signals.js';
import { decodeCursor, encodeCursor } from './cursor-record.js';
import { resolveOwner } from './owner.js';
import type { OfflineEntry } from '../offline/types.js';
import type { RejectedRecord, Sync, SyncBatch, SyncOptions, SyncResult } from './types.js';

/** The default storage key of the cursor. */
export const DEFAULT_SYNC_KEY = 'tether.sync:default';

/** Creates an incremental sync; nothing runs until `run()` (or a poller / socket calls it). */
export function createSync<R>(options: SyncOptions<R>): Sync {
  const key = options.key ?? DEFAULT_SYNC_KEY;
  const storage = options.storage;
  const recordId = options.recordId ?? ((record: R) => defaultRecordId(record));
  const maxPages = options.maxPages ?? 1000;
  if (!options.apply && !options.cache) throw new TypeError('createSync needs `apply` (the app\'s store), `cache` (the SDK cache), or both.');
  const beforePull =
    options.beforePull ?? (options.offline?.enabled ? () => options.offline!.process() : undefined);

  const owner = resolveOwner(options.owner, options.pull, options.offline, storage, key);

  /** The cursor `currentOwner` may resume from, and whether a stored one was set aside as someone else's. */
  const readCursor = async (currentOwner: string | undefined): Promise<{ since: string | undefined; otherOwner: boolean }> => {
    const record = decodeCursor(await storage.getItem(key));
    if (record === undefined) return { since: undefined, otherOwner: false };
    // Without an owner, any cursor resumes (as before owners). With one, a record of nobody
    // known (written before owners, or by a sync without one) is not proven to be this owner's
    // copy: a full sync is the only safe answer.
    if (currentOwner !== undefined && record.owner !== currentOwner) return { since: undefined, otherOwner: true };
    return { since: record.cursor, otherOwner: false };
  };
  // One setItem of one key (every storage adapter writes a key whole; file storage renames):
  // the cursor and its owner can never be stored apart.
  const writeCursor = (cursor: string, by: string | undefined) => storage.setItem(key, encodeCursor({ cursor, owner: by }));

  const pendingWrites = async (): Promise<Map<string, OfflineEntry[]>> => {
    if (!options.offline?.enabled) return new Map();
    const entries = await options.offline.pending();
    return pendingByRecord(entries, options.pendingRecordId ?? defaultPendingRecordId);
  };

  const once = async (signal: AbortSignal | undefined): Promise<SyncResult> => {
    if (beforePull) await beforePull();
    const pending = await pendingWrites();
    let runOwner = owner ? await owner() : undefined;
    const stored = await readCursor(runOwner);
    let since = stored.since;
    let ownerChanged = stored.otherOwner;
    let reset = since === undefined;
    // The next batch applied starts a full sync: the app replaces its copy with what follows.
    let resetNext = reset;
    let expired = false;
    let restarts = 0;
    let pages = 0;
    let upserts = 0;
    let deletes = 0;
    let conflicts = 0;
    const rejected: RejectedRecord[] = [];

    for (;;) {
      signal?.throwIfAborted();
      // Owner restarts count too: an owner that changed at every pull would never apply a page.
      if (pages + restarts >= maxPages) throw new SyncPageLimitError(pages);
      let page;
      try {
        page = await options.pull({ since, signal });
      } catch (error) {
        // Only a stored cursor can expire; a 410 to a full sync is the server's fault, not ours.
        if (since === undefined || !isCursorExpired(error)) throw error;
        await storage.removeItem(key);
        since = undefined;
        reset = true;
        resetNext = true;
        expired = true;
        continue;
      }
      if (owner) {
        // Signed in as someone else during the pull: this page may be theirs, pulled from the
        // previous owner's cursor. Nothing of it is applied; the run starts over as their full sync.
        const now = await owner();
        if (now !== runOwner) {
          runOwner = now;
          since = undefined;
          reset = true;
          resetNext = true;
          ownerChanged = true;
          restarts++;
          continue;
        }
      }
      if (typeof page?.nextCursor !== 'string' || page.nextCursor === '') throw new TypeError('The feed answered without a nextCursor; nothing was applied.');
      const checked = await checkPage(page.upserts, page.deletes, { recordId, schema: options.schema });
      for (const report of checked.rejected) options.onInvalid?.(report);
      rejected.push(...checked.rejected);

      let kept = checked.upserts;
      let keptDeletes = checked.deletes;
      if (pending.size > 0 && options.conflict) {
        const hook = options.conflict;
        const keepLocal = new Set<string>();
        for (const record of checked.upserts) {
          const id = recordId(record)!;
          const writes = pending.get(id);
          if (!writes) continue;
          conflicts++;
          if ((await hook({ id, server: record, pending: writes })) === 'local') keepLocal.add(id);
        }
        for (const id of checked.deletes) {
          const writes = pending.get(id);
          if (!writes) continue;
          conflicts++;
          if ((await hook({ id, server: undefined, pending: writes })) === 'local') keepLocal.add(id);
        }
        kept = kept.filter((record) => !keepLocal.has(recordId(record)!));
        keptDeletes = keptDeletes.filter((id) => !keepLocal.has(id));
      }

      const batch: SyncBatch<R> = { reset: resetNext, upserts: kept, deletes: keptDeletes, cursor: page.nextCursor };
      await options.apply?.(batch);
      if (options.cache) await options.cache(batch, [...kept.map((record) => recordId(record)!), ...keptDeletes]);
      await writeCursor(page.nextCursor, runOwner);
      resetNext = false;
      pages++;
      upserts += kept.length;
      deletes += keptDeletes.length;
      const asked = since;
      since = page.nextCursor;
      if (page.hasMore !== true) break;
      // Asked again with the same cursor, the feed would answer the same page, up to maxPages times.
      if (page.nextCursor === asked) throw new SyncCursorStalledError(page.nextCursor);
    }
    return { pages, upserts, deletes, reset, expired, ownerChanged, rejected, conflicts, cursor: since! };
  };

  let current: Promise<SyncResult> | undefined;
  let next: Promise<SyncResult> | undefined;
  // Explicit options win; else a generated feed's SDK adapters (sdk-signals.ts).
  const fromSdk = pullSignalsOf(options.pull);
  const sync: Sync = {
    connectivity: options.connectivity ?? fromSdk?.connectivity,
    foreground: options.foreground ?? fromSdk?.foreground,
    run(runOptions) {
      if (!current) {
        current = once(runOptions?.signal).finally(() => {
          current = undefined;
        });
        return current;
      }
      // A run asked for during a run may be about writes the current pull has already passed:
      // one more run follows, shared by every caller that asked meanwhile.
      next ??= current
        .catch(() => undefined)
        .then(() => {
          next = undefined;
          return sync.run(runOptions);
        });
      return next;
    },
    async cursor() {
      return (await readCursor(owner ? await owner() : undefined)).since;
    },
    async reset() {
      await storage.removeItem(key);
    },
    get running() {
      return current !== undefined;
    },
  };
  return sync;
}
