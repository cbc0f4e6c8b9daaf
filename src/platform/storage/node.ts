/**
 * `@tether/sdk/storage/node`: the storage adapters that need Node built-ins. Kept out of the
 * main entry (src/index.ts) so the browser and React Native builds never see node:fs.
 */
export { FILE_STORAGE_DEFAULTS, fileStorage, type FileStorageOptions } from './file-storage.js';
export { StorageError, StorageErrorCode, isStorageError, type StorageOperation } from './storage-error.js';
export type { StorageAdapter } from './types.js';
