/**
 * The TanStack Query helpers for the tree-shakable form (`createClient` plus one standalone
 * function per operation): `queryHelpersFor(client, getOrder)` gives what
 * `createQueries(sdk).orders.getOrder` gives, with the same keys (`[prefix, '<tag>.<operationId>',
 * init]`, typed with the data), so both forms share TanStack's cache entries. Only the
 * operations an app names are pulled into its bundle. Nothing here names src/client.ts (a layer
 * above): a standalone function is read structurally, the client it needs is taken from its type.
 */
import type { OperationMeta } from '../../contract/operation.js';
import { infiniteQueryHelpers, isReadOperation, mutationHelpers, queryHelpers, type SdkMethodLike } from './operation-helpers.js';
import { resolvePrefix } from './keys.js';
import type { InfiniteQueryHelpers, MutationHelpers, QueryHelpers, TetherQueryOptionsConfig } from './types.js';

/** A standalone operation function (`getOrder` from the SDK's index), as far as the helpers use it. */
export interface StandaloneOperationLike {
  (client: never, ...args: never[]): Promise<unknown>;
  readonly meta: OperationMeta;
  raw(client: never, ...args: never[]): Promise<{ readonly data: unknown; readonly response: Response }>;
}

/** The client a standalone function takes first (what `createClient` returned). */
export type OperationClient<F> = F extends (client: infer C, ...args: never) => unknown ? C : never;

/** The SDK-method shape of standalone function `F`: its call without the client argument. */
export type BoundOperation<F> = F extends (client: never, ...args: infer A) => Promise<infer D> ? (...args: A) => Promise<D> : never;

/** Helpers of a standalone read: a paginated list's (it has `.pages`) add the infinite query's. */
export type StandaloneQueryHelpers<F> = F extends { readonly pages: unknown } ? InfiniteQueryHelpers<BoundOperation<F>> : QueryHelpers<BoundOperation<F>>;

/** Thrown when a helper is asked for the wrong kind of operation (a write's query helpers, a read's mutation helpers). */
export class OperationKindError extends TypeError {
  override readonly name = 'OperationKindError';
  /** The operation (`<tag>.<operationId>`). */
  readonly operation: string;
  constructor(operation: string, message: string) {
    super(message);
    this.operation = operation;
  }
}

/** `operation` called with `client`, shaped like the SDK's method of it. */
export function bindOperation(client: unknown, operation: StandaloneOperationLike): SdkMethodLike {
  if (typeof operation !== 'function' || typeof operation.meta?.id !== 'string') {
    throw new TypeError('Tether: expected a standalone operation function of the generated SDK (e.g. getOrder)');
  }
  // Event streams are not request/response (createQueries gives them no helpers either).
  if (operation.meta.responseKind === 'stream' || typeof operation.raw !== 'function') {
    throw new OperationKindError(operation.meta.id, `Tether: ${operation.meta.id} is an event stream; TanStack Query helpers are for request/response operations`);
  }
  const call = operation as unknown as (client: unknown, init?: unknown, options?: unknown) => Promise<unknown>;
  const raw = operation.raw as unknown as (client: unknown, init?: unknown, options?: unknown) => Promise<{ readonly data: unknown; readonly response: Response }>;
  // A wrong client is reported by the call itself (it rejects naming createClient), as for a direct call.
  const method = (init?: unknown, options?: unknown) => call(client, init, options);
  return Object.assign(method, { meta: operation.meta, raw: (init?: unknown, options?: unknown) => raw(client, init, options) });
}

/** `queryKey`/`queryOptions` (plus `infiniteQueryKey`/`infiniteQueryOptions` for a paginated list) of a standalone GET/HEAD operation. */
export function queryHelpersFor<F extends StandaloneOperationLike>(client: OperationClient<F>, operation: F, options: TetherQueryOptionsConfig = {}): StandaloneQueryHelpers<F> {
  const prefix = resolvePrefix(options.prefix);
  const method = bindOperation(client, operation);
  const { id, method: verb, pagination } = method.meta;
  if (!isReadOperation(method.meta)) throw new OperationKindError(id, `Tether: ${id} is a ${verb.toUpperCase()} operation; use mutationHelpersFor for it`);
  const helpers = { ...queryHelpers(method, prefix), ...(pagination ? infiniteQueryHelpers(method, prefix) : {}) };
  return Object.freeze(helpers) as unknown as StandaloneQueryHelpers<F>;
}

/** `mutationKey`/`mutationOptions` of a standalone operation that is not GET/HEAD. */
export function mutationHelpersFor<F extends StandaloneOperationLike>(client: OperationClient<F>, operation: F, options: TetherQueryOptionsConfig = {}): MutationHelpers<BoundOperation<F>> {
  const prefix = resolvePrefix(options.prefix);
  const method = bindOperation(client, operation);
  const { id, method: verb } = method.meta;
  if (isReadOperation(method.meta)) throw new OperationKindError(id, `Tether: ${id} is a ${verb.toUpperCase()} operation; use queryHelpersFor for it`);
  return Object.freeze(mutationHelpers(method, prefix)) as unknown as MutationHelpers<BoundOperation<F>>;
}
