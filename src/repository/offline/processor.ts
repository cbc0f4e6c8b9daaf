/**
 * Replaying the queue. A pass reads the stored entries, moves the expired ones to the dead
 * letters, then sends the current owner's entries FIFO per scope (scopes in parallel up to
 * `concurrency`) through the SDK's normal call path with each entry's idempotency key. An entry
 * leaves storage only once the server's answer is known. A DELETE's attempt count is written
 * before each send, so after a crash a repeated DELETE answering 404 is known to be a repeat;
 * other operations' counts are written with a failure's outcome (a crash mid-send may leave one
 * attempt uncounted, which only shortens a later backoff), sparing a durable write per send.
 *
 * One pass at a time per queue, and one processor per store: the pass runs under the store's
 * lease (another tab or process holding it means this one sends nothing now and looks again later).
 *
 * Speed (docs/offline.md, "Replay speed"): a drain takes the lease once and passes until nothing
 * more can be sent, reading the storage once per lease hold (queue-store.ts's index, kept in step
 * by this instance's own writes; before each send one `getItem` checks the entry is still there,
 * in case another instance discarded it). Processing asked for while a drain runs (autoProcess
 * after each enqueue) joins that drain as one more round instead of taking the lease again.
 */
import { RESPONSE_SINK } from '../../service/call.js';
import { timerDelay } from '../../platform/long-timeout.js';
import { isNetworkError, type NetworkErrorJSON } from '../../errors/network-error.js';
import type { OperationMeta } from '../../contract/operation.js';
import { backoffMs, classify } from './classify.js';
import type { OfflineEmitter } from './events.js';
import type { ResolvedOfflineOptions } from './options.js';
import type { OwnerTracker } from './owner.js';
import type { QueueStore, StoredEntry } from './queue-store.js';
import type { DeadLetter, OfflineEntry } from './types.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** An operation the queue can replay: its metadata and the bound call (auth, retries, timeouts). */
export interface Replayable {
  readonly meta: OperationMeta;
  readonly run: Run;
}

/** The store-wide processor lease (lease.ts: one holder at a time across tabs and processes). */
export interface ProcessorLease {
  /** Runs `task` holding the lease; `signal` aborts when the lease was lost (taken over after a stall). */
  tryRun<T>(task: (lease: { readonly signal: AbortSignal }) => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
}

/** What the processor works with. */
export interface ProcessorHost {
  readonly store: QueueStore;
  readonly options: ResolvedOfflineOptions;
  readonly owners: OwnerTracker;
  readonly emitter: OfflineEmitter;
  readonly operations: ReadonlyMap<string, Replayable>;
  readonly lease: ProcessorLease;
  readonly clock: { now(): number; random(): number };
  /** Rollbacks of optimistic updates by entry id (this process's only). */
  readonly rollbacks: Map<string, () => void | Promise<void>>;
  isOnline(): boolean;
  /** Entries `discard(id)` removed in this process: a send of one in flight leaves no trace. */
  readonly discarded: ReadonlySet<string>;
  /** True while tokens are being replaced (a sign-in, a switch): no new send starts. */
  switching(): boolean;
  report(error: unknown): void;
}

/** The processor of one queue. */
export interface Processor {
  /** Runs a pass (after the one in progress, if any); `explicit` also lifts an auth pause. */
  process(explicit: boolean): Promise<void>;
  /** Lifts an auth pause (new tokens were stored) and processes. */
  resume(): void;
  /**
   * A sign-in (not a refresh) is about to store `next`'s tokens: sends in flight for anyone else
   * are stopped (their retries and 401 refresh would read the new tokens; the entries are kept),
   * and a 401 from before it says nothing about the new session.
   */
  sessionChanging(next: string): void;
  readonly paused: boolean;
  close(): void;
}

// When the lease is held elsewhere: look again after this long (its holder may have died).
const LEASE_RETRY_MS = 5_000;
// The longest an entry waits on a server's Retry-After (or the backoff, when its maxMs is longer):
// a Retry-After of years would park it until it expires. A stored wait beyond it (a device clock
// that was far ahead, a damaged entry) is due now.
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/** Creates the processor; nothing runs until `process`. */
export function createProcessor(host: ProcessorHost): Processor {
  const { store, options, emitter, clock } = host;
  let current: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  // While a drain is in its rounds, a new request sets `again` and is served by one more round.
  let accepting = false;
  let again = false;
  let paused = false;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timerAt = Infinity;
  // Sends in flight, by the owner of their entry (sessionChanging stops them).
  const inFlight = new Map<AbortController, string>();
  // Counts sign-ins: a send's 401 from before the latest one says nothing about its session.
  let signIns = 0;

  const maxWaitMs = Math.max(options.backoff.maxMs, MAX_RETRY_AFTER_MS);
  /** Whether `entry` still waits for its backoff at `now`. */
  const waiting = (entry: OfflineEntry, now: number): boolean => {
    const due = entry.notBefore ?? 0;
    return due > now && due - now <= maxWaitMs;
  };

  const wake = (at: number): void => {
    if (closed || at >= timerAt) return;
    if (timer !== undefined) clearTimeout(timer);
    timerAt = at;
    // Clamped (past 2^31 - 1 ms a timer fires at once): a wake that comes early looks again.
    const delay = timerDelay(at - clock.now());
    timer = setTimeout(() => {
      timer = undefined;
      timerAt = Infinity;
      // Nobody awaits a timer's pass: a storage failure in it is reported, never left unhandled.
      void process(false).catch(host.report);
    }, delay);
    // A pending backoff must not keep a Node process (a CLI, a test run) alive.
    (timer as { unref?: () => void }).unref?.();
  };

  const bury = async (stored: StoredEntry, reason: DeadLetter['reason'], error: NetworkErrorJSON | undefined): Promise<DeadLetter> => {
    const letter: DeadLetter = { ...stored.entry, reason, error, deadAt: clock.now() };
    await store.bury(stored.key, letter);
    const rollback = host.rollbacks.get(letter.id);
    host.rollbacks.delete(letter.id);
    if (rollback) await Promise.resolve().then(rollback).catch(host.report);
    return letter;
  };

  /** Sends one entry; resolves with whether its scope may go on to the next entry. */
  const send = async (stored: StoredEntry, op: Replayable): Promise<boolean> => {
    const before = stored.entry;
    const attempted = before.attempts > 0;
    if (host.discarded.has(before.id)) return true;
    // Gone from storage: another instance discarded it since this lease hold read the store.
    if (!(await store.holds(stored.key))) {
      await store.remove(stored.key);
      return true;
    }
    const entry: OfflineEntry = { ...before, attempts: before.attempts + 1, notBefore: undefined };
    // Only a DELETE's verdict depends on whether it was sent before (classify.ts).
    if (op.meta.method === 'delete') await store.update(stored.key, entry);
    let status = 0;
    const signedInAt = signIns;
    const stop = new AbortController();
    inFlight.set(stop, entry.owner);
    try {
      const data = await op.run(entry.init, {
        idempotencyKey: entry.idempotencyKey,
        signal: stop.signal,
        [RESPONSE_SINK]: (response: Response) => void (status = response.status),
      });
      await store.remove(stored.key);
      host.rollbacks.delete(entry.id);
      emitter.emit('sent', { entry, data, status });
      return true;
    } catch (error) {
      // Discarded while in flight: not written back, not buried.
      if (host.discarded.has(entry.id)) return true;
      const json = isNetworkError(error) ? error.toJSON() : undefined;
      const verdict = classify(op.meta, error, attempted);
      if (stop.signal.aborted || (verdict === 'auth' && signedInAt !== signIns)) {
        // The session changed under it: stopped for another user's sign-in (it may have reached
        // the server; its key makes a later replay safe), or refused under a session a sign-in
        // has replaced. Kept with no backoff; the latter is sent at once under the new session.
        await store.update(stored.key, { ...entry, lastError: json });
        if (!stop.signal.aborted) wake(clock.now());
        return false;
      }
      if (verdict === 'gone') {
        await store.remove(stored.key);
        host.rollbacks.delete(entry.id);
        emitter.emit('sent', { entry, data: undefined, status: isNetworkError(error) ? (error.status ?? 0) : 0 });
        return true;
      }
      if (verdict === 'dead') {
        const letter = await bury({ key: stored.key, entry }, 'failed', json);
        emitter.emit('failed', { entry: letter, error: json ?? unknownError(error, op.meta) });
        return true;
      }
      if (verdict === 'auth') paused = true;
      const wait = Math.min(maxWaitMs, backoffMs(entry.attempts, options.backoff.baseMs, options.backoff.maxMs, clock.random, isNetworkError(error) ? error.retryAfterMs : undefined));
      const notBefore = verdict === 'auth' ? undefined : clock.now() + wait;
      await store.update(stored.key, { ...entry, notBefore, lastError: json });
      if (notBefore !== undefined) wake(notBefore);
      return false;
    } finally {
      inFlight.delete(stop);
    }
  };

  const deferred = (entry: OfflineEntry): boolean => {
    const limit = options.deferOnExpensive;
    if (limit === false || options.connectivity?.isConnectionExpensive?.() !== true) return false;
    const body = (entry.init as { body?: unknown } | undefined)?.body;
    return body !== undefined && JSON.stringify(body).length > limit;
  };

  /** One pass; resolves with whether anything was sent (another pass may find more). */
  const pass = async (lost: AbortSignal): Promise<boolean> => {
    const now = clock.now();
    const all = await store.indexed();
    const owner = await host.owners.current();
    const live: StoredEntry[] = [];
    for (const stored of all) {
      if (now - stored.entry.createdAt <= options.maxRetentionMs) live.push(stored);
      else emitter.emit('expired', { entry: await bury(stored, 'expired', undefined), otherOwner: stored.entry.owner !== owner });
    }
    if (paused || closed || !host.isOnline() || host.switching()) return false;
    const scopes = new Map<string, StoredEntry[]>();
    for (const stored of live) {
      if (stored.entry.owner !== owner) continue; // another user's: waits for their session
      const list = scopes.get(stored.entry.scope);
      if (list) list.push(stored);
      else scopes.set(stored.entry.scope, [stored]);
    }
    let sent = false;
    const runScope = async (entries: StoredEntry[]): Promise<void> => {
      for (const stored of entries) {
        const op = host.operations.get(stored.entry.operation);
        if (op === undefined || deferred(stored.entry)) return; // unknown here, or held: the scope waits
        if (waiting(stored.entry, clock.now())) return wake(stored.entry.notBefore!);
        if (lost.aborted || paused || closed || !host.isOnline() || host.switching() || (await host.owners.current()) !== owner) return;
        if (!(await send(stored, op))) return;
        sent = true;
      }
    };
    const lanes = [...scopes.values()];
    const workers = Array.from({ length: Math.min(options.concurrency, lanes.length) }, async () => {
      for (let lane = lanes.shift(); lane !== undefined; lane = lanes.shift()) await runScope(lane);
    });
    await Promise.all(workers);
    return sent;
  };

  /** Passes under the lease until one sends nothing, then `drained` when nothing sendable is left. */
  const drain = async (): Promise<void> => {
    const outcome = await host.lease.tryRun(async ({ signal }) => {
      // A new hold: another holder may have changed the store since this instance last read it.
      store.forget();
      try {
        accepting = true;
        do {
          again = false;
          while (await pass(signal)) {
            if (closed || signal.aborted) return false;
          }
        } while (again && !closed && !signal.aborted);
        accepting = false;
        if (closed || paused || !host.isOnline()) return false;
        const left = await store.indexed();
        const owner = await host.owners.current();
        const now = clock.now();
        return !left.some((s) => s.entry.owner === owner && !waiting(s.entry, now) && host.operations.has(s.entry.operation) && !deferred(s.entry)) ? left.length : false;
      } finally {
        accepting = false;
        store.forget();
      }
    });
    if (!outcome.ran) return wake(clock.now() + LEASE_RETRY_MS);
    if (outcome.value !== false) emitter.emit('drained', { pending: outcome.value });
  };

  const process = (explicit: boolean): Promise<void> => {
    if (explicit) paused = false;
    if (closed) return Promise.resolve();
    if (current === undefined) {
      current = drain().finally(() => {
        current = undefined;
      });
      return current;
    }
    if (accepting) {
      again = true;
      return current;
    }
    next ??= current.then(() => {
      next = undefined;
      return process(false);
    });
    return next;
  };

  return {
    process,
    resume() {
      if (!paused) return;
      paused = false;
      void process(false).catch(host.report);
    },
    get paused() {
      return paused;
    },
    sessionChanging(next) {
      signIns += 1;
      for (const [stop, owner] of inFlight) if (owner !== next) stop.abort();
    },
    close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

function unknownError(error: unknown, meta: OperationMeta): NetworkErrorJSON {
  return {
    name: 'NetworkError', type: 'UNKNOWN', message: error instanceof Error ? error.message : String(error), method: meta.method.toUpperCase(), url: meta.path,
    status: undefined, data: undefined, fieldErrors: undefined, issues: undefined, source: undefined, retryAfterMs: undefined, attempts: 0, requestId: undefined, cause: undefined,
  };
}
