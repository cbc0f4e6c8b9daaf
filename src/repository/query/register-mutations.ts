/**
 * Mutation defaults for every mutation of an SDK in one call, so mutations TanStack Query paused
 * offline and persisted (`dehydrate` → storage → `hydrate` after a restart) resume with
 * `queryClient.resumePausedMutations()` without any per-key code: a persisted mutation keeps its
 * key and variables but not its function, and TanStack finds the function by the key's defaults.
 */
import type { MutationDefaultsTarget } from './client-types.js';
import { sdkMethods } from './create-queries.js';
import { resolvePrefix } from './keys.js';
import { isReadOperation, runMutation } from './operation-helpers.js';
import type { TetherQueryOptionsConfig } from './types.js';

/** Options of registerTetherMutations. */
export interface RegisterMutationsOptions extends TetherQueryOptionsConfig {
  /** Call options of every resumed send, e.g. `{ timeoutMs }` or `{ offline: 'queue' }` (no `signal`). */
  readonly callOptions?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Sets `mutationFn` defaults under `[prefix, '<tag>.<operationId>']` for every non-GET operation
 * of `sdk`; call it once at start-up, before `resumePausedMutations()`. Returns the keys set.
 */
export function registerTetherMutations(queryClient: MutationDefaultsTarget, sdk: object, options: RegisterMutationsOptions = {}): ReadonlyArray<readonly [string, string]> {
  const prefix = resolvePrefix(options.prefix);
  const callOptions = options.callOptions ?? {};
  if (callOptions.signal !== undefined) throw new TypeError('Tether: registerTetherMutations: callOptions take no `signal`');
  const keys: Array<readonly [string, string]> = [];
  for (const [id, method] of sdkMethods(sdk)) {
    if (isReadOperation(method.meta)) continue;
    const key = [prefix, id] as const;
    const keyed = method.meta.idempotencyKeyHeader !== undefined;
    queryClient.setMutationDefaults(key, { mutationFn: (variables: unknown) => runMutation(method, keyed, variables, callOptions) });
    keys.push(key);
  }
  return keys;
}
