/**
 * URLs end up in error messages, logs and crash reports, so strip what may be secret:
 * user:password, every query value (tokens and emails travel there), and the fragment.
 */

import { redactCredentials } from './redact-credentials.js';

export { redactCredentials };

const REDACTED = 'REDACTED';

/** Returns `url` with credentials and fragment removed and each query value replaced. */
export function redactUrl(url: string): string {
  return redactUrlWith(url, () => true, REDACTED);
}

/**
 * `url` with user:password and the fragment removed and the values of the query parameters
 * `isSecret` picks (given the name as written) replaced by `mask`. NetworkError masks every
 * value; the log keeps the harmless ones readable.
 */
export function redactUrlWith(url: string, isSecret: (name: string) => boolean, mask: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not absolute (e.g. a path template before a request existed): redact by hand.
    const [beforeHash = ''] = url.split('#');
    const [path = '', query] = beforeHash.split('?');
    return query === undefined ? path : `${path}?${redactQuery(query, isSecret, mask)}`;
  }
  const query = parsed.search.slice(1);
  // Rebuild by hand instead of URLSearchParams so key order and encoding stay as sent; leaving
  // out username, password and hash drops them.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query ? `?${redactQuery(query, isSecret, mask)}` : ''}`;
}

/**
 * Masks what may be secret inside free text such as a platform's error message (undici quotes
 * a rejected URL with its credentials, or a rejected header value): every URL as `redactUrl`
 * does, plus `redactCredentials`.
 */
export function redactText(text: string): string {
  return redactCredentials(text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => redactUrl(url)), REDACTED);
}

function redactQuery(query: string, isSecret: (name: string) => boolean, mask: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 || !isSecret(pair.slice(0, eq)) ? pair : `${pair.slice(0, eq)}=${mask}`;
    })
    .join('&');
}
