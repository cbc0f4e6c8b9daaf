/**
 * Type tests for `withAuth` (src/auth-wiring.ts): checked by `tsc --noEmit` in `npm test`, never
 * run. It hands createClient the same options type it was given, so every option keeps its
 * checks; each `@ts-expect-error` line must not compile.
 */
import { createClient, memoryTokenStore, withAuth, type Client, type SdkOptions } from '../../generated/v1/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <T extends true>(): T => true as T;

export function withAuthKeepsTheOptionsType(options: SdkOptions): Client {
  expectType<Equal<ReturnType<typeof withAuth<SdkOptions>>, SdkOptions>>();
  return createClient(withAuth(options));
}

export function wrongOptionsStillFail(): void {
  createClient(withAuth({ baseUrl: 'https://api.example.com', auth: { tokenStore: memoryTokenStore() }, timeoutMs: 5_000 }));
  // @ts-expect-error timeoutMs is a number
  createClient(withAuth({ baseUrl: 'https://api.example.com', timeoutMs: 'soon' }));
  // @ts-expect-error baseUrl is required
  createClient(withAuth({ auth: { tokenStore: memoryTokenStore() } }));
}
