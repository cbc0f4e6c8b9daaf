/**
 * A generated since/cursor operation as a `createSync` pull: the stored cursor goes into the
 * operation's cursor query parameter, and the answer's fields are read by the names the
 * generator found in the spec (docs/sync.md, "Which operations are feeds").
 */
import { isRecordObject } from './sanitize.js';
import { PULL_SIGNALS, sdkSignalsOf } from './sdk-signals.js';
import { PULL_OWNER, sdkOwnerOf } from './owner.js';
import type { FeedPage, SyncPull } from './types.js';

/** Where a feed keeps its parts: the query parameter of the cursor and the answer's field names. */
export interface FeedFields {
  /** Query parameter that takes the cursor (`since`). */
  readonly cursorParam: string;
  /** Answer field with the next cursor (`nextCursor`). */
  readonly nextCursor: string;
  /** Answer field that says more is waiting (`hasMore`). */
  readonly hasMore: string;
  /** Answer field listing changed records (`upserts`). */
  readonly upserts: string;
  /** Answer field listing deleted ids (`deletes`); absent when the feed has none. */
  readonly deletes?: string | undefined;
}

/** A generated operation method, called as `(init, { signal })`. */
export type FeedOperation = (...args: never[]) => Promise<unknown>;

/** Wraps a generated feed operation as a pull; `query` adds fixed parameters (a page size). */
export function operationFeed<R>(operation: FeedOperation, fields: FeedFields, query: Readonly<Record<string, unknown>> = {}): SyncPull<R> {
  const call = operation as unknown as (init: unknown, options: unknown) => Promise<unknown>;
  const pull: SyncPull<R> = async ({ since, signal }) => {
    const params = since === undefined ? { ...query } : { ...query, [fields.cursorParam]: since };
    // The whole answer is not validated against the response schema: one malformed record would
    // then fail the page and stop every other record. createSync checks each record instead.
    const body = await call({ params: { query: params } }, { signal, validate: 'off' });
    if (!isRecordObject(body)) throw new TypeError('The feed answered with something other than an object.');
    const next = body[fields.nextCursor];
    if (typeof next !== 'string') throw new TypeError(`The feed's "${fields.nextCursor}" is not a string.`);
    // Records stay `unknown` here: createSync checks each one before `apply` sees it.
    const page: FeedPage<R> = {
      upserts: (body[fields.upserts] ?? []) as ReadonlyArray<R>,
      deletes: (fields.deletes === undefined ? [] : body[fields.deletes] ?? []) as ReadonlyArray<string>,
      nextCursor: next,
      hasMore: body[fields.hasMore] === true,
    };
    return page;
  };
  // The SDK's connectivity/foreground travel with the pull, so createSync (and a poller or
  // socket over it) follow them by default (sdk-signals.ts).
  const signals = sdkSignalsOf(operation);
  if (signals) Object.defineProperty(pull, PULL_SIGNALS, { value: signals });
  // So is the SDK's user: the cursor createSync stores is that user's (owner.ts).
  const owner = sdkOwnerOf(operation);
  if (owner) Object.defineProperty(pull, PULL_OWNER, { value: owner });
  return pull;
}
