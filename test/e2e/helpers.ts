/** Shared setup for end-to-end suites: the reference server and a signed-in SDK. */
import { createSdk, memoryTokenStore, type Sdk, type SdkOptions, type TokenStore } from '../../generated/v1/index.js';
import { startServer, type TestServer } from '../server/index.js';

export const PASSWORD = 'password123';

/** Signs `email` in through the SDK itself and returns an SDK whose store holds the tokens. */
export async function signedInSdk(
  server: TestServer,
  email = 'alice@example.com',
  extra: Partial<SdkOptions> = {},
): Promise<{ sdk: Sdk; tokenStore: TokenStore }> {
  const tokenStore = memoryTokenStore();
  // Failures are provoked on purpose here; logging itself is tested in test/network/logging.test.ts.
  const sdk = createSdk({ baseUrl: server.url, auth: { tokenStore }, logLevel: 'off', ...extra });
  // The login operation stores its tokens itself (docs/auth.md).
  await sdk.auth.login({ body: { email, password: PASSWORD } });
  return { sdk, tokenStore };
}

export { startServer, type TestServer };
