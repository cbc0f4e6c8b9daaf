/**
 * The call runner: turns `(meta, init, options)` into a request through openapi-fetch (which
 * builds the URL, query and headers), sends it through the network pipeline, and settles with
 * the success body or a NetworkError. This is the only place a raw failure becomes an error
 * the app sees, so nothing escapes unclassified.
 */
import createClient from 'openapi-fetch';
import { createNetworkError, type FailureDetails } from '../errors/create-network-error.js';
import { formatPath, toFieldErrors, type ValidationIssue } from '../errors/field-errors.js';
import { NetworkError, NetworkErrorType } from '../errors/network-error.js';
import type { FetchLike, Logger, RequestContext } from '../network/types.js';
import { resolveCallOptions, type CallOptions, type ResolvedSdkOptions } from '../options.js';
import { contentTypeFor, isOneShotBody, serializeBody } from './body.js';
import { applyIdempotencyKey } from './idempotency.js';
import type { HeadersInit, OperationMeta } from './operation.js';
import { issuesOf, requestIssues, resolveValidateMode, responseSchema } from './validate.js';

/** Runs one operation call; resolves with the parsed success body. */
export type CallRunner = (meta: OperationMeta, init: unknown, options: CallOptions | undefined) => Promise<unknown>;

/**
 * A call option key (not part of the public CallOptions) through which `.safe()`, `.raw()` and
 * the pagers receive the final Response. A symbol, so it passes through any wrapper that
 * forwards call options unchanged and can never clash with a real option.
 */
export const RESPONSE_SINK: unique symbol = Symbol('tether.responseSink');

/** Receives the call's final Response (its body already read, or released). */
export type ResponseSink = (response: Response) => void;

type ParseAs = 'json' | 'text' | 'blob' | 'stream';

// 'none' still reads the body (as text, then drops it) so the connection can be reused.
const PARSE_AS: Record<OperationMeta['responseKind'], ParseAs> = {
  json: 'json',
  text: 'text',
  blob: 'blob',
  stream: 'stream',
  none: 'text',
};

/** The call's first argument as openapi-fetch understands it. */
interface CallInit {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly query?: Readonly<Record<string, unknown>>;
    readonly header?: Readonly<Record<string, unknown>>;
  };
  readonly body?: unknown;
  readonly headers?: HeadersInit;
}

/**
 * The slice of openapi-fetch's client we use. Its own types are keyed by a `paths` type; the
 * runner is shared by every operation of every spec, so it talks to the client untyped and
 * the generated `OperationMethod<Op>` carries the typing instead.
 */
interface UntypedClient {
  request(
    method: string,
    path: string,
    init: {
      params: CallInit['params'];
      body: unknown;
      headers: HeadersInit;
      signal: AbortSignal | undefined;
      parseAs: ParseAs;
      bodySerializer: (body: unknown) => unknown;
      fetch: (request: Request) => Promise<Response>;
    },
  ): Promise<{ data?: unknown; error?: unknown; response: Response }>;
}

/** Creates the runner for one runtime: one openapi-fetch client, one pipeline. */
export function createCallRunner(options: ResolvedSdkOptions, pipeline: FetchLike): CallRunner {
  const client = createClient({ baseUrl: options.baseUrl, headers: options.headers }) as unknown as UntypedClient;

  return async function call(meta, rawInit, rawOptions) {
    const callOptions = resolveCallOptions(options, rawOptions);
    const validate = resolveValidateMode(rawOptions?.validate, options.validate);
    const signal = rawOptions?.signal;
    const context: RequestContext = { meta, options: callOptions, signal, attempt: 1, stats: { attempts: 0 }, replayable: !isOneShotBody((rawInit as CallInit | undefined)?.body), log: options.log };
    const init = applyIdempotencyKey(meta, (rawInit ?? {}) as CallInit, callOptions.idempotencyKey, undefined, options.idempotency);
    const parseAs = PARSE_AS[meta.responseKind];

    let sent: Request | undefined;
    let received: Response | undefined;
    const fail = (details: Omit<FailureDetails, 'method' | 'url' | 'attempts'>): NetworkError =>
      logOutcome(options.log, createNetworkError({
        // Before a Request exists (e.g. the body failed to serialise) name the path template.
        method: sent?.method ?? meta.method,
        url: sent?.url ?? `${options.baseUrl}${meta.path}`,
        attempts: context.stats.attempts,
        validationMappers: options.validationMappers,
        ...details,
      }));

    // Client-side validation: before any network use, after the idempotency key is applied.
    if (validate !== 'off') {
      const issues = await requestIssues(meta, init);
      if (issues.length > 0) {
        if (validate === 'strict') {
          throw logOutcome(options.log, new NetworkError({
            type: NetworkErrorType.VALIDATION,
            summary: `Request to ${meta.id} is invalid (${describe(issues)})`,
            method: meta.method,
            url: `${options.baseUrl}${meta.path}`,
            fieldErrors: toFieldErrors(issues),
            issues,
            source: 'client',
          }));
        }
        options.log.warn(`request to ${meta.id} does not match the spec (${describe(issues)}); sending it anyway`);
      }
    }

    const contentType = contentTypeFor(init.body, meta.requestContentType);
    let result: Awaited<ReturnType<UntypedClient['request']>>;
    try {
      result = await client.request(meta.method, meta.path, {
        params: init.params,
        body: init.body,
        // Ours first so a Content-Type the caller sets wins.
        headers: { ...(contentType && { 'Content-Type': contentType }), ...init.headers },
        signal,
        parseAs,
        bodySerializer: (body) => serializeBody(body, meta.requestContentType),
        fetch: async (request) => {
          sent = request;
          received = await pipeline(request, context);
          return received;
        },
      });
    } catch (error) {
      // The caller's abort wins over whatever the aborted fetch threw on its way out.
      throw fail({ cause: error, response: received, reason: signal?.aborted ? 'cancelled' : undefined });
    }

    const { response } = result;
    (rawOptions as { [RESPONSE_SINK]?: ResponseSink } | undefined)?.[RESPONSE_SINK]?.(response);
    if (!response.ok) {
      // openapi-fetch hands back '' for an empty error body; that is "no data".
      throw fail({ response, data: result.error === '' ? undefined : result.error });
    }
    // 204 / HEAD / Content-Length: 0 bodies are never read by openapi-fetch; release them.
    if (parseAs !== 'stream' && response.body && !response.bodyUsed) {
      await response.body.cancel();
    }
    const data = meta.responseKind === 'none' ? undefined : result.data;
    const schema = validate === 'off' ? undefined : responseSchema(meta, response.status, init.params?.query);
    const issues = schema && (await issuesOf(schema, data));
    if (issues) {
      const what = `Response of ${meta.id} (${response.status}) does not match the spec (${describe(issues)})`;
      if (validate === 'strict') {
        throw logOutcome(options.log, new NetworkError({
          type: NetworkErrorType.UNKNOWN,
          summary: what,
          method: sent?.method ?? meta.method,
          url: sent?.url ?? `${options.baseUrl}${meta.path}`,
          status: response.status,
          data,
          issues,
          attempts: context.stats.attempts,
          requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? undefined,
        }));
      }
      options.log.warn(`${what}; passing the data through`);
    }
    return data;
  };
}

/**
 * `at items[0].quantity, note`: the failing paths, at most five, for messages and logs. Paths
 * only: validator messages may quote the value (valibot's regex messages do), and error
 * messages end up in logs and crash reports. The full issues stay on `error.issues`.
 */
function describe(issues: ReadonlyArray<ValidationIssue>): string {
  const paths = [...new Set(issues.map((i) => formatPath(i.path) || '(root)'))];
  const more = paths.length > 5 ? ` and ${paths.length - 5} more` : '';
  return `at ${paths.slice(0, 5).join(', ')}${more}`;
}

/**
 * The call's final outcome, once: faults of the network or server at `error`, answers about
 * the request itself (4xx) at `warn`, the caller's own abort at `debug`.
 */
function logOutcome(log: Logger, error: NetworkError): NetworkError {
  const level = error.type === 'CANCELLED' ? 'debug' : error.status !== undefined && error.status < 500 ? 'warn' : 'error';
  log[level](`call failed: ${error.message}`, { error });
  return error;
}
