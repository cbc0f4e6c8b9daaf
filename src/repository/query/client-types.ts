/**
 * The parts of TanStack Query's `QueryClient` the bridge and the mutation defaults call, written
 * structurally so the runtime names no @tanstack package: a real QueryClient (v5) is assignable
 * (test/types/query.types.ts checks it), and an app without TanStack compiles and bundles none.
 */

/** A query in TanStack's cache, as far as the bridge reads it. */
export interface QueryLike {
  readonly queryKey: ReadonlyArray<unknown>;
  readonly queryHash: string;
  getObserversCount(): number;
}

/** One event of TanStack's query cache (`added`, `removed`, `observerAdded`, `observerRemoved`, …). */
export interface QueryCacheEventLike {
  readonly type: string;
  readonly query: QueryLike;
}

/** TanStack's `QueryCache`, as far as the bridge uses it. */
export interface QueryCacheLike {
  subscribe(listener: (event: QueryCacheEventLike) => void): () => void;
  getAll(): ReadonlyArray<QueryLike>;
}

/** Filters of `invalidateQueries` / `resetQueries` the bridge passes. */
export interface ExactQueryFilter {
  queryKey: ReadonlyArray<unknown>;
  exact: true;
}

/** TanStack's `QueryClient`, as far as the bridge uses it. */
export interface QueryClientLike {
  getQueryCache(): QueryCacheLike;
  setQueryData(queryKey: ReadonlyArray<unknown>, updater: (previous: unknown) => unknown): unknown;
  invalidateQueries(filters: ExactQueryFilter): Promise<void>;
  resetQueries(filters: ExactQueryFilter): Promise<void>;
}

/** A mutation in TanStack's mutation cache, as far as `registerTetherMutations` reads it. */
export interface MutationLike {
  readonly options: { readonly mutationKey?: ReadonlyArray<unknown> | undefined; readonly mutationFn?: unknown };
  setOptions(options: never): void;
}

/** TanStack's `QueryClient`, as far as `registerTetherMutations` uses it. */
export interface MutationDefaultsTarget {
  setMutationDefaults(mutationKey: ReadonlyArray<unknown>, options: { mutationFn: (variables: never) => Promise<unknown> }): void;
  getMutationCache(): { getAll(): ReadonlyArray<MutationLike> };
}
