/**
 * The session's tokens in expo-secure-store (Keychain on iOS, Keystore on Android), the one
 * thing worth keeping there: SecureStore lists no keys, so it is a TokenStore, not a
 * StorageAdapter. The module namespace is passed as it is; its options reach every call.
 */
import * as SecureStore from 'expo-secure-store';
import { createSdk, isStorageError, secureStoreTokenStore } from '@tether/sdk/v1';

export const tokenStore = secureStoreTokenStore(SecureStore, {
  key: 'shop.session',
  // Readable by background tasks after the first unlock, never restored to another device.
  storeOptions: { keychainAccessible: SecureStore.AFTER_FIRST_UNLOCK_THIS_DEVICE_ONLY },
});

export const sdk = createSdk({
  baseUrl: 'https://api.example.com/v1',
  auth: { tokenStore, onSessionExpired: () => console.info('signed out') },
});

/**
 * A failed read is not a sign-out (a locked keychain refuses reads). When the entry can never be
 * read again (Android after a backup restore cannot decrypt it), drop it and sign in afresh.
 */
export async function signedIn(): Promise<boolean> {
  try {
    return (await tokenStore.get()) !== null;
  } catch (error) {
    if (!isStorageError(error)) throw error;
    await tokenStore.set(null).catch(() => undefined);
    return false;
  }
}
