/**
 * The whole request chain of one runtime, composed at the top: the network layer's chain with
 * the auth layer's middleware plugged in. Neither layer imports the other; only this file
 * knows both.
 */
import { authLayer } from './auth/auth-layer.js';
import type { SecuritySchemes } from './auth/security-schemes.js';
import { tokenManagerFor, type TokenManager } from './auth/token-manager.js';
import { createNetworkChain } from './network/pipeline.js';
import type { FetchLike } from './network/types.js';
import type { ResolvedSdkOptions } from './options.js';

/**
 * Builds the fetch pipeline for one runtime from normalised options. The runtime passes its
 * token manager (which knows the generated SDK's refresh); otherwise one is made from `auth`.
 */
export function createPipeline(options: ResolvedSdkOptions, tokens: TokenManager | undefined = tokenManagerFor(options), schemes?: SecuritySchemes): FetchLike {
  return createNetworkChain(options, { auth: authLayer({ baseUrl: options.baseUrl, tokens, schemes, credentials: options.credentials }) });
}
