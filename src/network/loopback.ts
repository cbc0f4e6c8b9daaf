/**
 * Loopback hosts never leave the device, so plain http to them cannot be sniffed on the way:
 * the one place http is allowed without `allowInsecureHttp` (local dev servers, emulators).
 */

/** True when `url`'s host is 127.0.0.0/8, ::1 or localhost. */
export function isLoopbackUrl(url: URL): boolean {
  // URL has already normalised IPv4 shorthand ("127.1" → "127.0.0.1") and brackets IPv6.
  const host = url.hostname.toLowerCase();
  if (host === 'localhost' || host === 'localhost.') return true;
  if (host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** True when `url` may be requested: https, or http to loopback, or http when allowed. */
export function isSecureOrAllowed(url: URL, allowInsecureHttp: boolean): boolean {
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  return allowInsecureHttp || isLoopbackUrl(url);
}
