/**
 * Query keys that carry their data's type, the way TanStack Query v5's `DataTag` does, so
 * `queryClient.getQueryData(q.orders.getOrder.queryKey(init))` is an `Order | undefined` and
 * `setQueryData` checks its updater.
 *
 * TanStack reads the tag under two `unique symbol` keys its module declares (`dataTagSymbol`,
 * `dataTagErrorSymbol`). A unique symbol is nominal: no structural copy can stand in for it, and
 * the published declarations may not import `@tanstack/query-core` (an app without TanStack must
 * compile, and scripts/build/declarations.ts refuses bare imports). So the symbols are taken
 * from a register the app fills once, as TanStack's own `Register` is filled:
 *
 * ```ts
 * import type { dataTagErrorSymbol, dataTagSymbol } from '@tanstack/query-core';
 * declare module '@tether/sdk/v1' { // an SDK entry the app's program imports
 *   interface TetherQueryRegister { dataTagSymbol: typeof dataTagSymbol; dataTagErrorSymbol: typeof dataTagErrorSymbol }
 * }
 * ```
 *
 * Without it the keys carry the same tag under Tether's own (phantom) symbols: `TetherKeyData`
 * still reads it, and TanStack sees a plain key, exactly as before. Types only: at run time a key
 * is the plain array it always was (keys are persisted and compared structurally).
 */
import type { NetworkError } from '../../errors/network-error.js';

/** Phantom keys for an app that registered nothing; no value exists at run time. */
declare const tetherDataTag: unique symbol;
declare const tetherErrorTag: unique symbol;

/**
 * Augment (`declare module '@tether/sdk/v1'`, or any SDK entry the app imports) with TanStack's
 * `dataTagSymbol` and `dataTagErrorSymbol` types to make Tether keys TanStack `DataTag`s.
 */
export interface TetherQueryRegister {}

/** The symbol a key's data type is stored under: TanStack's when registered, else Tether's own. */
export type DataTagKey = TetherQueryRegister extends { readonly dataTagSymbol: infer S extends symbol } ? S : typeof tetherDataTag;

/** The symbol a key's error type is stored under. */
export type DataTagErrorKey = TetherQueryRegister extends { readonly dataTagErrorSymbol: infer S extends symbol } ? S : typeof tetherErrorTag;

/** `Key` tagged with the data (and error) a query under it holds; structurally TanStack's `DataTag<Key, Data, Error>` once registered. */
export type TetherDataTag<Key, Data, Error = NetworkError> = Key & { readonly [K in DataTagKey]: Data } & { readonly [K in DataTagErrorKey]: Error };

/** The data type a tagged key carries (`never` for an untagged key). */
export type TetherKeyData<Key> = Key extends { readonly [K in DataTagKey]: infer Data } ? Data : never;

/** The error type a tagged key carries (`never` for an untagged key). */
export type TetherKeyError<Key> = Key extends { readonly [K in DataTagErrorKey]: infer Error } ? Error : never;

/** What TanStack stores for an infinite query (structurally its `InfiniteData<Page, PageParam>`). */
export interface TetherInfiniteData<Page, PageParam> {
  pages: Page[];
  pageParams: PageParam[];
}
