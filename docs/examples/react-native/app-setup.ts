/**
 * A React Native app's whole setup, once at module scope so every screen shares one SDK (and
 * so one token refresh): the two polyfills Hermes needs, tokens in SecureStore, the cache and
 * the offline queue in MMKV, connectivity from NetInfo (docs/react-native.md).
 */
// First, before anything uses them: Hermes has no crypto.getRandomValues (request ids,
// idempotency keys) and React Native's own URL is partial (URL.hostname throws).
import 'react-native-get-random-values';
import 'react-native-url-polyfill/auto';

import NetInfo from '@react-native-community/netinfo';
import * as SecureStore from 'expo-secure-store';
import { createMMKV } from 'react-native-mmkv';
import { createSdk, isNetworkError, mmkvStorage, netInfoConnectivity, secureStoreTokenStore } from '@tether/sdk/v1';

export const sdk = createSdk({
  baseUrl: 'https://api.example.com/v1',
  auth: { tokenStore: secureStoreTokenStore(SecureStore, { key: 'shop.session' }) },
  storage: mmkvStorage(createMMKV({ id: 'tether' })),
  connectivity: netInfoConnectivity(NetInfo),
  cache: {},
  offline: {},
});

/** The signed-in user's email, or why not. */
export async function whoAmI(): Promise<string> {
  try {
    return (await sdk.users.getMe()).email;
  } catch (error) {
    if (isNetworkError(error) && error.type === 'UNAUTHORIZED') return 'signed out';
    throw error;
  }
}
