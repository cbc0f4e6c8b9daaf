/**
 * The runtime's public API. Every generated `index.ts` re-exports this module, so app code
 * gets createSdk, the error type and the adapters from one import.
 */
export {
  NetworkError,
  NetworkErrorType,
  isNetworkError,
  type FieldErrors,
  type NetworkErrorJSON,
} from './errors/network-error.js';

export { DEFAULTS, type AuthOptions, type CallOptions, type SdkOptions } from './options.js';
export type { RetryOptions } from './options.js';
export { ATTEMPT_HEADER, REQUEST_ID_HEADER, type RetryContext, type RetryPolicy, type ShouldRetry } from './network/retry.js';
export { RETRY_BUDGET_DEFAULTS, createRetryBudget, type RetryBudget, type RetryBudgetOptions } from './network/retry-budget.js';
export { systemClock, type Clock } from './platform/clock.js';
export type { IdempotencyMode } from './service/idempotency.js';
export type { DeprecationHandler, DeprecationNotice } from './service/deprecation.js';
export type { LogFields, LogLevel, Logger } from './network/types.js';
export { DEFAULT_REDACT_HEADERS, DEFAULT_REDACT_QUERY_PARAMS, REDACTED } from './network/redact.js';
export type { ApiInfo, OperationMethod } from './runtime.js';
export type { EventStream, EventStreamMethod, EventStreamOptions, ReconnectOptions, ServerSentEvent, StreamMode } from './repository/sse/types.js';
export { withAuth } from './auth-wiring.js';
export { withCache } from './repository/cache-wiring.js';
export { withBatch } from './repository/batch/wiring.js';
export {
  createSync, DEFAULT_SYNC_KEY, createPoller, POLLER_DEFAULTS, createSocketSync, operationFeed, cacheInvalidation, SyncCursorExpiredError, SyncCursorStalledError, SyncPageLimitError, isCursorExpired,
  type CacheInvalidationOptions, type ConflictDecision, type FeedFields, type FeedOperation, type FeedPage, type Poller, type PollerOptions, type PullRequest, type RejectReason, type RejectedRecord,
  type Scheduler, type SocketState, type SocketSync, type SocketSyncOptions, type Sync, type SyncBatch, type SyncConflict, type SyncOfflineQueue, type SyncOptions,
  type SyncPull, type SyncResult, type WebSocketConstructor, type WebSocketLike,
} from './repository/sync/index.js';
export { withOffline } from './repository/offline-wiring.js';
export { offlineQueue } from './client.js';
export { OFFLINE_DEFAULTS } from './repository/offline/options.js';
export { CorruptEntryError } from './repository/offline/queue-store.js';
export type {
  DeadLetter, EnqueueOptions, OfflineData, OfflineEntry, OfflineEvents, OfflineInit, OfflineOperationId, OfflineOptions, OfflineQueue,
  OptimisticUpdate, QueuedResult,
} from './repository/offline/types.js';
export { BatchItemMissingError, isBatchItemMissing } from './repository/batch/errors.js';
export type { BatchOption, BatchTuning } from './repository/batch/options.js';
export { CACHE_DEFAULTS } from './repository/cache-options.js';
export type { CacheOptions, CachePolicyOptions, CallCacheOption } from './repository/cache-options.js';
export type { CacheData, CacheInit, CacheOperationId, CacheRollback, CacheSubscription, CacheUpdate, SdkCache } from './repository/sdk-cache.js';
export type { CacheInfo } from './service/method-extras.js';
export type { CacheStrategy } from './repository/cache/types.js';
export { CacheMissError, isCacheMiss } from './repository/cache/cache-miss.js';
/** TanStack Query helpers (docs/tanstack-query.md); the generated `createQueries(sdk)` types them per operation. */
export { tetherQueries } from './repository/query/create-queries.js';
export { TETHER_QUERY_PREFIX } from './repository/query/keys.js';
export { registerMutationsFor, registerTetherMutations, type RegisterMutationsOptions } from './repository/query/register-mutations.js';
export { bridgeTetherCache, CacheBridgeError, type CacheBridge } from './repository/query/cache-bridge.js';
export {
  mutationHelpersFor, OperationKindError, queryHelpersFor,
  type BoundOperation, type OperationClient, type StandaloneOperationLike, type StandaloneQueryHelpers,
} from './repository/query/client-helpers.js';
export type {
  InfiniteQueryHelpers, InitArgs, MutationData, MutationHelpers, MutationVariables, PageQuery, QueryCallOptions, QueryData,
  QueryFunctionContextLike, QueryHelpers, QueryInit, TetherInfiniteQueryKey, TetherInfiniteQueryOptions, TetherMutationKey,
  TetherMutationOptions, TetherQueryKey, TetherQueryOptions, TetherQueryOptionsConfig, TaggedQueryKey, TaggedInfiniteQueryKey,
} from './repository/query/types.js';
export type {
  DataTagErrorKey, DataTagKey, TetherDataTag, TetherInfiniteData, TetherKeyData, TetherKeyError, TetherQueryRegister,
} from './repository/query/data-tag.js';
export type { QueryClientLike, MutationDefaultsTarget } from './repository/query/client-types.js';

export { tokensFromResponse } from './auth/tokens-from-response.js';
export type { RefreshTokens } from './auth/token-manager.js';
export type { RefreshLock } from './auth/refresh-lock.js';
export type { OnSessionExpired, SessionExpiredEvent } from './auth/session.js';
export type { BasicCredentials, Credential, CredentialsOption } from './auth/credentials.js';
export type { ApiKeyLocation, SecurityScheme, SecuritySchemes } from './auth/security-schemes.js';
export {
  DEFAULT_TOKEN_KEY,
  memoryTokenStore,
  storageTokenStore,
  type TokenStore,
  type Tokens,
} from './auth/token-store.js';
/** React Native: the session's tokens in expo-secure-store (Keychain / Keystore); docs/react-native.md. */
export { secureStoreTokenStore, type SecureStoreLike, type SecureStoreTokenStoreOptions } from './auth/secure-store-token-store.js';
export type { FetchLike, Middleware, PlatformFetch, RequestContext, ResolvedCallOptions, CallStats } from './network/types.js';

export { memoryStorage } from './platform/storage/memory-storage.js';
export type { StorageAdapter } from './platform/storage/types.js';
/** Browser and React Native storage adapters; the Node file adapter is `@tether/sdk/storage/node` (docs/storage.md). */
export { INDEXED_DB_STORAGE_DEFAULTS, indexedDbStorage, type IndexedDbStorageOptions } from './platform/storage/indexeddb-storage.js';
export type { IdbFactoryLike } from './platform/storage/idb-types.js';
export { asyncStorageAdapter, type AsyncStorageAdapterOptions, type AsyncStorageLike } from './platform/storage/async-storage-adapter.js';
export { mmkvStorage, type MmkvLike, type MmkvStorageOptions } from './platform/storage/mmkv-storage.js';
export { StorageError, StorageErrorCode, isStorageError, type StorageOperation } from './platform/storage/storage-error.js';
/** Connectivity and foreground adapters (browser, React Native NetInfo/AppState, manual, failure-driven); docs/getting-started-*.md. */
export type { Connectivity, Foreground } from './platform/connectivity/types.js';
export { manualConnectivity, manualForeground } from './platform/connectivity/manual.js';
export { browserConnectivity, type BrowserConnectivityTarget, type NetworkInformationLike } from './platform/connectivity/browser.js';
export { browserForeground, type VisibilityTarget } from './platform/connectivity/browser-foreground.js';
export { appStateForeground, type AppStateLike } from './platform/connectivity/app-state-foreground.js';
export {
  netInfoConnectivity,
  type NetInfoConnectivity,
  type NetInfoConnectivityOptions,
  type NetInfoLike,
  type NetInfoStateLike,
} from './platform/connectivity/netinfo.js';
export {
  FAILURE_AWARE_DEFAULTS,
  failureAwareConnectivity,
  type FailureAwareConnectivity,
  type FailureAwareOptions,
} from './platform/connectivity/failure-aware.js';
export { httpProbe, type HttpProbeOptions } from './platform/connectivity/http-probe.js';

export type {
  HttpMethod,
  OperationArgs,
  OperationData,
  OperationInit,
  OperationMeta,
  OperationSchemas,
  PaginationMeta,
} from './contract/operation.js';
export type { StandardSchemaV1 } from './contract/standard-schema.js';
export type { FieldPath, OperationFieldPath, PageItem } from './contract/operation.js';
export type { Readable, WebhookPayload, Writable } from './contract/operation.js';
export type { WebhookBody, WebhookParser, WebhookResult } from './service/webhook.js';
export type { OperationError, RawResult, SafeResult } from './service/method-extras.js';
export type { PageOptions } from './service/paginate.js';
export type { ValidateMode } from './service/validate.js';
export {
  FORM_ERROR_KEY,
  defaultValidationErrorMapper,
  formatPath,
  type PathSegment,
  type ValidationErrorMapper,
  type ValidationIssue,
} from './errors/field-errors.js';
