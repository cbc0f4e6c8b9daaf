/**
 * `sdk.offline`: the queue an SDK instance holds when created with the `offline` option. It
 * persists intents (queue-store.ts) before resolving, keeps the operations it may replay (the
 * runtime registers each bound operation), hands replay to the processor (processor.ts), and
 * follows whose session is current (owner.ts) so no user's intent is sent under another's.
 * Processing starts on `process()`, on reconnect, on foreground, at start and after an enqueue
 * while online (autoProcess), and when a backoff ends.
 */
import type { OperationMeta } from '../../contract/operation.js';
import type { TokenStore, Tokens } from '../../auth/token-store.js';
import { refreshedChain } from '../../auth/token-manager.js';
import { uuidV4 } from '../../platform/uuid.js';
import { checkInput, checkQueueable, keyInInit, resourcePath, storableInit, takesKey, type IntentRules } from './intent.js';
import { createOfflineEmitter } from './events.js';
import type { ResolvedOfflineOptions } from './options.js';
import { ANONYMOUS_OWNER, createOwnerTracker } from './owner.js';
import { createProcessor, type ProcessorLease, type Replayable } from './processor.js';
import { createQueueStore } from './queue-store.js';
import type { EnqueueOptions, OfflineEntry, OfflineQueue, QueuedResult } from './types.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** What the queue is built from. */
export interface QueueDeps {
  readonly options: ResolvedOfflineOptions;
  readonly rules: IntentRules;
  readonly clock: { now(): number; random(): number };
  readonly lease: ProcessorLease;
  /** Background failures (corrupt entries, storage errors, throwing listeners or hooks). */
  readonly report: (error: unknown) => void;
  /** Advice for the app's developer (the SDK's logger at warn) [none]. */
  readonly warn?: ((message: string) => void) | undefined;
}

/** The queue with the hooks the runtime wires it through. */
export interface OfflineEngine {
  readonly queue: OfflineQueue<unknown>;
  /** Makes an operation replayable (the runtime registers each operation it binds). */
  register(meta: OperationMeta, run: Run): void;
  /** Checks a call may be queued and fixes its key (TypeError naming the operation otherwise). */
  prepare(meta: OperationMeta, init: unknown, key: string | undefined): { readonly key: string | undefined };
  /** Persists a call's intent; `attempts`: sends already tried (1 after a failed send). */
  enqueueCall(meta: OperationMeta, init: unknown, key: string | undefined, attempts: number): Promise<QueuedResult>;
  isOnline(): boolean;
  /** Where the current tokens are read (the token manager). */
  useTokens(read: () => Promise<Tokens | null>): void;
  /** `store` watched: a sign-in or switch pauses sends while it lands, then resumes the queue. */
  observe(store: TokenStore): TokenStore;
  /** The current owner (before a logout, to know whose entries `onLogout: 'discard'` removes). */
  owner(): Promise<string>;
  /** After a logout through the spec's logout operation. */
  loggedOut(owner: string): Promise<void>;
}

/** Builds the queue and starts listening to connectivity and foreground. */
export function createOfflineEngine(deps: QueueDeps): OfflineEngine {
  const { options, rules, clock, report } = deps;
  const store = createQueueStore(options.storage, options.namespace, clock.now, report);
  const owners = createOwnerTracker(options.user, options.storage, store.keyFor('owner'), report);
  const emitter = createOfflineEmitter(report);
  const operations = new Map<string, Replayable>();
  const rollbacks = new Map<string, () => void | Promise<void>>();
  const discarded = new Set<string>();
  const connectivity = options.connectivity;
  const isOnline = () => connectivity?.isOnline() ?? true;
  let switching = 0;
  let closed = false;
  let lastUser: string | undefined;
  let warnedSession = false;
  const processor = createProcessor({
    store, options, owners, emitter, operations, lease: deps.lease, clock, rollbacks, isOnline, discarded,
    switching: () => switching > 0,
    report,
  });
  const trigger = () => {
    if (options.autoProcess && !closed && isOnline()) void processor.process(false).catch(report);
  };
  const unsubscribe = [
    connectivity?.subscribe((online) => online && trigger()),
    options.foreground?.subscribe((front) => front && trigger()),
  ];
  // What a previous launch left is sent at start too, once the runtime has bound every
  // operation and wired the tokens (after this turn); unref'd, so it never holds a process open.
  if (options.autoProcess) (setTimeout(trigger, 0) as { unref?: () => void }).unref?.();

  const removeOwned = async (owner: string): Promise<void> => {
    for (const stored of await store.list()) if (stored.entry.owner === owner) await store.remove(stored.key);
    for (const letter of await store.deadLetters()) if (letter.owner === owner) await store.removeDead(letter.id);
  };

  const persist = async (meta: OperationMeta, init: unknown, key: string | undefined, scope: string | undefined, attempts: number): Promise<string> => {
    if (closed) throw new TypeError('Tether: sdk.offline is closed');
    const stored = storableInit(meta, init, rules);
    await checkInput(meta, init, key, rules);
    const owner = await owners.current();
    if (owner !== ANONYMOUS_OWNER) lastUser = owner;
    if (!warnedSession && owners.isSession(owner)) {
      // Once per SDK: the consequence only shows days later, as expired dead letters.
      warnedSession = true;
      deps.warn?.(
        'offline queue: entries are owned by an opaque access token\'s session because offline.user is not set; a sign-in after that session ends ' +
          'counts as another owner, so these entries wait and then expire (event `expired` with otherOwner: true). Pass offline.user (the signed-in user\'s id), or re-own them with sdk.offline.adopt(owner).',
      );
    }
    const entry: OfflineEntry = {
      id: uuidV4(), operation: meta.id, init: stored, idempotencyKey: key,
      scope: scope ?? resourcePath(meta, init), owner, createdAt: clock.now(), attempts,
    };
    await store.append(entry);
    emitter.emit('queued', { entry });
    const hook = options.optimistic[meta.id];
    if (hook) {
      try {
        const rollback = await hook(entry);
        if (typeof rollback === 'function') rollbacks.set(entry.id, rollback);
      } catch (error) {
        report(error);
      }
    }
    trigger();
    return entry.id;
  };

  const prepare = (meta: OperationMeta, init: unknown, key: string | undefined) => {
    checkQueueable(meta, rules);
    storableInit(meta, init, rules); // refuses a body that cannot be stored before anything is sent
    if (!takesKey(meta, rules.idempotency)) {
      if (key !== undefined) throw new TypeError(`Tether: ${meta.id} takes no idempotency key, so none can be given to sdk.offline.enqueue`);
      return { key: undefined };
    }
    return { key: key ?? keyInInit(meta, init) ?? uuidV4() };
  };

  const queue: OfflineQueue<unknown> = {
    enabled: true,
    async enqueue(operation: string, init: unknown, enqueueOptions?: EnqueueOptions) {
      const op = operations.get(operation);
      if (op === undefined) {
        throw new TypeError(`Tether: sdk.offline.enqueue: unknown operation '${String(operation)}' ('<tag>.<operationId>'; with createClient, pass the operation to withOffline(options, ...operations))`);
      }
      const scope = enqueueOptions?.scope;
      if (scope !== undefined && (typeof scope !== 'string' || scope === '')) throw new TypeError('Tether: sdk.offline.enqueue: options.scope must be a non-empty string');
      const { key } = prepare(op.meta, init, enqueueOptions?.idempotencyKey);
      return persist(op.meta, init, key, scope, 0);
    },
    process: () => processor.process(true),
    pending: async () => (await store.list()).map((s) => s.entry),
    deadLetters: () => store.deadLetters(),
    async retry(id) {
      const letter = (await store.deadLetters()).find((d) => d.id === id);
      if (letter === undefined) throw new TypeError(`Tether: sdk.offline.retry: no dead letter with id '${id}'`);
      const { reason: _r, error: _e, deadAt: _d, ...entry } = letter;
      await store.revive(id, { ...entry, attempts: 0, notBefore: undefined, lastError: undefined, createdAt: clock.now() });
      trigger();
    },
    async discard(id) {
      discarded.add(id);
      if (await store.removeDead(id)) return;
      const stored = (await store.list()).find((s) => s.entry.id === id);
      if (stored) await store.remove(stored.key);
      rollbacks.delete(id);
    },
    async adopt(fromOwner) {
      if (typeof fromOwner !== 'string' || fromOwner === '') throw new TypeError('Tether: sdk.offline.adopt: fromOwner must be an entry\'s owner (a non-empty string)');
      const owner = await owners.current();
      if (owner === ANONYMOUS_OWNER) throw new TypeError('Tether: sdk.offline.adopt: nobody is signed in, so there is no owner to adopt the entries');
      if (fromOwner === owner) return 0;
      let adopted = 0;
      // Rewritten in place (same keys, so the same order); an entry the processor cannot be
      // sending, since it sends only the current owner's.
      for (const stored of await store.list()) {
        // Sent or discarded by another instance since the listing: not written back.
        if (stored.entry.owner !== fromOwner || !(await store.holds(stored.key))) continue;
        await store.update(stored.key, { ...stored.entry, owner });
        adopted++;
      }
      if (adopted > 0) trigger();
      return adopted;
    },
    owner: () => owners.current(),
    on: (event, listener) => emitter.on(event, listener),
    async close() {
      closed = true;
      processor.close();
      for (const stop of unsubscribe) stop?.();
      emitter.clear();
    },
  };

  return {
    queue,
    register(meta, run) {
      operations.set(meta.id, { meta, run });
    },
    prepare,
    async enqueueCall(meta, init, key, attempts) {
      return { queued: true, id: await persist(meta, init, key, undefined, attempts), operation: meta.id };
    },
    isOnline,
    useTokens: (read) => owners.useTokens(read),
    observe(tokenStore) {
      return {
        get: () => tokenStore.get(),
        async set(tokens) {
          const next = tokens === null ? ANONYMOUS_OWNER : await owners.ownerOf(tokens);
          const previous = lastUser;
          // No replay starts while the session changes hands, and none goes on for someone
          // else. A refresh continues its session, and signing out stores no token a retry
          // could pick up: neither stops anything.
          if (tokens !== null && next !== ANONYMOUS_OWNER && refreshedChain(tokens.accessToken).length === 0) processor.sessionChanging(next);
          switching++;
          try {
            await tokenStore.set(tokens);
          } finally {
            switching--;
          }
          if (next !== ANONYMOUS_OWNER) {
            lastUser = next;
            // Signing in as someone else ends the previous user's use of this device.
            if (options.onLogout === 'discard' && previous !== undefined && previous !== next) await removeOwned(previous).catch(report);
            processor.resume();
            trigger();
          }
        },
        lockKey: tokenStore.lockKey ?? tokenStore,
      };
    },
    owner: () => owners.current(),
    async loggedOut(owner) {
      if (options.onLogout === 'discard' && owner !== ANONYMOUS_OWNER) await removeOwned(owner).catch(report);
    },
  };
}
