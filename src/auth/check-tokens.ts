/**
 * Tokens are checked before they are stored (after a refresh or a sign-in) and before one is
 * put in a header: a token with a line break would otherwise make fetch throw a TypeError deep
 * in the pipeline, which looks exactly like a lost connection and would be retried. A token is
 * sent as `Authorization: Bearer <token>`, so it must be visible ASCII (RFC 6750's b64token is
 * narrower still; we accept any printable byte so opaque server formats keep working).
 */

// Visible ASCII only: no spaces, controls, CR/LF or NUL, nothing outside what a header carries.
const HEADER_SAFE = /^[\x21-\x7e]+$/;
// Far above real JWTs (a few kB) and below common server header limits (8–16 kB per line).
const MAX_TOKEN_LENGTH = 8192;

/** The answer of a refresh (or sign-in) holds tokens we will not store; the session is kept. */
export class UnusableTokensError extends Error {
  override readonly name = 'UnusableTokensError';
  constructor(readonly problem: string) {
    super(`the tokens received are unusable: ${problem}`);
  }
}

/** What is wrong with one token value, or undefined when it can be sent in a header. */
export function tokenValueProblem(value: unknown, name: string): string | undefined {
  if (typeof value !== 'string' || value === '') return `${name} is not a non-empty string`;
  if (value.length > MAX_TOKEN_LENGTH) return `${name} is longer than ${MAX_TOKEN_LENGTH} characters`;
  if (!HEADER_SAFE.test(value)) return `${name} contains characters a header cannot carry (spaces, line breaks, controls or non-ASCII)`;
  return undefined;
}

/** What is wrong with received tokens, or undefined when they may be stored. `now` is the device clock. */
export function tokensProblem(tokens: { accessToken?: unknown; refreshToken?: unknown; expiresAt?: unknown }, now: number): string | undefined {
  const access = tokenValueProblem(tokens.accessToken, 'accessToken');
  if (access) return access;
  if (tokens.refreshToken !== undefined) {
    const refresh = tokenValueProblem(tokens.refreshToken, 'refreshToken');
    if (refresh) return refresh;
  }
  const expiresAt = tokens.expiresAt;
  if (expiresAt !== undefined) {
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) return 'expiresAt is not a finite number';
    // Already expired on arrival: storing it would make every call refresh again at once.
    if (expiresAt <= now) return 'the access token is already expired (expiresIn ≤ 0)';
  }
  return undefined;
}
