/**
 * Tokens: opaque random access tokens and single-use, rotating refresh tokens grouped into
 * families (one per login). Presenting an already-used refresh token revokes its whole family,
 * access tokens included (RFC 9700 §4.14.2).
 */
import { randomBytes } from 'node:crypto';
import type { Tokens } from './types.js';

interface AccessRecord {
  userId: string;
  familyId: string;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshRecord {
  userId: string;
  familyId: string;
  expiresAt: number;
  used: boolean;
}

export type AccessCheck =
  | { ok: true; userId: string; familyId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export type RefreshResult =
  | { ok: true; tokens: Tokens; userId: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; userId?: string };

export interface TokenService {
  /** Starts a new family for `userId` (what login does) without touching the ledger. */
  issue(userId: string): Tokens;
  check(accessToken: string): AccessCheck;
  /** Rotates `refreshToken`; detects reuse. Counts successful refreshes. */
  refresh(refreshToken: string): RefreshResult;
  /** Revokes the family of an access token; false if the token is unknown. */
  revokeFamilyOf(accessToken: string): boolean;
  /** Makes one access token expired from now on. */
  expire(accessToken: string): void;
  /** Makes every access token issued so far expired (refresh tokens stay valid). */
  expireAll(): void;
  /** Forgets every token: all sessions end. */
  revokeAll(): void;
  /** Successful refreshes since creation or the last resetCounters(). */
  readonly refreshCount: number;
  resetCounters(): void;
}

export interface TokenOptions {
  now: () => number;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
}

const opaque = (prefix: string) => `${prefix}_${randomBytes(24).toString('base64url')}`;

export function createTokenService(options: TokenOptions): TokenService {
  const { now } = options;
  const access = new Map<string, AccessRecord>();
  const refreshTokens = new Map<string, RefreshRecord>();
  const revokedFamilies = new Set<string>();
  let refreshCount = 0;

  const mint = (userId: string, familyId: string): Tokens => {
    const accessToken = opaque('at');
    const refreshToken = opaque('rt');
    access.set(accessToken, { userId, familyId, expiresAt: now() + options.accessTokenTtlMs, revoked: false });
    refreshTokens.set(refreshToken, { userId, familyId, expiresAt: now() + options.refreshTokenTtlMs, used: false });
    return { accessToken, refreshToken, expiresIn: Math.floor(options.accessTokenTtlMs / 1000), tokenType: 'Bearer' };
  };

  const revokeFamily = (familyId: string) => {
    revokedFamilies.add(familyId);
    for (const record of access.values()) if (record.familyId === familyId) record.revoked = true;
  };

  return {
    issue: (userId) => mint(userId, randomBytes(8).toString('hex')),

    check(accessToken) {
      const record = access.get(accessToken);
      if (!record) return { ok: false, reason: 'unknown' };
      if (record.revoked || revokedFamilies.has(record.familyId)) return { ok: false, reason: 'revoked' };
      if (now() >= record.expiresAt) return { ok: false, reason: 'expired' };
      return { ok: true, userId: record.userId, familyId: record.familyId };
    },

    refresh(refreshToken) {
      const record = refreshTokens.get(refreshToken);
      if (!record) return { ok: false, reason: 'unknown' };
      if (revokedFamilies.has(record.familyId)) return { ok: false, reason: 'revoked', userId: record.userId };
      if (record.used) {
        revokeFamily(record.familyId);
        return { ok: false, reason: 'reused', userId: record.userId };
      }
      if (now() >= record.expiresAt) return { ok: false, reason: 'expired', userId: record.userId };
      record.used = true;
      refreshCount += 1;
      return { ok: true, tokens: mint(record.userId, record.familyId), userId: record.userId };
    },

    revokeFamilyOf(accessToken) {
      const record = access.get(accessToken);
      if (!record) return false;
      revokeFamily(record.familyId);
      return true;
    },

    expire(accessToken) {
      const record = access.get(accessToken);
      if (record) record.expiresAt = Math.min(record.expiresAt, now());
    },

    expireAll() {
      const t = now();
      for (const record of access.values()) record.expiresAt = Math.min(record.expiresAt, t);
    },

    revokeAll() {
      access.clear();
      refreshTokens.clear();
      revokedFamilies.clear();
    },

    get refreshCount() {
      return refreshCount;
    },

    resetCounters() {
      refreshCount = 0;
    },
  };
}

/** Reads `Authorization: Bearer <token>`; undefined when absent or another scheme. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
