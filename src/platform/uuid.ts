/**
 * RFC 9562 version 4 UUIDs for idempotency keys and request ids. Keys must be unguessable and
 * unique across devices, so they come from the platform CSPRNG; Math.random is never a
 * fallback. Formatting goes through a byte → hex table built on first use: this runs once per
 * call, so it avoids the array and string padding a generic formatter allocates.
 */

/** Anything with Web Crypto's getRandomValues (globalThis.crypto, a React Native polyfill). */
export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

let HEX: string[] | undefined;

/** A random UUID v4 string, e.g. `3b241101-e2bb-4255-8caf-4136c566a962`. */
export function uuidV4(random: RandomSource | undefined = globalThis.crypto): string {
  if (typeof random?.getRandomValues !== 'function') {
    throw new Error('Tether: crypto.getRandomValues is unavailable; install a polyfill such as react-native-get-random-values');
  }
  const b = random.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] as number) & 0x0f) | 0x40; // version 4
  b[8] = ((b[8] as number) & 0x3f) | 0x80; // variant 10xx
  const h = (HEX ??= Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16)));
  const x = (i: number) => h[b[i] as number] as string;
  return (
    x(0) + x(1) + x(2) + x(3) + '-' + x(4) + x(5) + '-' + x(6) + x(7) + '-' + x(8) + x(9) + '-' +
    x(10) + x(11) + x(12) + x(13) + x(14) + x(15)
  );
}
