/**
 * TanStack Query keys for SDK operations: `[prefix, '<tag>.<operationId>', init]`. The init is
 * copied as plain JSON (undefined dropped, object keys kept as given: TanStack hashes keys with
 * sorted object keys itself), so a key never holds a function, a class instance or a later
 * mutation of the app's own object, and it survives `dehydrate` and persistence unchanged.
 */

/** The default first element of every key. */
export const TETHER_QUERY_PREFIX = 'tether';

/** The prefix an app chose, checked once. */
export function resolvePrefix(prefix: string | undefined): string {
  if (prefix === undefined) return TETHER_QUERY_PREFIX;
  if (typeof prefix !== 'string' || prefix === '') throw new TypeError('Tether: options.prefix must be a non-empty string');
  return prefix;
}

/**
 * A JSON copy of `value`; a value that JSON would change or lose (a function, a Date, a Blob,
 * NaN, a symbol, a cycle) is a TypeError naming its path, since a key that does not survive a
 * round trip through JSON would miss the cache after a reload.
 */
export function jsonCopy(value: unknown, path = 'init', seen: Set<object> = new Set()): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    throw new TypeError(`Tether: a query key holds only JSON values; ${path} is ${value}`);
  }
  if (typeof value !== 'object') throw new TypeError(`Tether: a query key holds only JSON values; ${path} is a ${typeof value}`);
  if (seen.has(value)) throw new TypeError(`Tether: a query key holds only JSON values; ${path} is a cycle`);
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => (item === undefined ? null : jsonCopy(item, `${path}[${i}]`, seen)));
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`Tether: a query key holds only JSON values; ${path} is a ${(value as object).constructor?.name ?? 'non-plain object'}`);
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) out[key] = jsonCopy(item, `${path}.${key}`, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/** `[prefix, operation, init]`; an omitted init is `{}`, so `f()` and `f({})` share one entry. */
export function queryKeyOf(prefix: string, operation: string, init: unknown): readonly [string, string, unknown] {
  return [prefix, operation, init === undefined ? {} : jsonCopy(init)];
}

/** The operation and init of a plain query key made by queryKeyOf (not an infinite one), else undefined. */
export function parseQueryKey(prefix: string, key: ReadonlyArray<unknown>): { operation: string; init: unknown } | undefined {
  if (key.length !== 3 || key[0] !== prefix || typeof key[1] !== 'string') return undefined;
  return { operation: key[1], init: key[2] };
}
