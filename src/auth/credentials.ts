/**
 * `options.credentials`: the app's values for the spec's non-token security schemes (API keys,
 * HTTP Basic, other HTTP schemes), by scheme name. Each value may be a function, called for
 * every request that sends it, so a key can rotate without recreating the SDK; it may be
 * async (a keychain read) and is never cached here (cache in the function if reading is slow).
 * Tokens (bearer, OAuth 2, OpenID Connect) stay in `auth.tokenStore`.
 */
import { describeScheme, isStaticScheme, type SecuritySchemes } from './security-schemes.js';

/** A credential or a function returning it (sync or async), called per request. */
export type Credential<T> = T | (() => T | PromiseLike<T>);

/** An HTTP Basic credential (RFC 7617). The username may not contain `:`. */
export interface BasicCredentials {
  readonly username: string;
  readonly password: string;
}

/** Credentials by scheme name, untyped; each generated SDK types it from its spec (`Credentials`). */
export type CredentialsOption = Readonly<Record<string, Credential<string> | Credential<BasicCredentials> | undefined>>;

/** What a resolved credential function or value yields. */
export type CredentialValue = string | BasicCredentials;

/** `options.credentials` after the shape check: scheme name → value or provider. */
export type ResolvedCredentials = ReadonlyMap<string, Credential<CredentialValue>>;

/** Checks the shape of `options.credentials` (names are checked against the spec by `checkCredentialNames`). */
export function resolveCredentials(value: CredentialsOption | undefined): ResolvedCredentials | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError('Tether: options.credentials must be an object of credentials by security scheme name');
  }
  const out = new Map<string, Credential<CredentialValue>>();
  for (const [name, credential] of Object.entries(value)) {
    if (credential === undefined) continue;
    if (typeof credential !== 'function' && typeof credential !== 'string' && !isBasic(credential)) {
      throw new TypeError(`Tether: options.credentials.${name} must be a string, { username, password }, or a function returning one`);
    }
    out.set(name, credential as Credential<CredentialValue>);
  }
  return out;
}

/** Refuses names the spec has no static scheme for (TypeError at createSdk, naming it). */
export function checkCredentialNames(credentials: ResolvedCredentials | undefined, schemes: SecuritySchemes | undefined): void {
  if (credentials === undefined) return;
  for (const [name, value] of credentials) {
    const scheme = schemes !== undefined && Object.prototype.hasOwnProperty.call(schemes, name) ? schemes[name] : undefined;
    if (scheme === undefined) {
      const known = Object.keys(schemes ?? {}).filter((n) => isStaticScheme(schemes![n]!));
      throw new TypeError(`Tether: options.credentials.${name}: the spec has no security scheme named "${name}"${known.length ? ` (it has: ${known.join(', ')})` : ''}`);
    }
    if (!isStaticScheme(scheme)) {
      const where = scheme.kind === 'token' ? 'use options.auth.tokenStore for it' : 'the SDK cannot send it';
      throw new TypeError(`Tether: options.credentials.${name}: "${name}" is ${describeScheme(scheme)}; ${where}`);
    }
    if (typeof value === 'function') continue;
    const wantsBasic = scheme.kind === 'basic';
    if (wantsBasic !== isBasic(value)) {
      throw new TypeError(`Tether: options.credentials.${name} must be ${wantsBasic ? '{ username, password }' : 'a string'} (${describeScheme(scheme)})`);
    }
  }
}

/** True for `{ username: string, password: string }`. */
export function isBasic(value: unknown): value is BasicCredentials {
  if (typeof value !== 'object' || value === null) return false;
  const { username, password } = value as Partial<BasicCredentials>;
  return typeof username === 'string' && typeof password === 'string';
}
