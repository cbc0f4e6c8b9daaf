/** Incremental sync, polling and WebSocket push (docs/sync.md); SSE lives in ./sse/. */
export { createSync, DEFAULT_SYNC_KEY } from './create-sync.js';
export { createPoller, POLLER_DEFAULTS, type Poller, type PollerOptions } from './poller.js';
export { createSocketSync, type SocketState, type SocketSync, type SocketSyncOptions, type WebSocketConstructor, type WebSocketLike } from './socket-sync.js';
export { cacheInvalidation, type CacheInvalidationOptions } from './cache-invalidation.js';
export { operationFeed, type FeedFields, type FeedOperation } from './feed.js';
export { SyncCursorExpiredError, SyncCursorStalledError, SyncPageLimitError, isCursorExpired } from './errors.js';
export { systemScheduler, type Scheduler } from './scheduler.js';
export type {
  ConflictDecision, FeedPage, PullRequest, RejectReason, RejectedRecord, Sync, SyncBatch, SyncConflict, SyncOfflineQueue, SyncOptions, SyncPull, SyncResult,
} from './types.js';
