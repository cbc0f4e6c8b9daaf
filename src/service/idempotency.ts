/**
 * Idempotency keys let the server (and later our retry layer) treat a repeated POST as the
 * same request. The key is fixed once per call, before the request is built, so every retry
 * of that call carries the same key.
 */
import { DEFAULT_IDEMPOTENCY_HEADER, type HeadersInit, type OperationMeta } from '../contract/operation.js';
import { uuidV4 } from '../platform/uuid.js';

export { DEFAULT_IDEMPOTENCY_HEADER };

/**
 * 'auto': generate keys for operations that declare an idempotency header (the spec says the
 * server honours it). 'always': also for every other POST and PATCH, in `Idempotency-Key`;
 * only right when the server deduplicates every POST/PATCH by that header, since a keyed
 * request is retried as if it were safe.
 */
export type IdempotencyMode = 'auto' | 'always';

// The methods whose repetition is not safe by HTTP semantics and that carry a body.
const KEYED_METHODS = new Set(['post', 'patch']);

/** A call's init; `headers` and `params.header` may carry the key. */
export interface HeaderCarriers {
  readonly body?: unknown;
  readonly headers?: HeadersInit | undefined;
  readonly params?: { readonly header?: Readonly<Record<string, unknown>> | undefined } | undefined;
}

/**
 * Applies the key: the caller's `idempotencyKey` wins over any header they set; otherwise a
 * header already in params/headers is kept; otherwise, when the operation declares the
 * header (or `mode` is 'always' and the method is POST/PATCH), a fresh UUID v4 is
 * generated. Returns new objects, never mutates the caller's.
 */
export function applyIdempotencyKey<T extends HeaderCarriers>(
  meta: Pick<OperationMeta, 'idempotencyKeyHeader'> & { readonly method?: OperationMeta['method'] },
  init: T,
  key: string | undefined,
  generate: () => string = uuidV4,
  mode: IdempotencyMode = 'auto',
): T {
  const always = mode === 'always' && meta.method !== undefined && KEYED_METHODS.has(meta.method);
  const name = meta.idempotencyKeyHeader ?? (key === undefined && !always ? undefined : DEFAULT_IDEMPOTENCY_HEADER);
  if (name === undefined) return init;

  if (key === undefined) {
    if (hasHeader(init.headers, name) || hasHeader(init.params?.header, name)) return init;
    key = generate();
  }
  const params = init.params && {
    ...init.params,
    header: init.params.header && withoutHeader(init.params.header, name),
  };
  return { ...init, params, headers: { ...withoutHeader(init.headers ?? {}, name), [name]: key } };
}

function hasHeader(headers: Readonly<Record<string, unknown>> | undefined, name: string): boolean {
  if (!headers) return false;
  const lower = name.toLowerCase();
  return Object.entries(headers).some(([k, v]) => k.toLowerCase() === lower && v !== undefined && v !== null);
}

function withoutHeader<V>(headers: Readonly<Record<string, V>>, name: string): Record<string, V> {
  const lower = name.toLowerCase();
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== lower));
}
