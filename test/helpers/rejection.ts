/** Awaiting a call that must fail: with its NetworkError, or a test failure (never a hang). */
import { isNetworkError, type NetworkError } from '../../src/index.js';

/** Resolves with the NetworkError `promise` rejects with; fails if it resolves, rejects otherwise, or hangs past `limitMs`. */
export async function rejection(promise: Promise<unknown>, limitMs = 5000): Promise<NetworkError> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${limitMs} ms`)), limitMs);
  });
  try {
    await Promise.race([promise, limit]);
  } catch (error) {
    if (isNetworkError(error)) return error;
    throw new Error(`expected a NetworkError, got ${String(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  throw new Error('expected the call to reject, but it resolved');
}
