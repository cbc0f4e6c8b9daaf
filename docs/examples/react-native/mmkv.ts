/**
 * The SDK's persistent storage in MMKV (react-native-mmkv v4: `createMMKV`; v2/v3's
 * `new MMKV()` works the same). A dedicated instance keeps Tether's keys apart from the app's.
 */
import { createMMKV } from 'react-native-mmkv';
import { createSdk, mmkvStorage } from '@tether/sdk/v1';

export const mmkv = createMMKV({ id: 'tether' });
export const storage = mmkvStorage(mmkv);

export const sdk = createSdk({ baseUrl: 'https://api.example.com/v1', storage, cache: {} });
