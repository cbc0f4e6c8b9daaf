/**
 * Walks a list operation page by page, following the pagination shape the generator detected
 * (`meta.pagination`): cursor / next-token, offset + limit, page + size, or an RFC 8288 `Link:
 * <…>; rel="next"` header. Each page is an ordinary call, so it gets the same timeout, retries,
 * auth, validation and cancellation as any other; nothing is fetched before the consumer asks
 * for the next page.
 */
import type { CallOptions } from './options.js';
import { RESPONSE_SINK, type ResponseSink } from './call.js';
import type { OperationMeta, PaginationMeta } from '../contract/operation.js';

/** Options for `.pages()` and `.all()`: every call option, plus a page limit. */
export interface PageOptions extends CallOptions {
  /** Stop after this many pages (requests). Default 1000: a guard against endless lists. */
  readonly maxPages?: number | undefined;
}

/** Runs one call of the operation (auth roles and all). */
export type RunCall = (init: unknown, options: CallOptions | undefined) => Promise<unknown>;

interface ListInit {
  readonly params?: { readonly query?: Readonly<Record<string, unknown>> } & Readonly<Record<string, unknown>>;
  readonly [key: string]: unknown;
}

// Enough for any list a screen shows; a loop over a server that never ends its list stops here.
const DEFAULT_MAX_PAGES = 1000;

/** Async iterator over the pages (whole success bodies) of a paginated operation. */
export async function* pages(meta: OperationMeta, run: RunCall, rawInit: unknown, options: PageOptions | undefined): AsyncGenerator<unknown, void, undefined> {
  const pagination = paginationOf(meta);
  const { maxPages = DEFAULT_MAX_PAGES, ...callOptions } = options ?? {};
  if (!(Number.isInteger(maxPages) && maxPages > 0) && maxPages !== Infinity) {
    throw new TypeError('Tether: options.maxPages must be a positive integer (or Infinity)');
  }
  const init = (rawInit ?? {}) as ListInit;
  let query: Record<string, unknown> = { ...init.params?.query };
  const seen = new Set<string>();
  for (let page = 1; ; page++) {
    let response: Response | undefined;
    const sink: ResponseSink = (r) => {
      response = r;
    };
    const data = await run({ ...init, params: { ...init.params, query } }, { ...callOptions, [RESPONSE_SINK]: sink } as CallOptions);
    yield data;
    if (page >= maxPages) return;
    const next = nextQuery(pagination, query, data, response);
    if (next === undefined) return;
    // A server handing out the same position twice would loop forever.
    const key = JSON.stringify(next);
    if (seen.has(key)) return;
    seen.add(key);
    query = next;
  }
}

/** Async iterator over the items of every page. */
export async function* items(meta: OperationMeta, run: RunCall, init: unknown, options: PageOptions | undefined): AsyncGenerator<unknown, void, undefined> {
  const pagination = paginationOf(meta);
  for await (const page of pages(meta, run, init, options)) yield* itemsOf(pagination, page);
}

function paginationOf(meta: OperationMeta): PaginationMeta {
  if (!meta.pagination) {
    throw new TypeError(`Tether: ${meta.id} is not a paginated operation (no cursor, offset, page or Link header shape in the spec)`);
  }
  return meta.pagination;
}

function itemsOf(pagination: PaginationMeta, page: unknown): ReadonlyArray<unknown> {
  const list = pagination.itemsField === undefined ? page : isRecord(page) ? page[pagination.itemsField] : undefined;
  return Array.isArray(list) ? list : [];
}

/** The query for the page after `data`, or undefined when `data` was the last one. */
export function nextQuery(
  pagination: PaginationMeta,
  query: Readonly<Record<string, unknown>>,
  data: unknown,
  response: Response | undefined,
): Record<string, unknown> | undefined {
  switch (pagination.kind) {
    case 'cursor': {
      const cursor = isRecord(data) ? data[pagination.responseField] : undefined;
      if (cursor === undefined || cursor === null || cursor === '') return undefined;
      return { ...query, [pagination.requestParam]: cursor };
    }
    case 'offset': {
      const count = itemsOf(pagination, data).length;
      const limit = query[pagination.limitParam];
      // A short page is the last one; without a limit only an empty page says so.
      if (count === 0 || (typeof limit === 'number' && count < limit)) return undefined;
      return { ...query, [pagination.offsetParam]: Number(query[pagination.offsetParam] ?? 0) + count };
    }
    case 'page': {
      const count = itemsOf(pagination, data).length;
      const size = pagination.sizeParam === undefined ? undefined : query[pagination.sizeParam];
      if (count === 0 || (typeof size === 'number' && count < size)) return undefined;
      return { ...query, [pagination.pageParam]: Number(query[pagination.pageParam] ?? 1) + 1 };
    }
    case 'link-header': {
      const next = response && nextLink(response.headers.get('link'), response.url);
      if (!next) return undefined;
      // The next URL's query replaces ours; numbers come back as numbers so params validate.
      const out: Record<string, unknown> = {};
      // forEach, not for..of: URLSearchParams is only iterable with lib DOM.Iterable.
      next.searchParams.forEach((value, name) => {
        out[name] = /^\d+$/.test(value) ? Number(value) : value;
      });
      return out;
    }
  }
}

/** The `rel="next"` target of a Link header, resolved against the response URL. */
export function nextLink(header: string | null, base: string): URL | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;]+))/i.exec(match[2] ?? '');
    const rel = (rels?.[1] ?? rels?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('next')) {
      try {
        return new URL(match[1] ?? '', base || undefined);
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
