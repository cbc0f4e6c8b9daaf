/**
 * Type tests for `credentials`, typed per spec from its security schemes: checked by
 * `tsc --noEmit`, never run. Every `@ts-expect-error` line must not compile.
 */
import { createClient, createSdk, memoryTokenStore, type Credentials, type SdkOptions } from './generated-security/index.js';
import { createSdk as createShopSdk } from '../../generated/v1/index.js';
import type { SdkOptions as RuntimeSdkOptions } from '../../src/index.js';

const baseUrl = 'https://api.example.com';
const tokenStore = memoryTokenStore();

export function accepted(): void {
  createSdk({ baseUrl, auth: { tokenStore }, credentials: { partnerKey: 'k', basicAuth: { username: 'u', password: 'p' } } });
  // Functions, sync or async, for rotating keys.
  createSdk({ baseUrl, credentials: { partnerKey: () => 'k', queryKey: async () => 'q', basicAuth: async () => ({ username: 'u', password: 'p' }) } });
  createClient({ baseUrl, credentials: { cookieKey: 'c', tokenAuth: 't' } });
  const credentials: Credentials = { partnerKey: 'k' };
  const options: SdkOptions = { baseUrl, credentials };
  createSdk(options);
  // Options typed by the runtime (no credentials) fit any generated SDK.
  const plain: RuntimeSdkOptions = { baseUrl };
  createSdk(plain);
  createShopSdk(plain);
}

export function refused(): void {
  // @ts-expect-error a scheme the spec lacks (misspelt)
  createSdk({ baseUrl, credentials: { partnerkey: 'k' } });
  // @ts-expect-error token schemes go through auth.tokenStore, not credentials
  createSdk({ baseUrl, credentials: { bearerAuth: 'token' } });
  // @ts-expect-error Basic needs { username, password }, not a string
  createSdk({ baseUrl, credentials: { basicAuth: 'user:pass' } });
  // @ts-expect-error Basic needs the password too
  createSdk({ baseUrl, credentials: { basicAuth: { username: 'u' } } });
  // @ts-expect-error an API key is a string
  createSdk({ baseUrl, credentials: { partnerKey: 42 } });
  // @ts-expect-error a provider must return the credential's type
  createSdk({ baseUrl, credentials: { partnerKey: async () => ({ username: 'u', password: 'p' }) } });
  // @ts-expect-error the Shop API declares no API-key or Basic scheme: no credentials compile
  createShopSdk({ baseUrl, credentials: { partnerKey: 'k' } });
}
