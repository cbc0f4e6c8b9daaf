/**
 * The storage shape every adapter speaks: React Native's AsyncStorage (and MMKV wrappers) fit
 * it as they are, so apps pass their own instance straight in.
 */

/** Async string key/value storage in AsyncStorage's shape. */
export interface StorageAdapter {
  /** The stored string, or null when the key is absent. */
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  /** Removing an absent key is not an error. */
  removeItem(key: string): Promise<void>;
  getAllKeys(): Promise<ReadonlyArray<string>>;
}
