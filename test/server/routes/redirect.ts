/**
 * /__redirect: answers 307 to `?to=<absolute URL>`, carrying every other query parameter of
 * the request over to the target, as path-normalising gateways do. Outside the spec, for the
 * wire tests of credentials on redirects (a hop to another origin must not carry any).
 *
 *   ANY /__redirect[/<anything>]?to=<url>[&…]  → 307, Location: <url> + the other parameters
 *   without `to` (or with one that is not an absolute http URL) → 400
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Handles one /__redirect request. */
export function handleRedirect(req: IncomingMessage, res: ServerResponse): void {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  const pairs = q === -1 ? [] : raw.slice(q + 1).split('&').filter(Boolean);
  const toPair = pairs.find((pair) => pair.startsWith('to='));
  let target: URL | undefined;
  try {
    target = toPair === undefined ? undefined : new URL(decodeURIComponent(toPair.slice(3).replace(/\+/g, ' ')));
  } catch {
    target = undefined;
  }
  if (target === undefined || (target.protocol !== 'http:' && target.protocol !== 'https:')) {
    res.writeHead(400, { 'content-type': 'text/plain' });
    return void res.end('need ?to=<absolute http URL>');
  }
  // The other parameters, byte for byte as they came.
  const rest = pairs.filter((pair) => pair !== toPair);
  const location = rest.length === 0 ? target.href : `${target.href}${target.search ? '&' : '?'}${rest.join('&')}`;
  res.writeHead(307, { location, 'content-length': '0' });
  res.end();
}
