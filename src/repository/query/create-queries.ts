/**
 * `createQueries(sdk)` behind each generated `query.ts`: walks the SDK object once (services,
 * then methods carrying operation metadata) and builds every operation's helpers. The generated
 * file only types the result (`Queries`), with each operation's docs, so hover works there too.
 */
import { resolvePrefix } from './keys.js';
import { infiniteQueryHelpers, isReadOperation, isSdkMethod, mutationHelpers, queryHelpers, type SdkMethodLike } from './operation-helpers.js';
import type { TetherQueryOptionsConfig } from './types.js';

/** Each service's methods, by `<tag>.<operationId>` too; shared by the bridge and the mutation defaults. */
export function sdkMethods(sdk: object): Map<string, SdkMethodLike> {
  if (typeof sdk !== 'object' || sdk === null) throw new TypeError('Tether: expected the object createSdk returned');
  const methods = new Map<string, SdkMethodLike>();
  for (const service of Object.values(sdk)) {
    if (typeof service !== 'object' || service === null) continue;
    for (const method of Object.values(service)) {
      if (isSdkMethod(method)) methods.set(method.meta.id, method);
    }
  }
  if (methods.size === 0) throw new TypeError('Tether: the object has no SDK operations (expected what createSdk returned)');
  return methods;
}

/** The helpers of every operation of `sdk`, as `helpers.<tag>.<operationId>` (typed by the generated `Queries`). */
export function tetherQueries(sdk: object, options: TetherQueryOptionsConfig = {}): Record<string, Record<string, object>> {
  const prefix = resolvePrefix(options.prefix);
  // Null-prototype objects: a spec may name a tag or an operation `__proto__` (names.ts keeps such
  // members), which on a plain object would write to Object.prototype instead.
  const out: Record<string, Record<string, object>> = Object.create(null) as Record<string, Record<string, object>>;
  for (const [serviceKey, service] of Object.entries(sdk)) {
    if (typeof service !== 'object' || service === null) continue;
    for (const [name, method] of Object.entries(service)) {
      // Event streams are not request/response; the generated types give them no helpers either.
      if (!isSdkMethod(method) || method.meta.responseKind === 'stream') continue;
      const helpers = isReadOperation(method.meta)
        ? { ...queryHelpers(method, prefix), ...(method.meta.pagination ? infiniteQueryHelpers(method, prefix) : {}) }
        : mutationHelpers(method, prefix);
      (out[serviceKey] ??= Object.create(null) as Record<string, object>)[name] = Object.freeze(helpers);
    }
  }
  if (Object.keys(out).length === 0) throw new TypeError('Tether: createQueries needs the object createSdk returned; it has no operations');
  return out;
}
