/**
 * The cache owner record: whose entries the cache holds, kept in the storage beside them so a
 * user switch made while the app was closed still wipes the previous user's. For an opaque-token
 * session it also lists digests of the session's latest access tokens (never a token): a
 * refresh replaces the token but continues the session, and the next launch, or another SDK
 * instance over the same storage, must recognise the refreshed token as the same session.
 */

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
