/**
 * Errors of the sync layer, as typed classes with a stable `code` and a brand that still holds
 * when two copies of the runtime are loaded.
 */
import { isNetworkError } from '../../errors/network-error.js';

const BRAND = Symbol.for('tether.SyncCursorExpiredError');

/** `cause` as ES2022 declares it on Error, also for consumers compiling with lib ES2020. */
export interface SyncCursorExpiredError {
  readonly cause?: unknown;
}

/** A custom `pull` throws this when its server says the cursor is no longer valid (the generated feeds see a 410). */
export class SyncCursorExpiredError extends Error {
  override readonly name = 'SyncCursorExpiredError';
  readonly code = 'SYNC_CURSOR_EXPIRED';
  readonly [BRAND] = true;
  constructor(message = 'The sync cursor is no longer valid; a full sync follows.', options?: { cause?: unknown }) {
    super(message);
    // Set by hand: Error's `cause` option is ES2022, and consumers may compile with lib ES2020.
    if (options !== undefined && 'cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
  }
}

/** True for a SyncCursorExpiredError or a NetworkError with status 410 Gone. */
export function isCursorExpired(error: unknown): boolean {
  if (typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true) return true;
  return isNetworkError(error) && error.status === 410;
}

/** A run that paged past `maxPages` (a feed that never stops saying hasMore). */
export class SyncPageLimitError extends Error {
  override readonly name = 'SyncPageLimitError';
  readonly code = 'SYNC_PAGE_LIMIT';
  constructor(readonly pages: number) {
    super(`The feed still had more after ${pages} pages; the run stopped (its applied pages are kept).`);
  }
}

/** A page that said `hasMore` but handed back the cursor it was asked with: the next pull would get the same page again. */
export class SyncCursorStalledError extends Error {
  override readonly name = 'SyncCursorStalledError';
  readonly code = 'SYNC_CURSOR_STALLED';
  constructor(readonly cursor: string) {
    super('The feed said it had more but did not move its cursor; the run stopped (its applied pages are kept) instead of asking for the same page again.');
  }
}
