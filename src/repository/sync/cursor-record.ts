/**
 * The stored cursor record: the cursor and the owner it belongs to, written together as one
 * value under one key (one setItem), so no crash can leave a cursor stamped with the wrong
 * owner. Format 2 is `{ v: 2, cursor, owner? }` (owner: a digest, owner.ts); format 1,
 * `{ v: 1, cursor }`, from before owners, is still read, as a cursor of no known owner.
 */

/** A readable stored record. */
export interface CursorRecord {
  readonly cursor: string;
  /** The owner digest; undefined for a record written without one (format 1, or a sync with no owner). */
  readonly owner: string | undefined;
}

/** The stored text of a record. */
export function encodeCursor(record: CursorRecord): string {
  return JSON.stringify(record.owner === undefined ? { v: 2, cursor: record.cursor } : { v: 2, cursor: record.cursor, owner: record.owner });
}

/**
 * The record in stored `text`; undefined for nothing stored and for anything unreadable: a
 * corrupt value means no cursor, so the next run is a full sync (reset: true), which loses
 * nothing, where keeping a guess could.
 */
export function decodeCursor(text: string | null): CursorRecord | undefined {
  if (text === null) return undefined;
  let value: { v?: unknown; cursor?: unknown; owner?: unknown };
  try {
    value = JSON.parse(text) as typeof value;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || typeof value.cursor !== 'string' || value.cursor === '') return undefined;
  if (value.v === 1) return { cursor: value.cursor, owner: undefined };
  if (value.v !== 2) return undefined;
  if (value.owner === undefined) return { cursor: value.cursor, owner: undefined };
  return typeof value.owner === 'string' && value.owner !== '' ? { cursor: value.cursor, owner: value.owner } : undefined;
}
