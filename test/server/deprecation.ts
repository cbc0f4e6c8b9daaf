/**
 * RFC 9745 `Deprecation` and RFC 8594 `Sunset` headers for operations the server is phasing out,
 * with a `Link rel="deprecation"` to the migration notes (RFC 9745 §3).
 */

/** Headers for an operation deprecated at `since` and removed at `sunset` (both epoch ms). */
export function deprecationHeaders(since: number, sunset: number, doc: string): Record<string, string> {
  return {
    deprecation: `@${Math.floor(since / 1000)}`,
    sunset: new Date(sunset).toUTCString(),
    link: `<${doc}>; rel="deprecation"`,
  };
}

/** v1 `batchGetUsers`: deprecated since 2025-06-01, gone with v1 on 2026-06-01 (v2 drops it). */
export const BATCH_GET_USERS_DEPRECATION = deprecationHeaders(Date.UTC(2025, 5, 1), Date.UTC(2026, 5, 1), 'https://developer.shop.example.com/changelog#v2-batch-get-users');

/** v2 `getUser`: deprecated since 2025-09-01, sunset 2026-09-01. */
export const GET_USER_DEPRECATION = deprecationHeaders(Date.UTC(2025, 8, 1), Date.UTC(2026, 8, 1), 'https://developer.shop.example.com/changelog#v2-get-user');
