/** Every review rule, in report order (security first, then reliability, then architecture). */
import type { Rule } from '../rule.js';
import { apiKeyInQuery } from './api-key-in-query.js';
import { bearerRefresh } from './bearer-refresh.js';
import { cacheOff } from './cache-off.js';
import { cacheValidators } from './cache-validators.js';
import { errorSchemas } from './error-schemas.js';
import { idempotencyKey } from './idempotency-key.js';
import { insecureTransport } from './insecure-transport.js';
import { listPagination } from './list-pagination.js';
import { mutationSecurity } from './mutation-security.js';
import { offlineQueue } from './offline-queue.js';
import { operationId } from './operation-id.js';
import { rateLimit } from './rate-limit.js';
import { retryDisabled } from './retry-disabled.js';
import { syncFeed } from './sync-feed.js';
import { timeoutPatience } from './timeout-patience.js';
import { tokenStorage } from './token-storage.js';
import { unboundedResponse } from './unbounded-response.js';
import { validateOff } from './validate-off.js';

export const RULES: ReadonlyArray<Rule> = [
  insecureTransport,
  apiKeyInQuery,
  tokenStorage,
  mutationSecurity,
  bearerRefresh,
  idempotencyKey,
  retryDisabled,
  timeoutPatience,
  rateLimit,
  listPagination,
  unboundedResponse,
  offlineQueue,
  syncFeed,
  errorSchemas,
  validateOff,
  cacheOff,
  cacheValidators,
  operationId,
];
