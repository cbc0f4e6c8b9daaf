/**
 * Mutation defaults for every mutation of an SDK in one call, so mutations TanStack Query paused
 * offline and persisted (`dehydrate` → storage → `hydrate` after a restart) resume with
 * `queryClient.resumePausedMutations()` without any per-key code: a persisted mutation keeps its
 * key and variables but not its function, and TanStack finds the function by the key's defaults.
 */
import type { MutationDefaultsTarget } from './client-types.js';
import { sdkMethods } from './create-queries.js';
import { resolvePrefix } from './keys.js';
import { isReadOperation, runMutation, type SdkMethodLike } from './operation-helpers.js';
import { bindOperation, type OperationClient, type StandaloneOperationLike } from './client-helpers.js';
import type { TetherQueryOptionsConfig } from './types.js';

/** Options of registerTetherMutations. */
export interface RegisterMutationsOptions extends TetherQueryOptionsConfig {
  /** Call options of every resumed send, e.g. `{ timeoutMs }` or `{ offline: 'queue' }` (no `signal`). */
  readonly callOptions?: Readonly<Record<string, unknown>> | undefined;
}

/**
 * Sets `mutationFn` defaults under `[prefix, '<tag>.<operationId>']` for every non-GET operation
 * of `sdk`; call it once at start-up, before `resumePausedMutations()`. Returns the keys set.
 * TanStack copies defaults into a mutation when it is built, so mutations hydrated before this
 * call (a persister that restored first) are given the function here too: either order works.
 */
export function registerTetherMutations(queryClient: MutationDefaultsTarget, sdk: object, options: RegisterMutationsOptions = {}): ReadonlyArray<readonly [string, string]> {
  return registerMethods(queryClient, sdkMethods(sdk), options);
}

/**
 * registerTetherMutations for the tree-shakable form: the standalone functions of the mutations
 * the app uses (`[createOrder, updateOrder]`), each called with `client`; reads in the list are
 * skipped. Only the listed operations are bundled, so list every mutation the app may persist.
 */
export function registerMutationsFor<F extends StandaloneOperationLike>(
  queryClient: MutationDefaultsTarget,
  client: OperationClient<F>,
  operations: ReadonlyArray<F>,
  options: RegisterMutationsOptions = {},
): ReadonlyArray<readonly [string, string]> {
  const methods = new Map<string, SdkMethodLike>();
  for (const operation of operations) {
    const method = bindOperation(client, operation);
    methods.set(method.meta.id, method);
  }
  return registerMethods(queryClient, methods, options);
}

/** Sets the defaults of every non-GET method and gives already-built mutations their function. */
function registerMethods(queryClient: MutationDefaultsTarget, methods: ReadonlyMap<string, SdkMethodLike>, options: RegisterMutationsOptions): ReadonlyArray<readonly [string, string]> {
  const prefix = resolvePrefix(options.prefix);
  const callOptions = options.callOptions ?? {};
  if (callOptions.signal !== undefined) throw new TypeError('Tether: registerTetherMutations: callOptions take no `signal`');
  const keys: Array<readonly [string, string]> = [];
  const functions = new Map<string, (variables: unknown) => Promise<unknown>>();
  for (const [id, method] of methods) {
    if (isReadOperation(method.meta)) continue;
    const key = [prefix, id] as const;
    const keyed = method.meta.idempotencyKeyHeader !== undefined;
    const mutationFn = (variables: unknown) => runMutation(method, keyed, variables, callOptions);
    queryClient.setMutationDefaults(key, { mutationFn });
    functions.set(id, mutationFn);
    keys.push(key);
  }
  for (const mutation of queryClient.getMutationCache().getAll()) {
    const key = mutation.options.mutationKey;
    const mutationFn = key && key.length === 2 && key[0] === prefix && typeof key[1] === 'string' ? functions.get(key[1]) : undefined;
    if (mutationFn && mutation.options.mutationFn === undefined) mutation.setOptions({ ...mutation.options, mutationFn } as never);
  }
  return keys;
}
