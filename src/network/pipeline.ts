/**
 * The order of the network layers, in one place (DESIGN.md): https guard → auth → retry →
 * redirect → timeout → logging → transport. The guard runs first so no token is ever
 * attached to a request that would leave in clear text; timeout sits inside retry so each
 * attempt gets its own deadline. The network layer knows nothing of auth: the top hands the
 * auth layer's middleware in, and it is placed right after the guard.
 */
import { compose } from './compose.js';
import { httpsGuard } from './https-guard.js';
import { retry } from './retry.js';
import { logging } from './logging.js';
import type { ResolvedNetworkOptions } from './options.js';
import { redirect } from './redirect.js';
import { timeout } from './timeout.js';
import { transport } from './transport.js';
import type { FetchLike, Middleware } from './types.js';

/** Middleware from layers above the network that plug into the chain at fixed places. */
export interface ChainPlugins {
  /**
   * Attaches credentials. Outside retry: a token is attached (or refreshed) once per call, and
   * a refresh's own retries happen inside its own call, not around every attempt of this one.
   */
  readonly auth?: Middleware | undefined;
}

/** Builds the fetch chain for one runtime from normalised options and the plugged-in layers. */
export function createNetworkChain(options: ResolvedNetworkOptions, plugins: ChainPlugins = {}): FetchLike {
  const layers: Middleware[] = [httpsGuard({ allowInsecureHttp: options.allowInsecureHttp })];
  if (plugins.auth) layers.push(plugins.auth);
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
