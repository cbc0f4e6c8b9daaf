/**
 * Names an operation's standalone function may not take: every generated `index.ts` exports the
 * functions next to its own declarations and the runtime's public API (`export *`), and a
 * clash would either fail to compile or silently hide the runtime's export. An operation that
 * wants one of these is qualified by its tag (`formatPath` → `usersFormatPath`) and warned.
 * test/codegen/reserved-exports.test.ts fails when the runtime gains a value export missing here.
 */

/** What the generated files themselves declare or import at module scope. */
const GENERATED = ['v', 'op', 'OperationMeta', 'paths', 'components', 'operations', 'webhooks', 'api', 'createSdk', 'createClient', 'Sdk', 'Client', 'createQueries', 'Queries'];

/** Value exports of the runtime (`src/index.ts`, `src/runtime.ts`, `src/client.ts`). */
export const RUNTIME_VALUE_EXPORTS = [
  'NetworkError', 'NetworkErrorType', 'isNetworkError', 'DEFAULTS', 'ATTEMPT_HEADER', 'REQUEST_ID_HEADER',
  'RETRY_BUDGET_DEFAULTS', 'createRetryBudget', 'systemClock', 'DEFAULT_REDACT_HEADERS', 'DEFAULT_REDACT_QUERY_PARAMS',
  'REDACTED', 'tokensFromResponse', 'DEFAULT_TOKEN_KEY', 'memoryTokenStore', 'storageTokenStore', 'secureStoreTokenStore', 'memoryStorage',
  'FORM_ERROR_KEY', 'defaultValidationErrorMapper', 'formatPath', 'createRuntime', 'defineWebhook',
  'createOperationClient', 'defineOperation', 'definePagedOperation', 'defineEventStream', 'createCallCore', 'rawCall', 'safeCall', 'operationItems',
  'operationPages', 'mediaBodies', 'styledParams', 'INDEXED_DB_STORAGE_DEFAULTS', 'indexedDbStorage', 'asyncStorageAdapter', 'mmkvStorage', 'StorageError',
  'StorageErrorCode', 'isStorageError', 'withAuth', 'withCache', 'CACHE_DEFAULTS', 'CacheMissError', 'isCacheMiss',
  'withBatch', 'BatchItemMissingError', 'isBatchItemMissing', 'withOffline', 'OFFLINE_DEFAULTS', 'CorruptEntryError', 'offlineQueue',
  'manualConnectivity', 'manualForeground', 'browserConnectivity', 'browserForeground', 'appStateForeground', 'netInfoConnectivity',
  'FAILURE_AWARE_DEFAULTS', 'failureAwareConnectivity', 'httpProbe', 'tetherQueries', 'TETHER_QUERY_PREFIX', 'registerTetherMutations',
  'bridgeTetherCache', 'CacheBridgeError', 'queryHelpersFor', 'mutationHelpersFor', 'OperationKindError', 'registerMutationsFor',
  'createSync', 'DEFAULT_SYNC_KEY', 'createPoller', 'POLLER_DEFAULTS', 'createSocketSync', 'operationFeed', 'cacheInvalidation', 'SyncCursorExpiredError',
  'SyncPageLimitError', 'SyncCursorStalledError', 'isCursorExpired',
];

/** Every name a standalone operation function may not be exported as. */
export const RESERVED_EXPORTS: readonly string[] = [...GENERATED, ...RUNTIME_VALUE_EXPORTS];
