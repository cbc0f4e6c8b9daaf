/**
 * The auth layer of an SDK generated from a spec with `securitySchemes`: for each call it picks
 * the operation's security alternative (security-requirements.ts), adds the static credentials
 * of that alternative (API keys, Basic, other HTTP schemes; apply-credential.ts), and hands the
 * call to the token layer (middleware.ts `bearer`) only when the alternative holds a token
 * scheme, which then attaches, refreshes and replays exactly as it always has.
 *
 * Safety rules, the same for every credential: only to `baseUrl`'s origin (anything else gets
 * nothing, and no error); what the app already put on the request (a header, a query
 * parameter, a cookie, `Authorization`) is left alone; a static credential the chosen
 * requirement needs and the app never configured fails the call with VALIDATION before
 * anything is sent. The https guard runs before this layer and the redirect layer after it
 * (credentials stripped on a cross-origin hop), so none of them leaves in clear text or for
 * another origin; their names are redacted in logs (scheme-redaction.ts).
 */
import { createNetworkError } from '../errors/create-network-error.js';
import { urlOrigin } from '../network/origin.js';
import type { Attempt, FetchLike, Middleware, RequestContext } from '../network/types.js';
import { applyCredential, carriesCredential } from './apply-credential.js';
import { checkCredentialNames, type CredentialValue, type ResolvedCredentials } from './credentials.js';
import { selectRequirement, type Availability, type SchemeUse } from './security-requirements.js';
import { describeScheme, isStaticScheme, type SecurityScheme, type SecuritySchemes } from './security-schemes.js';

/** Options for the security layer. */
export interface SecurityLayerOptions {
  /** Credentials go to this URL's origin only. */
  readonly baseUrl: string;
  /** The spec's schemes, as generated into the SDK's `api`. */
  readonly schemes: SecuritySchemes;
  /** `options.credentials`, shape-checked; names are checked here against `schemes`. */
  readonly credentials: ResolvedCredentials | undefined;
  /** The token layer (`bearer` of middleware.ts) when `auth` is configured. */
  readonly tokens: Middleware | undefined;
}

/** Middleware sending each call's security requirement; throws a TypeError for a credential name the spec lacks. */
export function securityLayer(options: SecurityLayerOptions): Middleware {
  checkCredentialNames(options.credentials, options.schemes);
  const origin = new URL(options.baseUrl).origin;
  const { schemes, credentials } = options;
  const hasTokens = options.tokens !== undefined;
  return (next) => {
    const withTokens = options.tokens ? options.tokens(next) : next;
    return (attempt, context) => {
      try {
        if (context.meta.security.length === 0 || urlOrigin(attempt.url) !== origin) return next(attempt, context);
        const selection = selectRequirement(context.meta.security, schemes, (name, scheme) => availability(attempt, name, scheme, credentials, hasTokens));
        if (!selection.ok) throw unmetError(attempt, context, selection.unmet);
        const send = selection.uses.some((use) => use.scheme?.kind === 'token') ? withTokens : next;
        const statics = selection.uses.filter((use) => use.availability === 'provided' && use.scheme !== undefined && isStaticScheme(use.scheme) && !carriesCredential(attempt, use.scheme));
        if (statics.length === 0) return send(attempt, context);
        const values = statics.map((use) => read(use, credentials, attempt, context));
        // Plain values (the usual case) are applied at once; a provider's promise is awaited first.
        if (!values.some(isThenable)) return applied(send, attempt, context, statics, values as CredentialValue[]);
        return Promise.all(values.map((value, i) => Promise.resolve(value).catch((error: unknown) => {
          throw providerFailed(attempt, context, statics[i]!, error);
        }))).then((resolved) => applied(send, attempt, context, statics, resolved));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  };
}

function availability(attempt: Attempt, name: string, scheme: SecurityScheme | undefined, credentials: ResolvedCredentials | undefined, hasTokens: boolean): Availability {
  if (scheme === undefined) return 'optional'; // named by an operation, missing from the spec (warned at generation)
  if (scheme.kind === 'token') return hasTokens || attempt.headers.has('authorization') ? 'provided' : 'optional';
  if (!isStaticScheme(scheme)) return 'optional'; // mutual TLS, digest: nothing the SDK sends
  return credentials?.has(name) || carriesCredential(attempt, scheme) ? 'provided' : 'missing';
}

/** The configured value, or its provider's answer (a promise for async providers). */
function read(use: SchemeUse, credentials: ResolvedCredentials | undefined, attempt: Attempt, context: RequestContext): CredentialValue | PromiseLike<CredentialValue> {
  const credential = credentials?.get(use.name);
  if (typeof credential !== 'function') return credential as CredentialValue;
  try {
    return credential();
  } catch (error) {
    throw providerFailed(attempt, context, use, error);
  }
}

function applied(send: FetchLike, attempt: Attempt, context: RequestContext, uses: ReadonlyArray<SchemeUse>, values: ReadonlyArray<CredentialValue>): Promise<Response> {
  uses.forEach((use, i) => {
    try {
      applyCredential(attempt, use.scheme!, values[i]!);
    } catch (error) {
      throw invalid(attempt, context, `the credential for security scheme "${use.name}" (${describeScheme(use.scheme!)}) cannot be sent: ${(error as Error).message}`, error);
    }
  });
  return send(attempt, context);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function unmetError(attempt: Attempt, context: RequestContext, unmet: ReadonlyArray<ReadonlyArray<SchemeUse>>) {
  const named = (use: SchemeUse) => `"${use.name}" (${use.scheme ? describeScheme(use.scheme) : 'not in the spec'})`;
  const alternatives = unmet.map((uses) => uses.filter((use) => use.availability === 'missing').map(named).join(' + '));
  const needs = alternatives.length === 1 ? `credentials for security scheme ${alternatives[0]}` : `credentials for one of: ${alternatives.join('; ')}`;
  const first = unmet[0]!.find((use) => use.availability === 'missing')!;
  return invalid(attempt, context, `${context.meta.id} needs ${needs}; set options.credentials.${first.name}`);
}

function providerFailed(attempt: Attempt, context: RequestContext, use: SchemeUse, error: unknown) {
  return invalid(attempt, context, `the credential function for security scheme "${use.name}" failed`, error);
}

function invalid(attempt: Attempt, context: RequestContext, summary: string, cause?: unknown) {
  // VALIDATION, source client, never sent, never retried; the summary names no value.
  return createNetworkError({ method: attempt.method, url: attempt.url, attempts: context.stats.attempts, reason: 'invalid-input', summary, cause });
}
