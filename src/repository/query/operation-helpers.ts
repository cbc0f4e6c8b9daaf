/**
 * The TanStack Query helpers of one SDK method: reads get `queryKey`/`queryOptions` (and, when
 * the generator found a pagination shape, `infiniteQueryKey`/`infiniteQueryOptions`); every
 * other method gets `mutationKey`/`mutationOptions`. They only build plain objects around the
 * method: every request still runs through the SDK's timeouts, retries, auth and validation.
 */
import type { OperationMeta } from '../../contract/operation.js';
import { nextQuery } from '../../service/paginate.js';
import { uuidV4 } from '../../platform/uuid.js';
import { queryKeyOf } from './keys.js';
import type { PageQuery } from './types.js';

/** An SDK method as the helpers see it (untyped inside; types.ts types the result). */
export interface SdkMethodLike {
  (init?: unknown, options?: unknown): Promise<unknown>;
  readonly meta: OperationMeta;
  raw(init?: unknown, options?: unknown): Promise<{ readonly data: unknown; readonly response: Response }>;
}

/** Whether `value` is an SDK method (a function carrying operation metadata). */
export function isSdkMethod(value: unknown): value is SdkMethodLike {
  if (typeof value !== 'function') return false;
  const meta = (value as { meta?: unknown }).meta;
  return typeof meta === 'object' && meta !== null && typeof (meta as { id?: unknown }).id === 'string';
}

/** GET and HEAD are queries; every other method is a mutation (the generator's emit-query.ts uses the same rule). */
export const isReadOperation = (meta: OperationMeta): boolean => meta.method === 'get' || meta.method === 'head';

type Init = { readonly params?: Readonly<Record<string, unknown>>; readonly [key: string]: unknown } | undefined;

/** Call options with TanStack's signal; a caller's own `signal` is refused, since TanStack's must win. */
function withSignal(options: unknown, signal: AbortSignal): Record<string, unknown> {
  const given = (options ?? {}) as Record<string, unknown>;
  if (given.signal !== undefined) throw new TypeError('Tether: query helpers take no `signal` option; TanStack Query passes its own (cancelQueries aborts it)');
  return { ...given, signal };
}

/** `queryKey` and `queryOptions` of a read. */
export function queryHelpers(method: SdkMethodLike, prefix: string) {
  const id = method.meta.id;
  const queryKey = (init?: unknown) => queryKeyOf(prefix, id, init);
  return {
    queryKey,
    queryOptions(init?: unknown, options?: unknown) {
      withSignal(options, new AbortController().signal); // refuse a signal now, not at fetch time
      return {
        queryKey: queryKey(init),
        // No body (HEAD, 204) is null: TanStack refuses undefined data and would store an error.
        queryFn: async ({ signal }: { signal: AbortSignal }) => (await method(init, withSignal(options, signal))) ?? null,
      };
    },
  };
}

/** `infiniteQueryKey` and `infiniteQueryOptions` of a paginated read. */
export function infiniteQueryHelpers(method: SdkMethodLike, prefix: string) {
  const { id, pagination } = method.meta;
  if (!pagination) throw new TypeError(`Tether: ${id} is not a paginated operation`);
  const infiniteQueryKey = (init?: unknown) => [...queryKeyOf(prefix, id, init), 'infinite'] as const;
  return {
    infiniteQueryKey,
    infiniteQueryOptions(rawInit?: unknown, options?: unknown) {
      withSignal(options, new AbortController().signal);
      const init = rawInit as Init;
      const queryKey = infiniteQueryKey(init);
      const firstQuery = ((queryKey[2] as { params?: { query?: PageQuery } }).params?.query ?? {}) as PageQuery;
      const pageInit = (query: PageQuery) => ({ ...init, params: { ...init?.params, query } });
      // A Link header is only on the response: the next page's query is kept per page object
      // (weakly). After a reload from persisted data the header is gone and the list ends there;
      // every other shape is read from the body and survives.
      const linked = new WeakMap<object, PageQuery | undefined>();
      return {
        queryKey,
        initialPageParam: firstQuery,
        async queryFn({ signal, pageParam }: { signal: AbortSignal; pageParam: PageQuery }) {
          const callOptions = withSignal(options, signal);
          if (pagination.kind !== 'link-header') return method(pageInit(pageParam), callOptions);
          const { data, response } = await method.raw(pageInit(pageParam), callOptions);
          if (typeof data === 'object' && data !== null) linked.set(data, nextQuery(pagination, pageParam, data, response));
          return data;
        },
        getNextPageParam(lastPage: unknown, _allPages: ReadonlyArray<unknown>, lastPageParam: PageQuery): PageQuery | undefined {
          if (pagination.kind === 'link-header') return typeof lastPage === 'object' && lastPage !== null ? linked.get(lastPage) : undefined;
          return nextQuery(pagination, lastPageParam, lastPage, undefined);
        },
      };
    },
  };
}

/**
 * `mutationKey` and `mutationOptions` of a mutation. An operation that takes an Idempotency-Key
 * gets one written into its variables before the first send (unless they carry one): TanStack
 * keeps that very object as the mutation's state, so a retry, a resume after pausing, or a
 * resume after `dehydrate`/`hydrate` in a new process sends the same key, and the server
 * applies the mutation once.
 */
export function mutationHelpers(method: SdkMethodLike, prefix: string) {
  const { id, idempotencyKeyHeader } = method.meta;
  const mutationKey = [prefix, id] as const;
  return {
    mutationKey,
    mutationOptions(options?: unknown) {
      const given = (options ?? {}) as Record<string, unknown>;
      if (given.signal !== undefined) throw new TypeError('Tether: mutationOptions takes no `signal` option (TanStack Query mutations cannot be cancelled)');
      return { mutationKey, mutationFn: (variables?: unknown) => runMutation(method, idempotencyKeyHeader !== undefined, variables, given) };
    },
  };
}

/** One send of a mutation with its variables' idempotency key. */
export function runMutation(method: SdkMethodLike, keyed: boolean, variables: unknown, options: Readonly<Record<string, unknown>>): Promise<unknown> {
  if (variables === undefined || variables === null) return method(undefined, options);
  if (typeof variables !== 'object') return Promise.reject(new TypeError(`Tether: ${method.meta.id}: mutation variables must be the operation's init object`));
  const holder = variables as { idempotencyKey?: unknown };
  if (keyed && holder.idempotencyKey === undefined && Object.isExtensible(holder)) holder.idempotencyKey = uuidV4();
  const { idempotencyKey, ...init } = holder;
  if (idempotencyKey !== undefined && typeof idempotencyKey !== 'string') return Promise.reject(new TypeError(`Tether: ${method.meta.id}: idempotencyKey must be a string`));
  return method(init, idempotencyKey === undefined ? options : { ...options, idempotencyKey });
}
