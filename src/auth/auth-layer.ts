/**
 * Chooses the auth layer the top plugs into the network chain (src/pipeline.ts). An SDK whose
 * `api` lists the spec's security schemes gets the security layer (every scheme kind, with
 * the token layer inside it); a runtime without them (hand-built metadata, SDKs generated
 * before schemes were emitted) keeps the bearer-only layer and its rule: a token for every
 * operation whose security requires a scheme.
 */
import { auth, bearer } from './middleware.js';
import { checkCredentialNames, type ResolvedCredentials } from './credentials.js';
import { securityLayer } from './security-layer.js';
import { isStaticScheme, type SecuritySchemes } from './security-schemes.js';
import type { TokenManager } from './token-manager.js';
import type { Middleware } from '../network/types.js';

/** What the auth layer is built from, all resolved at createSdk. */
export interface AuthLayerOptions {
  readonly baseUrl: string;
  /** From `options.auth`; undefined without it. */
  readonly tokens: TokenManager | undefined;
  /** From the generated `api.securitySchemes`; undefined when the SDK does not carry them. */
  readonly schemes: SecuritySchemes | undefined;
  /** From `options.credentials`. */
  readonly credentials: ResolvedCredentials | undefined;
}

/** The auth middleware, or undefined when there is nothing to send; TypeError for a credential the spec has no scheme for. */
export function authLayer(options: AuthLayerOptions): Middleware | undefined {
  const { baseUrl, tokens, schemes, credentials } = options;
  if (schemes === undefined || Object.keys(schemes).length === 0) {
    checkCredentialNames(credentials, schemes);
    return tokens && auth({ tokens, baseUrl });
  }
  // Without a token store and without any scheme the app configures, nothing is ever sent.
  if (tokens === undefined && !Object.values(schemes).some(isStaticScheme)) return undefined;
  return securityLayer({ baseUrl, schemes, credentials, tokens: tokens && bearer({ tokens, baseUrl }) });
}
