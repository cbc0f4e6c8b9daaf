/**
 * The SDK's persistent storage (HTTP cache, offline queue) in AsyncStorage
 * (@react-native-async-storage/async-storage). The store is passed as it is; the wrapper adds
 * per-key ordering, a key prefix and typed StorageErrors (docs/storage.md).
 */
import AsyncStorage, { createAsyncStorage } from '@react-native-async-storage/async-storage';
import { asyncStorageAdapter, createSdk, isStorageError } from '@tether/sdk/v1';

// The app-wide store is shared with every other library: give Tether its own prefix.
export const storage = asyncStorageAdapter(AsyncStorage, { prefix: 'tether:' });

// Or, with AsyncStorage v3, a database of its own (no prefix needed, getAllKeys lists only ours).
export const ownDatabase = asyncStorageAdapter(createAsyncStorage('tether'));

export const sdk = createSdk({ baseUrl: 'https://api.example.com/v1', storage, cache: {} });

/** Storage failures are typed: branch on `code`, never on the message. */
export async function remember(key: string, value: string): Promise<boolean> {
  try {
    await storage.setItem(key, value);
    return true;
  } catch (error) {
    if (isStorageError(error) && error.code === 'QUOTA_EXCEEDED') return false;
    throw error;
  }
}
