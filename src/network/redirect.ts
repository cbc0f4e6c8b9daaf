/**
 * Follows redirects in the SDK instead of the platform, because platforms differ on what they
 * forward: undici drops Authorization, Cookie and Proxy-Authorization on a cross-origin hop but
 * keeps custom credential headers such as X-API-Key, and older engines keep everything. Here a
 * hop that leaves the origin loses every credential header (DEFAULT_REDACT_HEADERS plus the
 * app's `redactHeaders`, which the SDK extends with the spec's API-key headers), and a hop from
 * https to http is refused outright. A server that copies the request's query into its Location
 * (common with path-normalising redirects) would hand a query API key to the other origin, so
 * secret query parameters (the redaction list, API-key parameters included) whose value is the
 * one we sent are dropped from a cross-origin target; the target's own values (a presigned
 * URL's signature) stay.
 *
 * Place in the pipeline: after auth, so the headers auth added are visible here and can be
 * stripped; inside retry, so a retry replays the whole chain from the URL the caller asked for
 * with the method it asked for (the retry layer judges idempotency on that, the conservative
 * choice); outside timeout and logging, so each hop gets its own per-attempt timeout and its
 * own log line.
 *
 * Method rewriting follows the Fetch standard: 303 turns anything but GET/HEAD into a GET
 * without a body; 301/302 turn a POST into a GET without a body (what every browser does);
 * 307/308 (and 301/302 for other methods) resend the same method and body. The attempt's body
 * is already serialised (JSON, text, forms, Blobs, bytes), so it is resent as it is, with no
 * copy; a one-shot stream body (`context.replayable === false`) cannot be, so a hop that must
 * resend it fails with UNKNOWN instead of silently sending an empty body.
 *
 * Browsers: `redirect: 'manual'` there yields an opaque response (type 'opaqueredirect',
 * status 0) with no Location, so nothing can be followed by hand. On the first one we let the
 * platform follow from then on (`redirect: 'follow'`): a safe method (GET/HEAD/OPTIONS) is sent
 * again at once; any other method fails with UNKNOWN instead, because the server may already
 * have acted on it. The browser then applies its own rules (Authorization dropped
 * cross-origin since the 2023 Fetch change, custom headers kept but subject to CORS).
 * Node/undici honours 'manual'. A fetch that ignores it and follows anyway (some polyfills;
 * verify on your React Native version) answers with `redirected: true`, or, lacking that flag
 * (React Native's whatwg-fetch), with a final `url` other than the one sent; we cannot undo
 * what it sent, so we say so once at warn level.
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isSecureOrAllowed } from './loopback.js';
import type { Redaction } from './redact.js';
import { releaseBody } from './body-deadline.js';
import type { Attempt, Middleware, RequestContext } from './types.js';

/** Options for the redirect layer. */
export interface RedirectOptions {
  /** Hops followed per request; one more fails with UNKNOWN. 0 returns 3xx responses as they are. */
  readonly maxRedirects: number;
  /** Headers stripped on a cross-origin hop (with the standard credential headers). */
  readonly redaction: Redaction;
  /** Same rule as the https guard, applied to every hop's target. */
  readonly allowInsecureHttp: boolean;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// Fetch's "request-body-header names": dropped with the body when a hop becomes a GET.
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
// Always stripped cross-origin, whatever the redaction list says (it starts with these too).
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** Middleware following 301/302/303/307/308 by hand, up to `maxRedirects` hops. */
export function redirect(options: RedirectOptions): Middleware {
  // Set once an opaque redirect shows the platform cannot do 'manual' (a browser).
  let platformFollows = false;
  let warnedPlatformFollowed = false;

  // Not an async loop: a hop is `next(...).then(follow)`, so the common answer (no redirect)
  // costs one `then`, not an async function's promise and turns on every call.
  return (next) => {
    const send = (attempt: Attempt, context: RequestContext, hop: number): Promise<Response> => {
      // The body is already serialised, so a 307/308 can send it again as it is; only a
      // one-shot stream (`context.replayable === false`) cannot.
      const hasBody = attempt.body !== null;
      return next(attempt, context).then((response) => followed(attempt, context, hop, hasBody, response));
    };

    const followed = (attempt: Attempt, context: RequestContext, hop: number, hasBody: boolean, response: Response): Response | Promise<Response> => {
      if (response.type === 'opaqueredirect') {
        platformFollows = true;
        if (!SAFE_METHODS.has(attempt.method)) {
          throw refuse(attempt, context, response, 'The server redirected and this platform cannot follow redirects by hand; not resending a non-idempotent request');
        }
        context.log?.info('redirect: platform cannot follow by hand, letting it follow', { method: attempt.method, url: attempt.url });
        return next(following(attempt), context);
      }

      if (!warnedPlatformFollowed && platformFollowed(response, attempt.url)) {
        warnedPlatformFollowed = true;
        context.log?.warn('redirect: the platform fetch ignored redirect: "manual" and followed itself; credential headers were not stripped by Tether', {
          method: attempt.method,
          url: attempt.url,
        });
      }

      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null || options.maxRedirects === 0) return response;
      // The redirect's own body is never read; release the connection and its body timer.
      releaseBody(response, context.stats);

      const target = hop >= options.maxRedirects ? `Too many redirects (more than ${options.maxRedirects})` : resolveTarget(location, attempt.url, options.allowInsecureHttp);
      if (typeof target === 'string') throw refuse(attempt, context, response, target);
      const crossOrigin = target.origin !== new URL(attempt.url).origin;
      const toGet =
        (response.status === 303 && attempt.method !== 'GET' && attempt.method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && attempt.method === 'POST');
      // A copy: the caller's attempt stays as asked, so a retry starts again from its URL.
      const headers = new Headers(attempt.headers);
      if (crossOrigin) {
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        for (const name of options.redaction.headers) headers.delete(name);
      }
      if (toGet) for (const name of BODY_HEADERS) headers.delete(name);

      if (crossOrigin) target.search = withoutCopiedSecrets(target.search, attempt.url, options.redaction);
      context.log?.debug(`redirect ${response.status} → ${target.href}`, {
        status: response.status,
        method: attempt.method,
        url: attempt.url,
        targetUrl: target.href,
        crossOrigin,
        hop: hop + 1,
      });

      if (!toGet && hasBody && context.replayable === false) {
        throw refuse(attempt, context, response, `Cannot follow a ${response.status} redirect: the request body is a stream that cannot be sent again`);
      }
      const nextHop: Attempt = toGet
        ? { method: 'GET', url: target.href, headers, body: null, signal: attempt.signal }
        : { method: attempt.method, url: target.href, headers, body: attempt.body, signal: attempt.signal };
      return send(nextHop, context, hop + 1);
    };

    return (original, context) => {
      if (platformFollows) return next(following(original), context);
      try {
        return send(original, context, 0);
      } catch (error) {
        // A layer below that throws synchronously fails the attempt through its promise.
        return Promise.reject(error);
      }
    };
  };
}

/**
 * Whether the platform followed a redirect itself although asked for 'manual'. A fetch with the
 * flag says so with `redirected`; React Native's (whatwg-fetch over XMLHttpRequest) has no such
 * flag, only the final `url`, which then differs from the URL sent (compared parsed, without
 * the fragment, which never travels).
 */
function platformFollowed(response: Response, sentUrl: string): boolean {
  const flag: unknown = response.redirected;
  if (typeof flag === 'boolean') return flag;
  if (typeof response.url !== 'string' || response.url === '' || response.url === sentUrl) return false;
  try {
    const [final, sent] = [new URL(response.url), new URL(sentUrl)];
    final.hash = '';
    sent.hash = '';
    return final.href !== sent.href;
  } catch {
    return false; // unparseable: nothing we can tell
  }
}

/**
 * `search` (a target's `?…`) without the secret parameters that carry the same value as in
 * `sentUrl`: ours, copied by the server. Pairs are compared decoded; the rest keeps its bytes.
 */
function withoutCopiedSecrets(search: string, sentUrl: string, redaction: Redaction): string {
  if (search.length < 2) return search;
  const sent = new Set(queryPairs(sentUrl.includes('?') ? sentUrl.slice(sentUrl.indexOf('?')).split('#')[0]! : '')
    .filter(([name]) => redaction.queryParams.has(name.toLowerCase()))
    .map(([name, value]) => `${name}=${value}`));
  if (sent.size === 0) return search;
  const kept = search.slice(1).split('&').filter((raw) => {
    const [pair] = queryPairs(`?${raw}`);
    return pair === undefined || !sent.has(`${pair[0]}=${pair[1]}`);
  });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

/** Decoded `[name, value]` pairs of a `?…` string. */
function queryPairs(search: string): Array<[string, string]> {
  return search.slice(1).split('&').filter(Boolean).map((raw) => {
    const eq = raw.indexOf('=');
    return [decodePart(eq === -1 ? raw : raw.slice(0, eq)), decodePart(eq === -1 ? '' : raw.slice(eq + 1))];
  });
}

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** The same attempt, left to the platform to follow (a browser's opaque redirects). */
function following(attempt: Attempt): Attempt {
  return { ...attempt, redirect: 'follow' };
}

/** The hop's target URL, or why we will not go there. */
function resolveTarget(location: string, current: string, allowInsecureHttp: boolean): URL | string {
  let target: URL;
  try {
    target = new URL(location, current);
  } catch {
    return 'The server redirected to an invalid URL';
  }
  if (target.username !== '' || target.password !== '') {
    // fetch refuses such URLs with a TypeError; and credentials must not travel in a URL.
    return 'Refused a redirect to a URL with credentials in it';
  }
  if (target.protocol !== 'https:' && target.protocol !== 'http:') {
    return `Refused a redirect to an unsupported URL scheme (${target.protocol})`;
  }
  if (new URL(current).protocol === 'https:' && target.protocol !== 'https:') {
    return 'Refused a redirect from https to an insecure URL';
  }
  if (!isSecureOrAllowed(target, allowInsecureHttp)) {
    return 'Refused a redirect to an insecure URL (https only, loopback excepted)';
  }
  return target;
}

function refuse(request: Attempt, context: RequestContext, response: Response, summary: string) {
  // UNKNOWN, like the https guard's refusal: nothing the caller sent was wrong (not CLIENT),
  // and no retry can help. `status` still says which 3xx it was.
  return createNetworkError({
    method: request.method,
    url: request.url,
    attempts: context.stats.attempts,
    response,
    cause: new Error(summary),
    summary,
    requestId: context.stats.requestId,
  });
}
