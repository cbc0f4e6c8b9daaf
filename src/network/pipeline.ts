/**
 * The order of the network layers, in one place (DESIGN.md): https guard → auth → retry →
 * redirect → timeout → logging → transport. The guard runs first so no token is ever
 * attached to a request that would leave in clear text; timeout sits inside retry so each
 * attempt gets its own deadline.
 */
import { tokenManagerFor, type TokenManager } from '../auth/token-manager.js';
import type { ResolvedSdkOptions } from '../options.js';
import { auth } from './auth.js';
import { compose } from './compose.js';
import { httpsGuard } from './https-guard.js';
import { retry } from './retry.js';
import { logging } from './logging.js';
import { redirect } from './redirect.js';
import { timeout } from './timeout.js';
import { transport } from './transport.js';
import type { FetchLike, Middleware } from './types.js';

/**
 * Builds the fetch pipeline for one runtime from normalised options. The runtime passes its
 * token manager (which knows the generated SDK's refresh); otherwise one is made from `auth`.
 */
export function createPipeline(options: ResolvedSdkOptions, tokens: TokenManager | undefined = tokenManagerFor(options)): FetchLike {
  const layers: Middleware[] = [httpsGuard({ allowInsecureHttp: options.allowInsecureHttp })];
  // Outside retry: a token is attached (or refreshed) once per call, and a refresh's own
  // retries happen inside its own call, not around every attempt of this one.
  if (tokens) layers.push(auth({ tokens, baseUrl: options.baseUrl }));
  // Retry inside auth (the token is attached once per call) and outside timeout (each
  // attempt gets its own). Always present: it also enforces deadlineMs and adds the request
  // id, and a call may turn retries on when the SDK has them off.
  layers.push(retry({ clock: options.clock, budget: options.retryBudget, telemetryHeaders: options.telemetryHeaders }));
  // Redirects after auth (to strip what it added on a cross-origin hop), inside retry (a retry
  // replays the whole chain from the caller's URL and method), outside timeout and logging
  // (each hop timed and logged on its own); see redirect.ts.
  layers.push(
    redirect({ maxRedirects: options.maxRedirects, redaction: options.redaction, allowInsecureHttp: options.allowInsecureHttp }),
  );
  layers.push(timeout());
  // Innermost: logs each attempt as sent, token included, hence the redacting log.
  layers.push(logging());
  return compose(layers, transport(options.fetch));
}
