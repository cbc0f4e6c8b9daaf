/**
 * The cache owner record: whose entries the cache holds, kept in the storage beside them so a
 * user switch made while the app was closed still wipes the previous user's. For an opaque-token
 * session it also lists digests of the session's latest access tokens (never a token): a
 * refresh replaces the token but continues the session, and the next launch, or another SDK
 * instance over the same storage, must recognise the refreshed token as the same session.
 */

import { refreshedChain, refreshedFrom } from '../auth/token-manager.js';
import type { Tokens } from '../auth/token-store.js';
import { scopeFromToken, tokenDigest } from './cache/scope.js';

/** The scope and, for an opaque-token session, the digests of its recent access tokens. */
export interface OwnerRecord {
  readonly scope: string;
  /** Most recent last; empty for scopes that need none (JWT subject, app scope, anonymous). */
  readonly tokens: ReadonlyArray<string>;
}

// A refresh racing calls that still hold the previous token: both must count as the session's.
// More than a few would only keep long-dead tokens recognisable.
const MAX_TOKENS = 3;

/** `record` with `digests` added (most recent last, bounded); the same object when nothing is new. */
export function withTokens(record: OwnerRecord, digests: ReadonlyArray<string>): OwnerRecord {
  const added = digests.filter((d) => !record.tokens.includes(d));
  if (added.length === 0) return record;
  return { scope: record.scope, tokens: [...record.tokens, ...added].slice(-MAX_TOKENS) };
}

/** The stored text of a record. */
export function encodeOwner(record: OwnerRecord): string {
  return JSON.stringify({ v: 2, scope: record.scope, tokens: record.tokens });
}

/**
 * The record in stored `text`; the first format (the bare scope) is read as a record without
 * tokens. Anything unreadable is undefined: no known owner, so nothing is wiped on its account.
 */
export function decodeOwner(text: string | null | undefined): OwnerRecord | undefined {
  if (text === null || text === undefined || text === '') return undefined;
  if (!text.startsWith('{')) return /\s/.test(text) ? undefined : { scope: text, tokens: [] };
  try {
    const value = JSON.parse(text) as { v?: unknown; scope?: unknown; tokens?: unknown };
    if (value.v !== 2 || typeof value.scope !== 'string' || value.scope === '' || !Array.isArray(value.tokens)) return undefined;
    const tokens = value.tokens.filter((t): t is string => typeof t === 'string').slice(-MAX_TOKENS);
    return { scope: value.scope, tokens };
  } catch {
    return undefined;
  }
}

/** How `sessionRecord` placed a token: in the known session, in it through a refresh, in the stored record, or in a new session. */
export type SessionMatch = 'known' | 'refreshed' | 'stored' | 'new';

/**
 * The opaque-token session `token` belongs to: `known`'s when it lists the token, or lists a
 * token a token manager refreshed it from (`refreshedFrom` for the stored object, else the
 * realm's chain by token text, `refreshedChain`, for readers of a store's copies); else the stored record's
 * when it lists it (another SDK instance or the previous launch recorded it); else a new
 * session. The cache's scope tracker and the offline queue's owner tracker both ask this, each
 * with its own salt and record; what to persist is theirs (`match` says what happened).
 */
export async function sessionRecord(
  token: string,
  tokens: Tokens,
  salt: string,
  known: OwnerRecord | undefined,
  readStored: () => Promise<OwnerRecord | undefined>,
): Promise<{ readonly record: OwnerRecord; readonly match: SessionMatch }> {
  const digest = tokenDigest(token, salt);
  if (known?.tokens.includes(digest)) return { record: known, match: 'known' };
  if (known && continues(token, tokens, known, salt)) return { record: withTokens(known, [digest]), match: 'refreshed' };
  const stored = await readStored();
  if (stored?.tokens.includes(digest)) return { record: stored, match: 'stored' };
  return { record: { scope: scopeFromToken(token, salt), tokens: [digest] }, match: 'new' };
}

/** Whether `token` was refreshed (directly or through earlier refreshes) from a token `known` lists. */
function continues(token: string, tokens: Tokens, known: OwnerRecord, salt: string): boolean {
  const origin = refreshedFrom(tokens)?.accessToken;
  const chain = origin === undefined ? refreshedChain(token) : [origin, ...refreshedChain(origin)];
  return chain.some((earlier) => known.tokens.includes(tokenDigest(earlier, salt)));
}
