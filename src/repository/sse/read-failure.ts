/**
 * Marks errors raised while reading an open connection's body, so the stream loop can tell a
 * drop (the connection had opened: reconnect at the base delay, no failure counted) from a
 * connection that could not be opened (counted, backed off). A WeakSet, not a property, so
 * frozen errors and foreign objects can be marked too.
 */
const READ_FAILURES = new WeakSet<object>();

/** Marks `error` (if it is an object) and returns it, for `throw markReadFailure(error)`. */
export function markReadFailure(error: unknown): unknown {
  if (typeof error === 'object' && error !== null) READ_FAILURES.add(error);
  return error;
}

/** True for an error `markReadFailure` marked. */
export function isReadFailure(error: unknown): boolean {
  return typeof error === 'object' && error !== null && READ_FAILURES.has(error);
}
