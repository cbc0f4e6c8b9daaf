/**
 * The SDK's options, composed at the top from each layer's own: the network's (network/
 * options.ts), the service's (service/options.ts) and auth's (auth/options.ts). Each layer
 * validates and defaults its part, once; this file only joins them, so `SdkOptions`, `DEFAULTS`
 * and `resolveSdkOptions` stay one public surface while no layer reaches up for its settings.
 */
import { AUTH_DEFAULTS, resolveAuthOptions, type AuthOptions, type ResolvedAuthOptions } from './auth/options.js';
import { resolveCredentials, type CredentialsOption, type ResolvedCredentials } from './auth/credentials.js';
import type { BatchOption } from './repository/batch/options.js';
import { NETWORK_DEFAULTS, resolveNetworkOptions, type NetworkOptions, type ResolvedNetworkOptions } from './network/options.js';
import { SERVICE_DEFAULTS, resolveServiceOptions, type CallOptions as ServiceCallOptions, type ResolvedServiceOptions, type ServiceOptions } from './service/options.js';
import type { StorageAdapter } from './platform/storage/types.js';
import type { CacheOptions, CallCacheOption } from './repository/cache-options.js';
import type { OfflineOptions } from './repository/offline/types.js';
import type { Connectivity, Foreground } from './platform/connectivity/types.js';

export type { AuthOptions, ResolvedAuthOptions } from './auth/options.js';
export { resolveCallOptions, type RetryOptions } from './network/options.js';
export type { CacheOptions, CachePolicyOptions, CallCacheOption } from './repository/cache-options.js';

/** Options for one call: the second argument of every generated method. */
export interface CallOptions extends ServiceCallOptions {
  /**
   * How this GET uses the cache (a strategy, `{ strategy, ttlMs, maxStaleMs }`), or `false` to
   * bypass it entirely; default the operation's, else the SDK's (docs/caching.md).
   */
  readonly cache?: CallCacheOption | undefined;
  /**
   * `'queue'` on a mutation: queued when offline, or when the send fails with a retryable error
   * after the retries, resolving with a QueuedResult instead of rejecting (docs/offline.md).
   * Needs the SDK's `offline` option; default: the call is only sent.
   */
  readonly offline?: 'queue' | undefined;
}

/**
 * Options for `createSdk`. `Credentials` is the generated SDK's own type (its spec's scheme
 * names); the default `never` allows no credentials, so options typed here fit any SDK.
 */
export interface SdkOptions<Credentials extends CredentialsOption = never> extends NetworkOptions, ServiceOptions {
  readonly auth?: AuthOptions | undefined;
  /** Credentials of the spec's API-key, Basic and other HTTP schemes, by scheme name (docs/auth.md). */
  readonly credentials?: Credentials | undefined;
  /** Coalesce single-item reads into the spec's batch operations (`x-tether-batch`); off by default (docs/caching.md). */
  readonly batch?: BatchOption | undefined;
  /** The HTTP cache (docs/caching.md); omitted: no cache, every call goes to the network. */
  readonly cache?: CacheOptions | undefined;
  /** Persistent storage the cache (and other repository features) use by default; memory only when omitted. */
  readonly storage?: StorageAdapter | undefined;
  /** The offline queue, `sdk.offline` (docs/offline.md); omitted: no queue (`sdk.offline.enabled` is false). */
  readonly offline?: OfflineOptions | undefined;
  /** Whether the device is online, for the offline queue (and sync); omitted: always online (a send tells). */
  readonly connectivity?: Connectivity | undefined;
  /** App foreground / page visibility, which triggers queue processing; omitted: none. */
  readonly foreground?: Foreground | undefined;
}

/** SdkOptions after validation, with defaults applied. Frozen. */
export interface ResolvedSdkOptions extends ResolvedNetworkOptions, ResolvedServiceOptions {
  readonly auth: ResolvedAuthOptions | undefined;
  readonly credentials: ResolvedCredentials | undefined;
}

/** Every layer's defaults in one frozen object (the reasons are beside each layer's values). */
export const DEFAULTS = Object.freeze({
  timeoutMs: NETWORK_DEFAULTS.timeoutMs,
  allowInsecureHttp: NETWORK_DEFAULTS.allowInsecureHttp,
  retry: NETWORK_DEFAULTS.retry,
  idempotency: SERVICE_DEFAULTS.idempotency,
  telemetryHeaders: NETWORK_DEFAULTS.telemetryHeaders,
  logLevel: NETWORK_DEFAULTS.logLevel,
  maxRedirects: NETWORK_DEFAULTS.maxRedirects,
  maxResponseBytes: NETWORK_DEFAULTS.maxResponseBytes,
  validate: SERVICE_DEFAULTS.validate,
  refreshSkewMs: AUTH_DEFAULTS.refreshSkewMs,
});

/**
 * The network and service options alone, `auth` and `credentials` left unset: for a client
 * without the auth layer (createClient without withAuth), which so bundles none of its checks.
 */
export function resolveCoreOptions(options: SdkOptions<CredentialsOption>): ResolvedSdkOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Tether: createClient(options) needs an options object with at least baseUrl');
  }
  return Object.freeze({ ...resolveNetworkOptions(options), ...resolveServiceOptions(options), auth: undefined, credentials: undefined });
}

/** Validates SdkOptions and applies defaults; throws a TypeError naming the bad option. */
export function resolveSdkOptions(options: SdkOptions<CredentialsOption>): ResolvedSdkOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('Tether: createSdk(options) needs an options object with at least baseUrl');
  }
  const network = resolveNetworkOptions(options);
  const service = resolveServiceOptions(options);
  return Object.freeze({ ...network, ...service, auth: resolveAuthOptions(options.auth, network.baseUrl), credentials: resolveCredentials(options.credentials) });
}
