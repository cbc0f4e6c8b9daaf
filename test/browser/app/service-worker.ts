/**
 * The app shell's service worker, as an offline-capable web app has one: it keeps the page and
 * its script so a reload without a network still starts the app (and with it the offline
 * queue, which then drains when the network returns). Same-origin GETs go to the network first
 * and fall back to the kept copy; the API's requests (another origin) are not touched, so the
 * SDK's own fetch, CORS and caching are what the suite tests.
 */
export {};

// The few service-worker types used, declared here: `/// <reference lib="webworker" />` would
// add the worker globals to the whole project's type-check, beside DOM's.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  readonly location: { readonly origin: string };
  readonly clients: { claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}
declare const self: WorkerScope;

const SHELL = 'tether-shell-v1';
/** What a reload needs: the page and its script. */
const SHELL_FILES = ['/', '/app.js'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((cache) => cache.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  // Control the page that registered it, so the first reload is already served through here.
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(event.request).catch(async () => {
      const kept = await caches.match(event.request, { ignoreSearch: true });
      if (kept) return kept;
      throw new TypeError(`offline and ${url.pathname} is not in the app shell`);
    }),
  );
});
