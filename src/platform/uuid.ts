/**
 * RFC 9562 version 4 UUIDs for idempotency keys and request ids. Keys must be unguessable and
 * unique across devices, so they come from the platform CSPRNG; Math.random is never a
 * fallback.
 *
 * This runs on every call (the request id), so it is made cheap: where the platform has Web
 * Crypto's `randomUUID` (Node, modern browsers) that is used, as it is CSPRNG-backed and
 * batches its entropy; elsewhere (React Native polyfills) random bytes are drawn from
 * getRandomValues in batches of POOL_IDS ids, since each getRandomValues call is a trip to
 * native code that costs far more than formatting, and formatting goes through a byte → hex
 * table built on first use.
 */

/** Anything with Web Crypto's getRandomValues (globalThis.crypto, a React Native polyfill). */
export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
  /** Web Crypto's own v4 generator, used when present. */
  randomUUID?: (() => string) | undefined;
}

// 64 ids per native call: the cost of the call is spread, and 1 KiB of unused CSPRNG output is
// all that sits in memory (the same trade the `uuid` package makes).
const POOL_IDS = 64;
let HEX: string[] | undefined;
let pool: Uint8Array | undefined;
let poolSource: RandomSource | undefined;
let offset = 0;

/** A random UUID v4 string, e.g. `3b241101-e2bb-4255-8caf-4136c566a962`. */
export function uuidV4(random: RandomSource | undefined = globalThis.crypto): string {
  if (typeof random?.getRandomValues !== 'function') {
    throw new Error('Tether: crypto.getRandomValues is unavailable; install a polyfill such as react-native-get-random-values');
  }
  if (typeof random.randomUUID === 'function') return random.randomUUID();
  // A different source (a polyfill installed later, a test's) starts a fresh pool from it.
  if (pool === undefined || poolSource !== random || offset >= pool.length) {
    pool = random.getRandomValues(new Uint8Array(16 * POOL_IDS));
    poolSource = random;
    offset = 0;
  }
  const b = pool;
  const o = offset;
  offset += 16;
  b[o + 6] = ((b[o + 6] as number) & 0x0f) | 0x40; // version 4
  b[o + 8] = ((b[o + 8] as number) & 0x3f) | 0x80; // variant 10xx
  const h = (HEX ??= Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16)));
  const x = (i: number) => h[b[o + i] as number] as string;
  return (
    x(0) + x(1) + x(2) + x(3) + '-' + x(4) + x(5) + '-' + x(6) + x(7) + '-' + x(8) + x(9) + '-' +
    x(10) + x(11) + x(12) + x(13) + x(14) + x(15)
  );
}
