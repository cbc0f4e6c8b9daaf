/**
 * RFC 9562 version 4 UUIDs for idempotency keys. Keys must be unguessable and unique across
 * devices, so they come from the platform CSPRNG; Math.random is never a fallback.
 */

/** Anything with Web Crypto's getRandomValues (globalThis.crypto, a React Native polyfill). */
export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

/** A random UUID v4 string, e.g. `3b241101-e2bb-4255-8caf-4136c566a962`. */
export function uuidV4(random: RandomSource | undefined = globalThis.crypto): string {
  if (typeof random?.getRandomValues !== 'function') {
    throw new Error('Tether: crypto.getRandomValues is unavailable; install a polyfill such as react-native-get-random-values');
  }
  const bytes = random.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // variant 10xx
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
