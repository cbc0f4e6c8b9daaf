/**
 * Everything the offline queue adds to a runtime, as one value the runtime receives instead of
 * importing it (the cache's pattern, cache-wiring.ts): the `offline` option's checks, the queue
 * over its storage, the token store observed (a sign-in resumes a paused queue; a switch holds
 * replays while it lands), each bound operation made replayable and given the per-call
 * `{ offline: 'queue' }` option, sends reported to a failure-aware connectivity, and
 * `sdk.offline`. `createSdk` always has it; `createClient` only with `withOffline(options)`, so
 * an app that never queues bundles none of it.
 */
import type { OperationMeta } from '../contract/operation.js';
import type { ResolvedAuthOptions } from '../auth/options.js';
import type { Tokens } from '../auth/token-store.js';
import type { SecuritySchemes } from '../auth/security-schemes.js';
import { isNetworkError } from '../errors/network-error.js';
import type { Logger } from '../network/types.js';
import type { Clock } from '../platform/clock.js';
import type { IdempotencyMode } from '../service/idempotency.js';
import type { ValidateMode } from '../service/validate.js';
import type { Connectivity } from '../platform/connectivity/types.js';
import { createProcessorLock } from './offline/lease.js';
import { resolveOfflineOptions, type OfflineHostRaw } from './offline/options.js';
import { queueingRun } from './offline/per-call.js';
import { createOfflineEngine } from './offline/queue.js';
import type { OfflineQueue } from './offline/types.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;

/** The resolved SDK options the queue reads. */
export interface OfflineHostOptions {
  readonly clock: Pick<Clock, 'now' | 'random' | 'sleep'>;
  readonly log: Logger;
  readonly idempotency: IdempotencyMode;
  readonly validate: ValidateMode;
  readonly auth: ResolvedAuthOptions | undefined;
}

/** The API the queue serves (its default namespace, the spec's API-key names to strip). */
export interface OfflineApi {
  readonly title: string;
  readonly version: string;
  readonly securitySchemes?: SecuritySchemes | undefined;
}

/** One runtime's queue, as the runtime composes it. */
export interface OfflineLayer<R extends OfflineHostOptions> {
  /** The resolved options with the token store observed. */
  readonly options: R;
  /** Where the current tokens are read (the token manager), for the owner. */
  useTokens(read: () => Promise<Tokens | null>): void;
  /** `run` made replayable by the queue and given the per-call `offline` option. */
  bind(meta: OperationMeta, run: Run): Run;
  /** `sdk.offline` for this runtime. */
  queue<S>(): OfflineQueue<S>;
}

/** What a runtime asks of the offline wiring; `createRuntime` and `withOffline` hand it in. */
export interface OfflineWiring {
  /** Checks `offline`, `connectivity` and `foreground` on the raw options; undefined without `offline`. */
  start<R extends OfflineHostOptions>(raw: OfflineHostRaw, resolved: R, api: OfflineApi): OfflineLayer<R> | undefined;
}

/** The offline wiring as createSdk always has it. */
export const offlineWiring: OfflineWiring = {
  start<R extends OfflineHostOptions>(raw: OfflineHostRaw, resolved: R, api: OfflineApi): OfflineLayer<R> | undefined {
    const options = resolveOfflineOptions(raw, `tether.offline.${api.title}.${api.version}`.replace(/\s+/g, '-'));
    if (options === undefined) return undefined;
    const report = options.onError ?? ((error: unknown) => resolved.log.warn('offline queue: background failure', { error }));
    if (options.volatile) resolved.log.warn('offline queue: no storage given (offline.storage or storage): queued mutations live in memory and a restart loses them');
    const engine = createOfflineEngine({
      options,
      rules: { idempotency: resolved.idempotency, repeatable: options.repeatable, schemes: api.securitySchemes, validate: resolved.validate },
      clock: { now: () => resolved.clock.now(), random: () => resolved.clock.random() },
      // One processor per store: across tabs (Web Locks) and processes (a lease record).
      lease: createProcessorLock({ name: options.namespace, storage: options.storage, clock: resolved.clock, ...options.processorLock, onError: report }),
      report,
      warn: (message) => resolved.log.warn(message),
    });
    const auth = resolved.auth;
    const observed: R = auth === undefined ? resolved : Object.freeze({ ...resolved, auth: { ...auth, tokenStore: engine.observe(auth.tokenStore) } });
    const connectivity = options.connectivity;
    return {
      options: observed,
      useTokens: (read) => engine.useTokens(read),
      bind(meta, run) {
        const reported = reportingRun(run, connectivity);
        engine.register(meta, reported);
        const queued = queueingRun(meta, reported, engine);
        return meta.authRole === 'logout' ? loggingOut(queued, engine) : queued;
      },
      queue: <S>() => engine.queue as unknown as OfflineQueue<S>,
    };
  },
};

interface FailureReports {
  reportFailure?: () => void;
  reportSuccess?: () => void;
}

/** `run` telling a failure-aware connectivity (failure-aware.ts) what each send found. */
function reportingRun(run: Run, connectivity: Connectivity | undefined): Run {
  const reports = connectivity as (Connectivity & FailureReports) | undefined;
  if (typeof reports?.reportFailure !== 'function' || typeof reports.reportSuccess !== 'function') return run;
  return async (init, options) => {
    try {
      const data = await run(init, options);
      reports.reportSuccess?.();
      return data;
    } catch (error) {
      if (isNetworkError(error)) {
        if (error.type === 'CONNECTION') reports.reportFailure?.();
        else if (error.status !== undefined) reports.reportSuccess?.();
      }
      throw error;
    }
  };
}

/** The spec's logout: afterwards the signed-out user's entries go when `onLogout` is 'discard'. */
function loggingOut(run: Run, engine: ReturnType<typeof createOfflineEngine>): Run {
  return async (init, options) => {
    const owner = await engine.owner();
    try {
      const data = await run(init, options);
      await engine.loggedOut(owner);
      return data;
    } catch (error) {
      if (isNetworkError(error) && error.type === 'UNAUTHORIZED') await engine.loggedOut(owner);
      throw error;
    }
  };
}

/** Where `withOffline` leaves the wiring on an options object (a registry symbol: safe across copies). */
export const OFFLINE_WIRING: unique symbol = /* @__PURE__ */ Symbol.for('tether.offlineWiring');

/** What `withOffline` hands createClient: the wiring and the operations the queue may replay. */
export interface WithOffline {
  readonly wiring: OfflineWiring;
  readonly operations: readonly OperationMeta[];
}

/**
 * `options` for `createClient` with the `offline` queue turned on, exactly as with `createSdk`.
 * `operations`: the standalone operations the queue may replay (after a restart nothing else
 * tells the client about them); an operation the app calls is known from then on too. Only an
 * app that calls this bundles the queue; `createClient` refuses `offline` without it.
 */
export function withOffline<O extends object>(options: O, ...operations: ReadonlyArray<{ readonly meta: OperationMeta }>): O {
  const metas = operations.map((op, i) => {
    if (typeof op?.meta?.id !== 'string') throw new TypeError(`Tether: withOffline: argument ${i + 2} is not a generated operation function`);
    return op.meta;
  });
  const handed: WithOffline = { wiring: offlineWiring, operations: metas };
  return { ...options, [OFFLINE_WIRING]: handed };
}
