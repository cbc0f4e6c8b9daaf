/** Shared set-up of the offline queue suites: an SDK over test/server with a queue, signed in as a seed user. */
import { createSdk, manualConnectivity, memoryStorage, memoryTokenStore, type SdkOptions, type StorageAdapter, type TokenStore } from '../../../generated/v1/index.js';
import type { TestServer } from '../../server/index.js';

/** A valid create-order body (a known SKU, so the server accepts it). */
export const orderBody = (sku = 'MUG-LOGO', quantity = 1) => ({
  items: [{ sku, quantity }],
  shippingAddress: { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' },
});

/** One app launch: an SDK with a queue over `storage`, its clock moved only by the test, connectivity set by the test. */
export interface App {
  readonly sdk: ReturnType<typeof createSdk>;
  readonly storage: StorageAdapter;
  readonly tokenStore: TokenStore;
  readonly network: ReturnType<typeof manualConnectivity>;
  readonly errors: unknown[];
  advance(ms: number): void;
}

// Every app launched in a test file, closed after each test by `closeLaunched`: an app left
// open keeps its queue's backoff wakes going on real timers (its clock is the test's, which
// never reaches the entry's time), into the suites that run after it in the same worker.
const launched = new Set<App>();

/** Closes every app `launch` made (their queues' timers and listeners); for `after.each`. */
export async function closeLaunched(): Promise<void> {
  const apps = [...launched];
  launched.clear();
  await Promise.all(apps.map((app) => app.sdk.offline.close()));
}

/** Launches an app signed in as `user` (a seed email) unless `user` is null. */
export function launch(server: TestServer, options: { storage?: StorageAdapter; tokenStore?: TokenStore; user?: string | null; online?: boolean; offline?: NonNullable<SdkOptions['offline']>; extra?: Partial<SdkOptions> } = {}): App {
  let now = Date.now();
  const storage = options.storage ?? memoryStorage();
  const user = options.user === undefined ? 'alice@example.com' : options.user;
  const tokenStore = options.tokenStore ?? memoryTokenStore(user === null ? null : server.tokens.issue(user));
  const network = manualConnectivity(options.online ?? true);
  const errors: unknown[] = [];
  const sdk = createSdk({
    baseUrl: server.url, logLevel: 'off', retry: false, auth: { tokenStore }, storage, connectivity: network,
    clock: { now: () => now, random: () => 0.5 },
    offline: { autoProcess: false, onError: (error) => errors.push(error), ...options.offline },
    ...options.extra,
  });
  const app: App = { sdk, storage, tokenStore, network, errors, advance: (ms) => void (now += ms) };
  launched.add(app);
  return app;
}

/** The values stored under the queue's keys (entries and dead letters). */
export async function storedValues(storage: StorageAdapter): Promise<string[]> {
  const keys = (await storage.getAllKeys()).filter((k) => k.startsWith('tether.offline.') && /\.(q|dead)\./.test(k));
  return Promise.all(keys.map(async (k) => (await storage.getItem(k)) ?? ''));
}

/** The TypeError `promise` rejects with (fails the test when it resolves or rejects otherwise). */
export async function typeError(promise: Promise<unknown>): Promise<TypeError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TypeError) return error;
    throw error;
  }
  throw new Error('expected a TypeError, but it resolved');
}
