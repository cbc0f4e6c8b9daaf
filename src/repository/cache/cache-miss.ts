/**
 * What `cache-only` rejects with when nothing usable is stored: a NetworkError of type
 * NOT_FOUND (so apps that already handle "not there" need nothing new) with `status`
 * undefined and a CacheMissError as its `cause`, which tells it apart from a server's 404.
 */
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';

/** The cause of a cache-only miss; `reason` says whether nothing was stored or it was too stale. */
export class CacheMissError extends Error {
  override readonly name = 'CacheMissError';
  readonly code = 'CACHE_MISS';

  constructor(readonly reason: 'absent' | 'too-stale') {
    super(reason === 'absent' ? 'Nothing stored for this request' : 'The stored response is too stale to serve without the network');
  }
}

/** The NetworkError of a cache-only miss for `method url`. */
export function cacheMissError(method: string, url: string, reason: CacheMissError['reason']): NetworkError {
  return new NetworkError({
    type: NetworkErrorType.NOT_FOUND,
    summary: reason === 'absent' ? 'Not in the cache (cache-only)' : 'Only a too-stale copy is cached (cache-only)',
    method,
    url,
    cause: new CacheMissError(reason),
  });
}

/** True when `error` is a cache-only miss rather than a server's 404. */
export function isCacheMiss(error: unknown): boolean {
  return error instanceof NetworkError && error.type === NetworkErrorType.NOT_FOUND && (error.cause as { code?: unknown } | undefined)?.code === 'CACHE_MISS';
}
