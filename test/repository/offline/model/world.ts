/**
 * The real system of the offline queue's model test: the reference server, one shared memory
 * "disk", a manual connectivity switch, and the current SDK incarnation. A crash ends an
 * incarnation without close(): its in-flight requests are cut (the server may or may not have
 * applied them, as with a killed process), its storage calls never settle and its fetches
 * fail, so it can neither touch the disk nor the server again; the next incarnation
 * is a fresh SDK over the same storage object.
 */
import { createSdk, memoryTokenStore, type Sdk, type Tokens } from '../../../../generated/v1/index.js';
import type { StorageAdapter } from '../../../../src/platform/storage/types.js';
import { memoryStorage } from '../../../../src/platform/storage/memory-storage.js';
import type { OfflineEntry } from '../../../../src/repository/offline/types.js';
import { manualConnectivity } from '../../../../src/platform/connectivity/manual.js';
import type { TestServer } from '../../../server/index.js';

/** What a dead incarnation's fetch calls reject with. */
export class CrashedError extends Error {
  override readonly name = 'CrashedError';
}

/** One SDK instance and the switch that kills it. */
export interface Incarnation {
  readonly sdk: Sdk;
  readonly number: number;
  /** Kills this instance: no close(), in-flight requests cut, later I/O refused. */
  crash(): void;
}

/** Settings drawn once per run (fast-check picks them with the commands). */
export interface WorldSettings {
  /** Whether the queue replays by itself on enqueue and reconnect (else only `process()` sends). */
  readonly autoProcess: boolean;
}

/** The real side of the model run. */
export interface World {
  readonly server: TestServer;
  readonly settings: WorldSettings;
  /** The device's storage: survives every crash. */
  readonly disk: StorageAdapter;
  readonly connectivity: ReturnType<typeof manualConnectivity>;
  current: Incarnation;
  /** Every idempotency key the queue ever showed (events and listings), across incarnations. */
  readonly keysSeen: Set<string>;
  /** Crashes and restarts so far. */
  restarts: number;
  /** Ends the current incarnation without a crash (close()), after the run. */
  shutdown(): Promise<void>;
  /** Crashes the current incarnation and starts the next over the same disk. */
  restart(): void;
}

/**
 * The storage a single incarnation sees: the shared disk until the crash, then silence. A call
 * that started before the crash may still land on the disk, but the dead instance never hears
 * back, and its later calls never reach the disk: a killed process neither acts on an answer
 * nor gets one. (Never settling, rather than failing, keeps the dead instance from running
 * error paths a killed process could not run.)
 */
function mortalStorage(disk: StorageAdapter, isDead: () => boolean): StorageAdapter {
  const silence = new Promise<never>(() => undefined);
  const guard = <T>(call: () => Promise<T>): Promise<T> => {
    if (isDead()) return silence;
    return call().then(
      (value) => (isDead() ? silence : value),
      (error: unknown) => (isDead() ? silence : Promise.reject(error)),
    );
  };
  return {
    getItem: (key) => guard(() => disk.getItem(key)),
    setItem: (key, value) => guard(() => disk.setItem(key, value)),
    removeItem: (key) => guard(() => disk.removeItem(key)),
    getAllKeys: () => guard(() => disk.getAllKeys()),
  };
}

/** The fetch a single incarnation sees: loopback until the crash, which aborts what is in flight. */
function mortalFetch(killed: AbortSignal): (request: Request) => Promise<Response> {
  return (request) => {
    if (killed.aborted) return Promise.reject(new CrashedError('fetch after the crash'));
    return fetch(request, { signal: AbortSignal.any([request.signal, killed]) });
  };
}

/** Test-friendly timings: real backoff, but in milliseconds, so a run drains in a blink. */
const RETRY = { maxRetries: 1, baseDelayMs: 1, maxDelayMs: 5 } as const;
const BACKOFF = { baseMs: 1, maxMs: 20 } as const;

/** Builds the world for one run: the server must already be reset by the caller. */
export function createWorld(server: TestServer, settings: WorldSettings, tokens: Tokens): World {
  const disk = memoryStorage();
  const connectivity = manualConnectivity(true);
  const keysSeen = new Set<string>();

  const incarnate = (number: number): Incarnation => {
    const killer = new AbortController();
    const sdk = createSdk({
      baseUrl: server.url,
      logLevel: 'off',
      timeoutMs: 5_000,
      retry: RETRY,
      fetch: mortalFetch(killer.signal),
      auth: { tokenStore: memoryTokenStore(tokens) },
      offline: {
        storage: mortalStorage(disk, () => killer.signal.aborted),
        connectivity,
        autoProcess: settings.autoProcess,
        backoff: BACKOFF,
        // One app on one device, restarted: a stable holder takes its own lease back at once
        // (with a random one every restart would wait out the dead instance's lease). A short
        // TTL only shortens the lease's settle delay (ttl/10, else 50 ms per pass).
        processorLock: { holder: 'model-device', ttlMs: 100 },
      },
    });
    const remember = (entry: OfflineEntry) => {
      if (entry.idempotencyKey !== undefined) keysSeen.add(entry.idempotencyKey);
    };
    sdk.offline.on('queued', ({ entry }) => remember(entry));
    sdk.offline.on('sent', ({ entry }) => remember(entry));
    return { sdk, number, crash: () => killer.abort(new CrashedError(`incarnation ${number} crashed`)) };
  };

  const world: World = {
    server,
    settings,
    disk,
    connectivity,
    current: incarnate(0),
    keysSeen,
    restarts: 0,
    async shutdown() {
      await world.current.sdk.offline.close();
    },
    restart() {
      world.current.crash();
      world.restarts += 1;
      world.current = incarnate(world.restarts);
    },
  };
  return world;
}
