/**
 * A cache over real memory storage with a manual clock and a scripted origin: `send` records
 * what the cache sent and answers with the next scripted response (or throws the next error).
 * It isolates the cache's RFC decisions from the network; the wire is tested in e2e.test.ts.
 */
import { createHttpCache, type HttpCache } from '../../../src/repository/cache/index.js';
import type { HttpExchangeResponse, OutgoingRequest, Send } from '../../../src/repository/cache/types.js';
import { memoryStorage } from '../../../src/platform/storage/memory-storage.js';
import type { StorageAdapter } from '../../../src/platform/storage/types.js';

export const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
export const ORIGIN = 'https://api.example.com';

/** Everything a conformance test touches. */
export interface Harness {
  readonly cache: HttpCache;
  readonly storage: StorageAdapter;
  readonly clock: { now(): number; advance(ms: number): void };
  readonly sent: OutgoingRequest[];
  readonly errors: unknown[];
  /** Queues the origin's next answers. */
  reply(...answers: Array<HttpExchangeResponse | Error>): void;
  readonly send: Send;
  /** Memory entry keys and every storage key + value, after pending writes. */
  dump(): Promise<{ memory: string[]; storage: Record<string, string> }>;
}

/** A fresh harness; `storage` lets a test share one store between two caches (a restart). */
export function harness(options: { storage?: StorageAdapter; maxEntries?: number; maxBytes?: number } = {}): Harness {
  let now = T0;
  const clock = { now: () => now, advance: (ms: number) => void (now += ms) };
  const storage = options.storage ?? memoryStorage();
  const errors: unknown[] = [];
  const cache = createHttpCache({ storage, clock, onError: (e) => errors.push(e), maxEntries: options.maxEntries, maxBytes: options.maxBytes });
  const sent: OutgoingRequest[] = [];
  const queue: Array<HttpExchangeResponse | Error> = [];
  const send: Send = async (request) => {
    sent.push(request);
    const next = queue.shift();
    if (next === undefined) throw new Error(`unscripted request ${request.method} ${request.url}`);
    if (next instanceof Error) throw next;
    return next;
  };
  return {
    cache, storage, clock, sent, errors, send,
    reply: (...answers) => void queue.push(...answers),
    async dump() {
      await cache.flush();
      const out: Record<string, string> = {};
      for (const key of await storage.getAllKeys()) out[key] = (await storage.getItem(key)) ?? '';
      return { memory: cache.memoryKeys().entries, storage: out };
    },
  };
}

/** A JSON response dated by the harness clock unless `headers` names another Date. */
export function json(body: unknown, headers: Record<string, string> = {}, status = 200, at = T0): HttpExchangeResponse {
  return { status, headers: { 'content-type': 'application/json', date: new Date(at).toUTCString(), ...headers }, body: JSON.stringify(body) };
}

/** A GET request in the default test scope. */
export function get(path: string, headers: Record<string, string> = {}, scope = 'user-a') {
  return { method: 'GET', url: ORIGIN + path, headers, scope };
}
