/**
 * URLs end up in error messages, logs and crash reports, so strip what may be secret:
 * user:password, every query value (tokens and emails travel there), and the fragment.
 */

const REDACTED = 'REDACTED';

/** Returns `url` with credentials and fragment removed and each query value replaced. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not absolute (e.g. a path template before a request existed): redact by hand.
    const [beforeHash = ''] = url.split('#');
    const [path = '', query] = beforeHash.split('?');
    return query === undefined ? path : `${path}?${redactQuery(query)}`;
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const query = parsed.search.slice(1);
  // Rebuild by hand instead of URLSearchParams so key order and encoding stay as sent.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}${query ? `?${redactQuery(query)}` : ''}`;
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq === -1 ? pair : `${pair.slice(0, eq)}=${REDACTED}`;
    })
    .join('&');
}
