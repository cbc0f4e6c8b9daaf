/**
 * Small checks the option resolvers share: each throws a TypeError naming the option, so an
 * app learns at `createSdk` (or at the call) exactly which setting is wrong.
 */

// setTimeout stores delays as a signed 32-bit int; anything larger fires immediately.
export const MAX_TIMEOUT_MS = 2_147_483_647;

/** A duration in ms between 1 and MAX_TIMEOUT_MS; undefined stays undefined. */
export function resolveTimeout(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new TypeError(`Tether: ${name} must be a number of milliseconds between 1 and ${MAX_TIMEOUT_MS}`);
  }
  return value;
}

/** A byte limit: a positive integer, or Infinity for none. */
export function resolveByteLimit(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value === Infinity || (Number.isSafeInteger(value) && value > 0))) {
    throw new TypeError(`Tether: ${name} must be a positive integer number of bytes (or Infinity for no limit)`);
  }
  return value;
}

/** A boolean option, or undefined when omitted. */
export function optionalBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TypeError(`Tether: options.${name} must be a boolean`);
}

/** What a malformed URL looked like without its secrets: its scheme and length only. */
export function describeUnparsedUrl(value: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1];
  return `a ${value.length}-character string${scheme ? ` starting with "${scheme}:"` : ''}`;
}

/** Duck-typed, so a signal from another realm or a polyfill passes. */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}
