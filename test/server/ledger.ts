/**
 * The ledger: every side effect the server applied, in order. Tests read it to prove that a
 * retried or replayed request was applied exactly once and that nothing was lost.
 */

export type LedgerKind =
  | 'order.created'
  | 'order.updated'
  | 'order.deleted'
  | 'login'
  | 'refresh'
  | 'logout'
  /** A token family was revoked because a used refresh token was presented again. */
  | 'revoke';

export interface LedgerEntry {
  seq: number;
  kind: LedgerKind;
  /** Idempotency-Key of the request that caused it, when it had one. */
  key?: string;
  orderId?: string;
  userId?: string;
  /** Server clock (options.now), epoch ms. */
  at: number;
}

export interface Ledger {
  append(entry: Omit<LedgerEntry, 'seq' | 'at'>): LedgerEntry;
  /** Number of entries, of one kind or of all kinds. */
  count(kind?: LedgerKind): number;
  /** A copy of the entries, optionally only those of one kind. */
  entries(kind?: LedgerKind): LedgerEntry[];
  last(kind?: LedgerKind): LedgerEntry | undefined;
  /** Entry counts per kind. */
  counts(): Partial<Record<LedgerKind, number>>;
  clear(): void;
}

export function createLedger(now: () => number): Ledger {
  let list: LedgerEntry[] = [];
  let seq = 0;
  const of = (kind?: LedgerKind) => (kind === undefined ? list : list.filter((e) => e.kind === kind));
  return {
    append(entry) {
      const full: LedgerEntry = { seq: ++seq, ...entry, at: now() };
      list.push(full);
      return { ...full };
    },
    count: (kind) => of(kind).length,
    entries: (kind) => of(kind).map((e) => ({ ...e })),
    last(kind) {
      const found = of(kind).at(-1);
      return found && { ...found };
    },
    counts() {
      const out: Partial<Record<LedgerKind, number>> = {};
      for (const e of list) out[e.kind] = (out[e.kind] ?? 0) + 1;
      return out;
    },
    clear() {
      // seq keeps growing across clears so entries from before a reset never look current.
      list = [];
    },
  };
}
