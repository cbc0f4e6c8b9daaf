/**
 * Racing a promise against an AbortSignal: the caller stops waiting as soon as the signal
 * aborts, while the work itself runs on (its result is then dropped, never an unhandled
 * rejection). One helper for the auth layer's wait on a refresh, the cache's background
 * revalidation and an event stream's buffered body.
 */

/** `promise`, or a rejection with `reason()` as soon as `signal` aborts (at once if it already has). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, reason: () => unknown): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {}); // settled by its other waiters; never an unhandled rejection here
    return Promise.reject(reason());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
