/**
 * Turns a token endpoint's answer into stored Tokens. `expiresAt` is computed from the
 * relative `expires_in` and the moment the request was *sent*, both on the device's clock:
 * the app later compares `expiresAt` with that same clock, so a device clock that is minutes
 * off cancels out (an absolute expiry from the server would not). Using the send time rather
 * than the receipt time errs early by the round trip, never late.
 */
import type { Tokens } from './token-store.js';

/**
 * Reads `accessToken`/`access_token`, `refreshToken`/`refresh_token` and
 * `expiresIn`/`expires_in` (seconds) from a token response body. Returns null when the body
 * carries no access token. `previous` supplies the refresh token when a server does not
 * rotate it (omits it from the refresh answer).
 */
export function tokensFromResponse(body: unknown, sentAt: number, previous?: Tokens | null): Tokens | null {
  if (typeof body !== 'object' || body === null) return null;
  const fields = body as Record<string, unknown>;
  const accessToken = fields['accessToken'] ?? fields['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') return null;
  const refreshToken = fields['refreshToken'] ?? fields['refresh_token'];
  const expiresIn = fields['expiresIn'] ?? fields['expires_in'];
  return Object.freeze({
    accessToken,
    refreshToken: typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : previous?.refreshToken,
    expiresAt: typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn >= 0 ? sentAt + expiresIn * 1000 : undefined,
  });
}
