/**
 * Idempotency-Key handling (draft-ietf-httpapi-idempotency-key-header), scoped per user:
 * the first request with a key runs and its response is stored; a later request with the same
 * key and the same body gets the stored bytes back (plus `Idempotent-Replayed: true`); while the
 * first is still running the key answers 409; the same key with another body answers 422.
 * A run that ends in a 5xx releases the key so the client can retry.
 */
import { createHash } from 'node:crypto';
import type { WireReply } from './http.js';

export type Claim =
  | { state: 'new'; complete(reply: WireReply): void; release(): void }
  | { state: 'in-flight' }
  | { state: 'mismatch' }
  | { state: 'done'; reply: WireReply };

interface KeyRecord {
  fingerprint: string;
  createdAt: number;
  reply?: WireReply;
}

export interface IdempotencyStore {
  /** Claims `key` for a request of `userId` whose method, path and body give the fingerprint. */
  claim(userId: string, key: string, fingerprint: string): Claim;
  /** Number of stored keys. */
  readonly size: number;
  clear(): void;
}

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** Fingerprint of a request: method, path and the body as canonical JSON (key order ignored). */
export function fingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function createIdempotencyStore(now: () => number, ttlMs = IDEMPOTENCY_TTL_MS): IdempotencyStore {
  const records = new Map<string, KeyRecord>();
  return {
    claim(userId, key, print) {
      const id = `${userId}\u0000${key}`;
      const existing = records.get(id);
      if (existing && now() - existing.createdAt > ttlMs) records.delete(id);
      const record = records.get(id);
      if (record) {
        if (record.fingerprint !== print) return { state: 'mismatch' };
        if (!record.reply) return { state: 'in-flight' };
        return { state: 'done', reply: record.reply };
      }
      const fresh: KeyRecord = { fingerprint: print, createdAt: now() };
      records.set(id, fresh);
      return {
        state: 'new',
        complete(reply) {
          if (reply.status >= 500) records.delete(id);
          else fresh.reply = { status: reply.status, headers: { ...reply.headers }, body: Buffer.from(reply.body) };
        },
        release() {
          if (records.get(id) === fresh) records.delete(id);
        },
      };
    },
    get size() {
      return records.size;
    },
    clear() {
      records.clear();
    },
  };
}
