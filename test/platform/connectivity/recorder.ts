/** Helpers of the connectivity suites: a listener that records what it hears. */

/** A listener and the values it was called with, in order. */
export function recorder<T>(): { readonly calls: T[]; readonly listener: (value: T) => void } {
  const calls: T[] = [];
  return { calls, listener: (value: T) => void calls.push(value) };
}
