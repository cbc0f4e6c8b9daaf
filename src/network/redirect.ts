/**
 * Follows redirects in the SDK instead of the platform, because platforms differ on what they
 * forward: undici drops Authorization, Cookie and Proxy-Authorization on a cross-origin hop but
 * keeps custom credential headers such as X-API-Key, and older engines keep everything. Here a
 * hop that leaves the origin loses every credential header (DEFAULT_REDACT_HEADERS plus the
 * app's `redactHeaders`), and a hop from https to http is refused outright.
 *
 * Place in the pipeline: after auth, so the headers auth added are visible here and can be
 * stripped; inside retry, so a retry replays the whole chain from the URL the caller asked for
 * with the method it asked for (the retry layer judges idempotency on that, the conservative
 * choice); outside timeout and logging, so each hop gets its own per-attempt timeout and its
 * own log line.
 *
 * Method rewriting follows the Fetch standard: 303 turns anything but GET/HEAD into a GET
 * without a body; 301/302 turn a POST into a GET without a body (what every browser does);
 * 307/308 (and 301/302 for other methods) resend the same method and body. A body is resent
 * only if we kept a copy: the request is cloned before it goes out (a tee, which buffers what
 * the transport reads); the SDK's own bodies (JSON, text, forms, Blobs, bytes) are small. A
 * one-shot stream body (`context.replayable === false`) is not copied, so a hop that must
 * resend it fails with UNKNOWN instead of silently sending an empty body.
 *
 * Browsers: `redirect: 'manual'` there yields an opaque response (type 'opaqueredirect',
 * status 0) with no Location, so nothing can be followed by hand. On the first one we let the
 * platform follow from then on (`redirect: 'follow'`): a safe method (GET/HEAD/OPTIONS) is sent
 * again at once; any other method fails with UNKNOWN instead, because the server may already
 * have acted on it. The browser then applies its own rules (Authorization dropped
 * cross-origin since the 2023 Fetch change, custom headers kept but subject to CORS).
 * Node/undici honours 'manual'. A fetch that ignores it and follows anyway (some polyfills;
 * verify on your React Native version) answers with `redirected: true`; we cannot undo what it
 * sent, so we say so once at warn level.
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { isSecureOrAllowed } from './loopback.js';
import type { Redaction } from './redact.js';
import { releaseBody } from './body-deadline.js';
import type { Middleware, RequestContext } from './types.js';

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

  return (next) => async (original, context) => {
    if (platformFollows) return next(new Request(original, { redirect: 'follow' }), context);

    let request = original;
    for (let hop = 0; ; hop++) {
      // Keep a copy of the body for a 307/308 before the transport consumes it.
      const hasBody = request.body !== null;
      const spare = hasBody && context.replayable !== false ? request.clone() : undefined;
      // The call runner already builds its request with 'manual'; only a foreign one is copied.
      const response = await next(request.redirect === 'manual' ? request : new Request(request, { redirect: 'manual' }), context);

      if (response.type === 'opaqueredirect') {
        platformFollows = true;
        release(spare);
        if (!SAFE_METHODS.has(request.method)) {
          throw refuse(request, context, response, 'The server redirected and this platform cannot follow redirects by hand; not resending a non-idempotent request');
        }
        context.log?.info('redirect: platform cannot follow by hand, letting it follow', { method: request.method, url: request.url });
        return next(new Request(request, { redirect: 'follow' }), context);
      }

      if (response.redirected && !warnedPlatformFollowed) {
        warnedPlatformFollowed = true;
        context.log?.warn('redirect: the platform fetch ignored redirect: "manual" and followed itself; credential headers were not stripped by Tether', {
          method: request.method,
          url: request.url,
        });
      }

      const location = REDIRECT_STATUSES.has(response.status) ? response.headers.get('location') : null;
      if (location === null || options.maxRedirects === 0) {
        release(spare);
        return response;
      }
      // The redirect's own body is never read; release the connection and its body timer.
      releaseBody(response, context.stats);

      const target = hop >= options.maxRedirects ? `Too many redirects (more than ${options.maxRedirects})` : resolveTarget(location, request.url, options.allowInsecureHttp);
      if (typeof target === 'string') {
        release(spare);
        throw refuse(request, context, response, target);
      }
      const crossOrigin = target.origin !== new URL(request.url).origin;
      const toGet =
        (response.status === 303 && request.method !== 'GET' && request.method !== 'HEAD') ||
        ((response.status === 301 || response.status === 302) && request.method === 'POST');
      const headers = new Headers(request.headers);
      if (crossOrigin) {
        for (const name of CREDENTIAL_HEADERS) headers.delete(name);
        for (const name of options.redaction.headers) headers.delete(name);
      }
      if (toGet) for (const name of BODY_HEADERS) headers.delete(name);

      context.log?.debug(`redirect ${response.status} → ${target.href}`, {
        status: response.status,
        method: request.method,
        url: request.url,
        targetUrl: target.href,
        crossOrigin,
        hop: hop + 1,
      });

      if (!toGet && !spare && hasBody) {
        throw refuse(request, context, response, `Cannot follow a ${response.status} redirect: the request body is a stream that cannot be sent again`);
      }
      if (toGet) release(spare);
      try {
        request = toGet
          ? new Request(target, { method: 'GET', headers, signal: request.signal })
          : new Request(target, { method: request.method, headers, body: spare?.body ?? null, signal: request.signal, duplex: 'half' } as RequestInit);
      } catch {
        // A target the platform will not request is the server's bad answer, not a lost connection.
        release(spare);
        throw refuse(request, context, response, 'The server redirected to a URL that cannot be requested');
      }
    }
  };
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

/** Drops the kept copy of a body that will not be resent. */
function release(spare: Request | undefined): void {
  spare?.body?.cancel().catch(noop);
}

function refuse(request: Request, context: RequestContext, response: Response, summary: string) {
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

function noop(): void {}
