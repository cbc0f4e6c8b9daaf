/**
 * Everything the auth layer adds to a runtime, as one value the wiring receives instead of
 * imports it: option checks for `auth` and `credentials`, the spec's credential names in the
 * redaction rules, the token manager, the auth middleware, the default refresh and the
 * login/logout bookkeeping.
 *
 * Why a value: a bundler keeps whatever a reachable function imports. `createSdk` always
 * passes it (its options stay exactly as documented), so nothing changes there. The
 * tree-shakable `createClient` receives it only through `withAuth(options)`, so an app that
 * never configures auth does not carry the token manager, refresh lock, security layer and
 * the rest (about a fifth of the one-operation bundle; docs/benchmarks.md).
 */
import { operationRefresh } from './auth/default-refresh.js';
import { withAuthRole } from './auth/role-operations.js';
import { tokenManagerFor, type RefreshTokens, type TokenManager } from './auth/token-manager.js';
import { authLayer } from './auth/auth-layer.js';
import { withSchemeRedaction } from './auth/scheme-redaction.js';
import type { SecuritySchemes } from './auth/security-schemes.js';
import type { CredentialsOption } from './auth/credentials.js';
import type { OperationMeta } from './contract/operation.js';
import type { Logger, Middleware } from './network/types.js';
import { resolveSdkOptions, type ResolvedSdkOptions, type SdkOptions } from './options.js';

type Run = (init: unknown, options: unknown) => Promise<unknown>;
type SendCall = (meta: OperationMeta, init: unknown) => Promise<unknown>;

/** What a runtime asks of the auth layer; `createRuntime` and `withAuth` hand it in. */
export interface AuthWiring {
  /** All options checked and defaulted, `auth` and `credentials` included. */
  resolve(options: SdkOptions<CredentialsOption>, schemes: SecuritySchemes | undefined): ResolvedSdkOptions;
  /** The token manager (undefined without `auth`) and the middleware for the chain (undefined when nothing is ever sent). */
  start(options: ResolvedSdkOptions, schemes: SecuritySchemes | undefined, specRefresh: () => RefreshTokens | undefined): { tokens: TokenManager | undefined; layer: Middleware | undefined };
  /** The refresh made from the spec's `x-tether-auth: refresh` operation. */
  refresh(meta: OperationMeta, send: SendCall, now: () => number): RefreshTokens;
  /** `run` with the operation's auth role applied (login stores tokens, logout clears them). */
  bind(meta: OperationMeta, run: Run, tokens: TokenManager | undefined, now: () => number, log: Logger): Run;
}

/** The auth layer as createSdk always has it. */
export const authWiring: AuthWiring = {
  resolve: (options, schemes) => resolveSdkOptions(withSchemeRedaction(options, schemes)),
  start(options, schemes, specRefresh) {
    const tokens = tokenManagerFor(options, specRefresh);
    return { tokens, layer: authLayer({ baseUrl: options.baseUrl, tokens, schemes, credentials: options.credentials }) };
  },
  refresh: operationRefresh,
  bind: withAuthRole,
};

/** Where `withAuth` leaves the wiring on an options object (a registry symbol: safe across copies). */
export const AUTH_WIRING: unique symbol = /* @__PURE__ */ Symbol.for('tether.authWiring');

/**
 * `options` for `createClient` with authentication turned on: `auth` (token store, refresh)
 * and `credentials` (API keys, Basic) then work exactly as with `createSdk`. Only an app that
 * calls this bundles the auth layer; `createClient` refuses `auth` or `credentials` without it.
 */
export function withAuth<O extends object>(options: O): O {
  return { ...options, [AUTH_WIRING]: authWiring };
}
