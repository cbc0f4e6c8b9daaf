/**
 * createSdk options → what the rules judge. Two sources: the options object a live SDK was
 * created with (functions and stores included), and a JSON description for the CLI, where a
 * token store cannot be an object and is named by where it keeps tokens instead.
 */
import type { ReviewPlatform, ReviewedOptions, TokenStorage } from './types.js';

/** Thrown for an options description the review cannot read; the message names the field. */
export class ReviewOptionsError extends Error {
  override readonly name = 'ReviewOptionsError';
  constructor(readonly field: string, message: string) {
    super(`review options: ${field} ${message}`);
  }
}

const STORAGES: ReadonlyArray<TokenStorage> = ['memory', 'plaintext', 'secure'];
const PLATFORMS: ReadonlyArray<ReviewPlatform> = ['mobile', 'web', 'server'];
const VALIDATE = ['strict', 'warn', 'off'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

function optionalNumber(options: Obj, field: string): number | undefined {
  const value = options[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw new ReviewOptionsError(field, 'must be a non-negative number');
  return value;
}

function tokenStorageOf(store: unknown, declared: unknown): TokenStorage | undefined {
  // A JSON description names the storage as the store; a live store may carry a `tokenStorage` tag.
  const named = typeof store === 'string' ? store : isObj(store) && store.tokenStorage !== undefined ? store.tokenStorage : declared;
  if (named === undefined) return undefined;
  if (typeof named !== 'string' || !(STORAGES as ReadonlyArray<string>).includes(named)) {
    throw new ReviewOptionsError('auth.tokenStore', `must say where tokens live: ${STORAGES.map((s) => JSON.stringify(s)).join(', ')}`);
  }
  return named as TokenStorage;
}

/**
 * Reads createSdk options (or their JSON description). `tokenStorage` (top level, or a
 * `tokenStorage` property on the store, or the store given as a string) says where tokens live.
 */
export function reviewedOptions(raw: unknown, tokenStorage?: TokenStorage): ReviewedOptions {
  if (!isObj(raw)) throw new ReviewOptionsError('options', 'must be an object');
  const retry = raw.retry;
  if (retry !== undefined && retry !== false && !isObj(retry)) throw new ReviewOptionsError('retry', 'must be false or an object');
  const validate = raw.validate;
  if (validate !== undefined && !(VALIDATE as ReadonlyArray<unknown>).includes(validate)) throw new ReviewOptionsError('validate', "must be 'strict', 'warn' or 'off'");
  const auth = raw.auth;
  if (auth !== undefined && !isObj(auth)) throw new ReviewOptionsError('auth', 'must be an object');
  const headers = isObj(raw.headers) ? raw.headers : {};
  const maxRetries = isObj(retry) ? optionalNumber(retry, 'maxRetries') : undefined;
  return {
    baseUrl: typeof raw.baseUrl === 'string' ? raw.baseUrl : undefined,
    timeoutMs: optionalNumber(raw, 'timeoutMs'),
    deadlineMs: optionalNumber(raw, 'deadlineMs'),
    retry: retry === false ? false : isObj(retry) ? { maxRetries } : undefined,
    validate: validate as ReviewedOptions['validate'],
    allowInsecureHttp: typeof raw.allowInsecureHttp === 'boolean' ? raw.allowInsecureHttp : undefined,
    auth: auth !== undefined,
    authRefresh: auth !== undefined && auth.refresh !== undefined && auth.refresh !== false,
    tokenStorage: auth === undefined ? undefined : tokenStorageOf(auth.tokenStore, tokenStorage ?? raw.tokenStorage),
    staticAuthorization: Object.keys(headers).some((name) => name.toLowerCase() === 'authorization'),
    cache: raw.cache !== undefined && raw.cache !== false,
    offline: raw.offline !== undefined && raw.offline !== false,
  };
}

/** Reads a platform name (`mobile` when absent: the review is for mobile backends). */
export function reviewPlatform(value: unknown): ReviewPlatform {
  if (value === undefined) return 'mobile';
  if (typeof value !== 'string' || !(PLATFORMS as ReadonlyArray<string>).includes(value)) {
    throw new ReviewOptionsError('platform', `must be one of ${PLATFORMS.join(', ')}`);
  }
  return value as ReviewPlatform;
}
