/**
 * The page's app: what a web team writes with the SDK, bundled by esbuild from the generated v1
 * SDK (test/browser/harness/app-bundle.ts). It creates one SDK on load, with its tokens, cache
 * and offline queue in IndexedDB as a web app keeps them, so another tab or a reload shares
 * them, the browser's connectivity and page visibility, and the app shell's service worker;
 * and puts a small API on `window.tether` (app/api.ts) for the suite to drive.
 *
 * The page's URL configures it: `?header=<name>` adds a static header to every call (the CORS
 * test's header the server does not allow); `?retries=<n>` sets the retry count.
 */
import {
  browserConnectivity, browserForeground, createSdk, indexedDbStorage, isNetworkError, storageTokenStore, type Sdk,
} from '../../../generated/v1/index.js';
import type { BrowserApp, CallOutcome } from './api.js';
import { idbRecords } from './idb-records.js';
import { registerShell, shellReady } from './shell.js';
import { pageStream } from './stream.js';

const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };

/** The API's base URL, written into the page by the page server. */
function apiUrl(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="tether-api"]');
  if (!meta?.content) throw new Error('the page has no <meta name="tether-api">');
  return meta.content;
}

/** Runs a call, turning a NetworkError into its fields (an Error would lose them crossing the protocol). */
async function outcome<T>(call: () => Promise<T>): Promise<CallOutcome<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    if (!isNetworkError(error)) throw error;
    return { ok: false, type: error.type, status: error.status, name: error.name };
  }
}

function start(): void {
  const events: string[] = [];
  window.addEventListener('online', () => events.push('online'));
  window.addEventListener('offline', () => events.push('offline'));

  const params = new URL(location.href).searchParams;
  const extraHeader = params.get('header');
  const retries = params.get('retries');
  const storage = indexedDbStorage();
  const baseUrl = apiUrl();
  const connectivity = browserConnectivity();
  const sdk: Sdk = createSdk({
    baseUrl,
    auth: { tokenStore: storageTokenStore(storage) },
    cache: { storage },
    storage,
    connectivity,
    foreground: browserForeground(),
    offline: {},
    logLevel: 'off',
    ...(extraHeader ? { headers: { [extraHeader]: '1' } } : {}),
    ...(retries ? { retry: { maxRetries: Number(retries) } } : {}),
  });

  const app: BrowserApp = {
    origin: location.origin,
    apiUrl: baseUrl,
    signIn: (email, password) => outcome(async () => {
      await sdk.auth.login({ body: { email, password } });
      return null;
    }),
    me: () => outcome(async () => (await sdk.users.getMe()).id),
    getOrder: (id) => outcome(async () => {
      const { data, cache } = await sdk.orders.getOrder.raw({ params: { path: { orderId: id } } });
      return { id: data.id, status: data.status, source: cache?.source };
    }),
    createOrder: (sku, quantity) => outcome(async () => (await sdk.orders.createOrder({ body: { items: [{ sku, quantity }], shippingAddress: address } })).id),
    connectivity: () => ({ navigatorOnLine: navigator.onLine, adapterOnline: connectivity.isOnline(), events: [...events] }),
    queueOrder: (sku, quantity) => outcome(async () => {
      const result = await sdk.orders.createOrder({ body: { items: [{ sku, quantity }], shippingAddress: address } }, { offline: 'queue' });
      return 'queued' in result ? { queued: true as const, entryId: result.id } : { queued: false as const, orderId: result.id };
    }),
    pending: async () => (await sdk.offline.pending()).map(({ id, operation, idempotencyKey }) => ({ id, operation, idempotencyKey })),
    offlineEvents: () => [...offlineEvents],
    storedRecords: idbRecords,
    shellReady,
    openStream: () => stream.open(),
    streamState: () => stream.state(),
    closeStream: () => stream.close(),
  };
  const stream = pageStream(sdk);
  const offlineEvents: string[] = [];
  for (const name of ['queued', 'sent', 'failed', 'expired', 'drained'] as const) sdk.offline.on(name, () => offlineEvents.push(name));
  registerShell();
  window.tether = app;
}

start();
