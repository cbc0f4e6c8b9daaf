/** A RequestContext for unit-testing one middleware alone. */
import type { RequestContext } from '../../../src/network/types.js';
import type { OperationMeta } from '../../../src/contract/operation.js';
import { meta as makeMeta } from './meta.js';

export function context(
  overrides: { meta?: Partial<OperationMeta>; timeoutMs?: number; signal?: AbortSignal } = {},
): RequestContext {
  return {
    meta: makeMeta(overrides.meta),
    options: { timeoutMs: overrides.timeoutMs ?? 1000, idempotencyKey: undefined },
    signal: overrides.signal,
    attempt: 1,
    stats: { attempts: 0 },
  };
}
