/**
 * In-flight sharing: identical requests (same key) made while one is under way share it, so a
 * screen that mounts ten components asking for the same resource sends one request. Each
 * caller keeps its own abort: aborting ends that caller's wait only (CANCELLED); the shared
 * request is aborted when every caller has aborted, since nobody is left to use its answer.
 */
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';

interface Flight<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiting: number;
}

/** The error a caller's own abort ends its wait with. */
export function cancelledError(method: string, url: string): NetworkError {
  return new NetworkError({ type: NetworkErrorType.CANCELLED, summary: 'Request was cancelled', method, url });
}

/** Shares in-flight work by key. */
export class InFlight<T> {
  private readonly flights = new Map<string, Flight<T>>();

  /**
   * Joins the flight for `key`, or starts `start(signal)` when there is none. The result
   * settles like the flight, or rejects CANCELLED (naming `method url`) when `signal` aborts first.
   */
  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal: AbortSignal | undefined, method: string, url: string): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelledError(method, url));
    let flight = this.flights.get(key);
    if (flight === undefined) {
      const controller = new AbortController();
      const started: Flight<T> = { controller, waiting: 0, promise: Promise.resolve() as Promise<never> };
      // Started synchronously (a throw becomes a rejection), so the request is under way
      // before any caller can abort.
      const promise = new Promise<T>((resolve) => resolve(start(controller.signal)))
        .finally(() => {
          if (this.flights.get(key) === started) this.flights.delete(key);
        });
      flight = Object.assign(started, { promise });
      this.flights.set(key, flight);
    }
    const joined = flight;
    joined.waiting += 1;
    if (signal === undefined) return joined.promise;
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const onAbort = () => {
        if (done) return;
        done = true;
        joined.waiting -= 1;
        if (joined.waiting === 0) {
          joined.controller.abort();
          // Nobody waits: a later identical call must start afresh, not join an aborted flight.
          if (this.flights.get(key) === joined) this.flights.delete(key);
        }
        reject(cancelledError(method, url));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      joined.promise.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          if (!done) resolve(value);
          done = true;
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          if (!done) reject(error);
          done = true;
        },
      );
    });
  }

  /** How many flights are under way (tests, diagnostics). */
  get size(): number {
    return this.flights.size;
  }
}
