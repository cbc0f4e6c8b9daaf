/**
 * The TanStack Query helpers' public shapes. They are plain objects typed so that TanStack
 * Query's own options (`QueryOptions`, `UseQueryOptions`, `InfiniteQueryObserverOptions`,
 * `MutationObserverOptions`) accept them structurally: nothing here names @tanstack/query-core,
 * so an app without TanStack installed compiles and bundles none of it (docs/tanstack-query.md).
 * Every type is derived from one SDK method's type `M` (`Sdk['orders']['getOrder']`).
 */
import type { QueuedResult } from '../offline/types.js';
import type { TetherDataTag, TetherInfiniteData } from './data-tag.js';

type Args<M> = M extends (...args: infer A) => Promise<unknown> ? A : never;

/** The success body of method `M`. */
export type QueryData<M> = M extends (...args: never) => Promise<infer D> ? D : never;

/**
 * What a query of method `M` holds: its data, with `null` for "no body" (a HEAD, a 204), since
 * TanStack Query refuses `undefined` as a query's data and would store an error instead.
 */
export type QueryFnData<M> = [QueryData<M>] extends [undefined | void] ? null : undefined extends QueryData<M> ? Exclude<QueryData<M>, undefined> | null : QueryData<M>;

/** The `init` of method `M` (`{ params, body, headers }`). */
export type QueryInit<M> = NonNullable<Args<M>[0]>;

/** The per-call options of method `M`, without `signal`: TanStack Query owns cancellation. */
export type QueryCallOptions<M> = Omit<NonNullable<Args<M>[1]>, 'signal'>;

/** `[init?, ...Rest]` when the method's init is optional, else `[init, ...Rest]`. */
export type InitArgs<M, Rest extends unknown[]> = undefined extends Args<M>[0] ? [init?: QueryInit<M>, ...Rest] : [init: QueryInit<M>, ...Rest];

/** `[prefix, '<tag>.<operationId>', init]`: JSON values only, so TanStack hashes and persists it as is. */
export type TetherQueryKey<Init> = readonly [prefix: string, operation: string, init: Init | Record<string, never>];

/** An infinite query's key: the query key plus `'infinite'`, since its data (`{ pages, pageParams }`) differs. */
export type TetherInfiniteQueryKey<Init> = readonly [prefix: string, operation: string, init: Init | Record<string, never>, kind: 'infinite'];

/** `[prefix, '<tag>.<operationId>']`: the key `registerTetherMutations` sets defaults under. */
export type TetherMutationKey = readonly [prefix: string, operation: string];

/** What TanStack hands a query function; only the parts the helpers read. */
export interface QueryFunctionContextLike {
  readonly signal: AbortSignal;
}

/** `queryOptions()`: pass to `fetchQuery`, `useQuery`, `new QueryObserver`, `ensureQueryData`. */
export interface TetherQueryOptions<Data, Key> {
  readonly queryKey: Key;
  /** Calls the operation with TanStack's `signal`, so `cancelQueries` aborts the request. */
  readonly queryFn: (context: QueryFunctionContextLike) => Promise<Data>;
}

/**
 * The next page's query parameters: the whole `params.query` to send, so a page param is plain
 * JSON that survives `dehydrate`/persistence.
 */
export type PageQuery = Readonly<Record<string, unknown>>;

/** `infiniteQueryOptions()`: pass to `fetchInfiniteQuery`, `useInfiniteQuery`, `new InfiniteQueryObserver`. */
export interface TetherInfiniteQueryOptions<Data, Key> {
  readonly queryKey: Key;
  readonly queryFn: (context: QueryFunctionContextLike & { readonly pageParam: PageQuery }) => Promise<Data>;
  /** The init's own query parameters. */
  readonly initialPageParam: PageQuery;
  /** From the generated pagination shape (cursor, offset, page, Link header); undefined: no more pages. */
  readonly getNextPageParam: (lastPage: Data, allPages: ReadonlyArray<Data>, lastPageParam: PageQuery) => PageQuery | undefined;
}

/**
 * A mutation's variables: the operation's init plus an optional `idempotencyKey`. For operations
 * that take an Idempotency-Key, the helper writes a generated key into the variables before the
 * first send, so a retried, paused or dehydrated-and-resumed mutation sends the same key and the
 * server applies it once.
 */
export type MutationVariables<M> = undefined extends Args<M>[0]
  ? (QueryInit<M> & { idempotencyKey?: string | undefined }) | void
  : QueryInit<M> & { idempotencyKey?: string | undefined };

/** What a mutation resolves with: the body, or a QueuedResult when its options ask `offline: 'queue'`. */
export type MutationData<M, O> = QueryData<M> | (O extends { readonly offline: 'queue' } ? QueuedResult : never);

/** `mutationOptions()`: pass to `useMutation`, `new MutationObserver`, `setMutationDefaults`. */
export interface TetherMutationOptions<Data, Variables> {
  readonly mutationKey: TetherMutationKey;
  readonly mutationFn: (variables: Variables) => Promise<Data>;
}

/** A read's key, tagged with its data (`getQueryData(key)` is the operation's body; data-tag.ts). */
export type TaggedQueryKey<M> = TetherDataTag<TetherQueryKey<QueryInit<M>>, QueryFnData<M>>;

/** An infinite query's key, tagged with `{ pages, pageParams }` of the operation's pages. */
export type TaggedInfiniteQueryKey<M> = TetherDataTag<TetherInfiniteQueryKey<QueryInit<M>>, TetherInfiniteData<QueryData<M>, PageQuery>>;

/** Helpers of a read (GET/HEAD) operation. */
export interface QueryHelpers<M> {
  /**
   * `[prefix, '<tag>.<operationId>', init]`, typed with the operation's data for
   * `getQueryData`/`setQueryData`; `[prefix, '<tag>.<operationId>']` matches every init (invalidateQueries).
   */
  queryKey(...args: InitArgs<M, []>): TaggedQueryKey<M>;
  /** The options of a query of this operation with this init. */
  queryOptions(...args: InitArgs<M, [options?: QueryCallOptions<M>]>): TetherQueryOptions<QueryFnData<M>, TaggedQueryKey<M>>;
}

/** Helpers of a paginated read: the plain query's plus the infinite query's. */
export interface InfiniteQueryHelpers<M> extends QueryHelpers<M> {
  /** The infinite query's key (the query key plus `'infinite'`), typed with `{ pages, pageParams }`. */
  infiniteQueryKey(...args: InitArgs<M, []>): TaggedInfiniteQueryKey<M>;
  /** The options of an infinite query over the pages of this list. */
  infiniteQueryOptions(...args: InitArgs<M, [options?: QueryCallOptions<M>]>): TetherInfiniteQueryOptions<QueryData<M>, TaggedInfiniteQueryKey<M>>;
}

/** Helpers of a mutation (any method but GET/HEAD). */
export interface MutationHelpers<M> {
  /** `[prefix, '<tag>.<operationId>']`. */
  readonly mutationKey: TetherMutationKey;
  /** The options of a mutation of this operation; `options` are the call options of every send. */
  mutationOptions<O extends QueryCallOptions<M> = QueryCallOptions<M>>(options?: O): TetherMutationOptions<MutationData<M, O>, MutationVariables<M>>;
}

/** Options of `createQueries`, `registerTetherMutations` and `bridgeTetherCache`. */
export interface TetherQueryOptionsConfig {
  /**
   * The first element of every key ['tether']. Give each SDK its own when two share a QueryClient
   * (e.g. `'shop-v1'` and `'shop-v2'`), since both name their operations alike.
   */
  readonly prefix?: string | undefined;
}
