/**
 * Local writes: the app's own change to a stored answer (an optimistic update), and its undo.
 * The change replaces only the body; the stored headers, validators and freshness stay the
 * server's, so the entry ages and revalidates as before: a 304 keeps the change while this
 * process can still roll it back (see LocalWrites), a new 200 replaces it. The envelope is
 * marked with the write's id, which is how `restore` knows whether the entry it would undo is
 * still its own: an entry a newer answer replaced is left alone.
 */
import type { CacheHit } from './cache-hit.js';
import type { Envelope, Overlay } from './envelope.js';
import type { StoredEntry } from './tiered-store.js';
import type { CacheRequest } from './types.js';

/** What a local write needs from the cache (http-cache.ts hands in its internals). */
export interface LocalWriteHost {
  /** The stored answer for `request`, as a call would find it. */
  lookup(request: CacheRequest): Promise<CacheHit | undefined>;
  /** The entry memory holds at `entryKey` now, without waiting: was `hit` replaced meanwhile? */
  current(entryKey: string): StoredEntry | undefined;
  /** Stores `envelope` in `hit`'s place with the same policy, and tells its subscribers (a local event). */
  replace(request: CacheRequest, hit: CacheHit, envelope: Envelope): void;
}

/** A local write that took place. */
export interface LocalWrite {
  /** The entry's subscription key. */
  readonly key: string;
  /** The body before the write. */
  readonly before: string;
  /** Puts `before` back if the entry still holds this write; resolves with whether it did. */
  restore(): Promise<boolean>;
}

// A change computed while a newer answer arrived is computed again on that answer; a few
// rounds are plenty (each needs a download to land during one updater call).
const MAX_ROUNDS = 3;

/**
 * Replaces the body of the stored success answer for `request` with `change(body)`; resolves
 * undefined (and never calls `change`) when there is none. `id` marks the write (unique per write).
 */
export async function writeLocally(host: LocalWriteHost, request: CacheRequest, change: (body: string, status: number) => string | Promise<string>, id: string): Promise<LocalWrite | undefined> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const hit = await host.lookup(request);
    if (hit === undefined || !isSuccess(hit.entry.envelope.status)) return undefined;
    const previous = hit.entry.envelope;
    const body = await change(previous.body, previous.status);
    if (!isCurrent(host, hit)) continue; // a newer answer landed while the change was computed
    host.replace(request, hit, { ...previous, headers: withoutLength(previous.headers), body, overlay: { id, base: previous.overlay?.base ?? previous.body } });
    return { key: hit.key, before: previous.body, restore: () => restore(host, request, id, previous) };
  }
  return undefined;
}

/**
 * The local writes of one cache (one process): which of them may still be rolled back, and so
 * what a 304 does to a changed entry. A 304 says the server still has the version the change was
 * made on: a change this process may still roll back is kept (its mutation may be on its way);
 * one an earlier launch left, whose rollback died with it, gives way to the server's body.
 */
export class LocalWrites {
  private readonly live = new Set<string>();

  /** `writeLocally`, remembering the write as live until its restore has run. */
  async write(host: LocalWriteHost, request: CacheRequest, change: (body: string, status: number) => string | Promise<string>, id: string): Promise<LocalWrite | undefined> {
    this.live.add(id);
    let write: LocalWrite | undefined;
    try {
      write = await writeLocally(host, request, change, id);
    } finally {
      if (write === undefined) this.live.delete(id);
    }
    const made = write;
    return made && { ...made, restore: () => made.restore().finally(() => this.live.delete(id)) };
  }

  /** The body and overlay to keep when a 304 confirms `envelope`. */
  notModified(envelope: Envelope): { body: string; overlay: Overlay | undefined } {
    const overlay = envelope.overlay;
    if (overlay === undefined || this.live.has(overlay.id)) return { body: envelope.body, overlay };
    return { body: overlay.base, overlay: undefined };
  }
}

async function restore(host: LocalWriteHost, request: CacheRequest, id: string, previous: Envelope): Promise<boolean> {
  const hit = await host.lookup(request);
  // Gone (invalidated, cleared) or replaced by a newer answer (or a later local write): not ours to undo.
  if (hit === undefined || hit.entry.envelope.overlay?.id !== id || !isCurrent(host, hit)) return false;
  // Headers stay current (a 304 may have refreshed them since); body and marker go back.
  host.replace(request, hit, { ...hit.entry.envelope, body: previous.body, overlay: previous.overlay });
  return true;
}

/** Still the entry memory holds (an entry too large for memory cannot be checked, and counts as current). */
function isCurrent(host: LocalWriteHost, hit: CacheHit): boolean {
  const now = host.current(hit.entryKey);
  return now === undefined || now === hit.entry;
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/** The stored Content-Length describes the server's body, not the changed one. */
function withoutLength(headers: Readonly<Record<string, string>>): Record<string, string> {
  const rest: Record<string, string> = { ...headers };
  delete rest['content-length'];
  return rest;
}
