/**
 * What the page's app puts on `window.tether` for the browser suite to drive with
 * page.evaluate. Plain, structured-cloneable values only: everything crosses the DevTools
 * protocol. Shared by the app (app/main.ts) and the tests, so both agree on one shape.
 */

/** A failed call as the page saw it: the NetworkError's stable fields. */
export interface CallFailure {
  readonly ok: false;
  readonly type: string;
  readonly status: number | undefined;
  readonly name: string;
}

/** A call's outcome, never a thrown error (which would lose its fields crossing the protocol). */
export type CallOutcome<T> = { readonly ok: true; readonly value: T } | CallFailure;

/** One GET /orders/{id} as the page saw it. */
export interface OrderRead {
  readonly id: string;
  readonly status: string;
  /** Where the cache says the answer came from; undefined when the cache was not used. */
  readonly source: 'network' | 'cache' | 'revalidated' | undefined;
}

/** Connectivity as the page sees it. */
export interface PageConnectivity {
  /** `navigator.onLine`. */
  readonly navigatorOnLine: boolean;
  /** The SDK's connectivity adapter's belief; undefined while the page has none. */
  readonly adapterOnline: boolean | undefined;
  /** `online`/`offline` window events since the page loaded, in order. */
  readonly events: readonly string[];
}

/** What `{ offline: 'queue' }` gave: queued (the entry id), or sent at once (the new order's id). */
export type QueueOutcome = { readonly queued: true; readonly entryId: string } | { readonly queued: false; readonly orderId: string };

/** One entry of `sdk.offline.pending()`, reduced to what the suite checks. */
export interface PendingEntry {
  readonly id: string;
  readonly operation: string;
  readonly idempotencyKey: string | undefined;
}

/** One raw record of the page's IndexedDB (database 'tether', store 'kv'), read without the SDK. */
export interface StoredRecord {
  readonly key: string;
  readonly value: string;
}

/** One event the page's SSE stream delivered. */
export interface StreamEventSeen {
  readonly id: string | undefined;
  readonly event: string;
  readonly orderId: string;
}

/** The page's SSE stream (sdk.events.streamEvents) as the page sees it. */
export interface StreamState {
  readonly events: readonly StreamEventSeen[];
  /** Connections the stream opened so far (reconnects included). */
  readonly connections: number;
  readonly lastEventId: string | undefined;
  /** The error the iteration ended with (its NetworkError type, else its name), if any. */
  readonly error: string | undefined;
  readonly ended: boolean;
}

/** The app's API on `window.tether`. */
export interface BrowserApp {
  /** The page's origin, for checks that the API is another one. */
  readonly origin: string;
  /** The API's base URL the SDK was made with. */
  readonly apiUrl: string;
  /** sdk.auth.login; the tokens land in the shared IndexedDB token store. */
  signIn(email: string, password: string): Promise<CallOutcome<null>>;
  /** sdk.users.getMe: the signed-in user's id. */
  me(): Promise<CallOutcome<string>>;
  /** sdk.orders.getOrder through .raw, with the cache's verdict. */
  getOrder(id: string): Promise<CallOutcome<OrderRead>>;
  /** sdk.orders.createOrder, sent now: the new order's id. */
  createOrder(sku: string, quantity: number): Promise<CallOutcome<string>>;
  /** Connectivity as the page and the SDK see it. */
  connectivity(): PageConnectivity;
  /** sdk.orders.createOrder with `{ offline: 'queue' }`. */
  queueOrder(sku: string, quantity: number): Promise<CallOutcome<QueueOutcome>>;
  /** sdk.offline.pending(). */
  pending(): Promise<PendingEntry[]>;
  /** The offline queue's events since the page loaded (`queued`, `sent`, `failed`, `expired`, `drained`). */
  offlineEvents(): string[];
  /** Every record of the SDK's IndexedDB store, read with the raw IndexedDB API. */
  storedRecords(): Promise<StoredRecord[]>;
  /** Resolves once the app shell's service worker controls the page (offline reloads work). */
  shellReady(): Promise<boolean>;
  /** Opens sdk.events.streamEvents and iterates it in the background (one stream per page). */
  openStream(): void;
  /** What the stream has delivered so far. */
  streamState(): StreamState;
  /** Ends the stream (`close()`). */
  closeStream(): void;
}

declare global {
  interface Window {
    /** Set once the app has created its SDK. */
    tether?: BrowserApp;
  }
}
