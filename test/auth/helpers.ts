/** Shared setup for the auth suites: the reference server and SDKs signed in through login. */
import { createSdk, memoryTokenStore, type Sdk, type SdkOptions, type TokenStore } from '../../generated/v1/index.js';
import type { TestServer } from '../server/index.js';

export const ALICE = { email: 'alice@example.com', password: 'password123' } as const;

/** Retries without waiting, so refresh retries (503, resets) run in test time. */
export const instantClock = { sleep: async () => {}, random: () => 0.5 } as const;

/** An SDK over `server` with `auth` on the given store (a fresh one by default). */
export function authSdk(server: TestServer, extra: Partial<SdkOptions> & { tokenStore?: TokenStore; authExtra?: Partial<NonNullable<SdkOptions['auth']>> } = {}) {
  const { tokenStore = memoryTokenStore(), authExtra, ...rest } = extra;
  const sdk: Sdk = createSdk({ baseUrl: server.url, auth: { tokenStore, ...authExtra }, logLevel: 'off', clock: instantClock, ...rest });
  return { sdk, tokenStore };
}

/** Requests the server saw for `path` (query ignored). */
export function hits(server: TestServer, method: string, path: string) {
  return server.requests.filter((r) => r.method === method && r.path === path);
}

export { recorder } from '../helpers/log-recorder.js';
