/**
 * In-memory storage: the default where nothing must survive a restart, and the reference
 * implementation of StorageAdapter for tests. Each call makes its own map (no shared state).
 */
import type { StorageAdapter } from './types.js';

/** A StorageAdapter backed by a Map that lives as long as the returned object. */
export function memoryStorage(): StorageAdapter {
  const items = new Map<string, string>();
  return {
    async getItem(key) {
      return items.get(key) ?? null;
    },
    async setItem(key, value) {
      // Same contract as AsyncStorage: values are strings; refuse anything else loudly.
      if (typeof value !== 'string') throw new TypeError(`memoryStorage: value for "${key}" must be a string`);
      items.set(key, value);
    },
    async removeItem(key) {
      items.delete(key);
    },
    async getAllKeys() {
      return [...items.keys()];
    },
  };
}
