/**
 * The call runner: turns `(meta, init, options)` into one Attempt (build-attempt.ts, with
 * openapi-fetch's URL and header serializers), sends it through the network pipeline, and settles with
 * the success body or a NetworkError. This is the only place a raw failure becomes an error
 * the app sees, so nothing escapes unclassified.
 */
import { createNetworkError, type FailureDetails } from '../errors/create-network-error.js';
import { formatPath, toFieldErrors, type ValidationIssue } from '../errors/field-errors.js';
import { NetworkError, NetworkErrorType } from '../errors/network-error.js';
import type { Attempt, CallStats, FetchLike, Logger, PlatformFetch, RequestContext } from '../network/types.js';
import { resolveCallOptions, type ResolvedNetworkOptions } from '../network/options.js';
import { isOneShotBody } from './body.js';
import { createDeprecationWatch } from './deprecation.js';
import { attemptBuilder, type CallInit } from './build-attempt.js';
import { applyIdempotencyKey } from './idempotency.js';
import type { CallOptions, ResolvedServiceOptions } from './options.js';
import type { OperationMeta } from '../contract/operation.js';
import { isThenable, issuesOf, requestIssues, resolveValidateMode, responseSchema } from './validate.js';
import { readBytes, readText, ResponseTooLargeError } from './read-body.js';
import { bodyDeadlineOf, releaseBody } from '../network/body-deadline.js';
import { requestInputIssues } from './request-checks.js';
import { answerKind } from './body/answer-kind.js';
import { refusalBeforeSend, refusalReason } from './refused-request.js';
import { RequestBodyError, UnexpectedContentTypeError } from './body/errors.js';

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

/**
 * A call option key (like RESPONSE_SINK) giving one call its own transport instead of the
 * SDK's fetch: the event-stream client's XHR fallback (repository/sse/), still behind every layer.
 */
export const STREAM_FETCH: unique symbol = Symbol('tether.streamFetch');

/**
 * Sends one built attempt of a call: by default the network pipeline itself; the repository
 * layer (cache, batching) hands in its own around the pipeline. It sees the call's raw options
 * (per-call `cache`, sinks) and resolves with the Response the runner reads as usual.
 */
export type CallExchange = (attempt: Attempt, context: RequestContext, options: CallOptions | undefined) => Promise<Response>;

/** Creates the runner for one runtime: one attempt builder, one pipeline. */
export function createCallRunner(options: ResolvedNetworkOptions & ResolvedServiceOptions, pipeline: FetchLike, exchange?: CallExchange): CallRunner {
  const build = attemptBuilder(options.baseUrl, options.headers);
  // Most calls pass no options: those share the SDK's, resolved once here.
  const sdkCallOptions = resolveCallOptions(options, undefined);
  const deprecations = createDeprecationWatch(options.onDeprecation, options.log);

  return async function call(meta, rawInit, rawOptions) {
    const callOptions = rawOptions === undefined ? sdkCallOptions : resolveCallOptions(options, rawOptions);
    const validate = resolveValidateMode(rawOptions?.validate, options.validate);
    const signal = rawOptions?.signal;
    const context: RequestContext = { meta, options: callOptions, signal, attempt: 1, stats: { attempts: 0 }, replayable: !isOneShotBody((rawInit as CallInit | undefined)?.body), log: options.log, fetch: (rawOptions as { [STREAM_FETCH]?: PlatformFetch } | undefined)?.[STREAM_FETCH] };
    const init = applyIdempotencyKey(meta, (rawInit ?? {}) as CallInit, callOptions.idempotencyKey, undefined, options.idempotency);
    const limit = callOptions.maxResponseBytes ?? options.maxResponseBytes;

    let sent: Attempt | undefined;
    let received: Response | undefined;
    let errorData: unknown;
    let errorReadFailure: unknown;
    const where = () => ({ method: sent?.method ?? meta.method, url: sent?.url ?? `${options.baseUrl}${meta.path}` });
    const fail = (details: Omit<FailureDetails, 'method' | 'url' | 'attempts'>): NetworkError =>
      logOutcome(options.log, createNetworkError({
        // Before a Request exists (e.g. the body failed to serialise) name the path template.
        ...where(),
        attempts: context.stats.attempts,
        validationMappers: options.validationMappers,
        requestId: context.stats.requestId,
        ...details,
      }));
    const refuse = (issues: ValidationIssue[], why: string): NetworkError =>
      logOutcome(options.log, new NetworkError({
        type: NetworkErrorType.VALIDATION,
        summary: `Request to ${meta.id} ${why} (${describe(issues)})`,
        method: meta.method,
        url: `${options.baseUrl}${meta.path}`,
        fieldErrors: toFieldErrors(issues),
        issues,
        source: 'client',
      }));

    // Whatever `validate` says: a path value must stay in its segment, a header value must be
    // sendable. Cheap: a loop over the call's own parameters.
    const unsafe = requestInputIssues(meta.path, init);
    if (unsafe.length > 0) throw refuse(unsafe, 'cannot be sent safely');

    // Client-side validation: before any network use, after the idempotency key is applied.
    if (validate !== 'off') {
      let issues: ValidationIssue[];
      try {
        const found = requestIssues(meta, init);
        issues = isThenable(found) ? await found : found;
      } catch (error) {
        // A validator that throws (e.g. input nested deeper than the stack) was given bad input.
        throw fail({ cause: error, reason: 'invalid-input', summary: `Request to ${meta.id} could not be validated (${errorName(error)})` });
      }
      if (issues.length > 0) {
        if (validate === 'strict') throw refuse(issues, 'is invalid');
        options.log.warn(`request to ${meta.id} does not match the spec (${describe(issues)}); sending it anyway`);
      }
    }

    try {
      sent = build(meta, init, signal);
    } catch (error) {
      // Building the request from the call's input failed (a body that cannot be serialised,
      // a header fetch refuses): the app's input, not the network, so never CONNECTION.
      sent = undefined;
      const why = error instanceof RequestBodyError ? error.message : errorName(error);
      throw fail({ cause: error, reason: 'invalid-input', summary: `Request to ${meta.id} could not be built from its input (${why})` });
    }
    // A request fetch would refuse (a GET with a body a spec declares): VALIDATION, never sent.
    const refusal = refusalBeforeSend(sent);
    if (refusal !== undefined) throw fail({ reason: 'invalid-input', summary: `Request to ${meta.id} cannot be sent: ${refusal}` });
    try {
      received = await (exchange ? exchange(sent, context, rawOptions) : pipeline(sent, context));
    } catch (error) {
      // The caller's abort wins over whatever the aborted fetch threw on its way out.
      if (signal?.aborted) throw fail({ cause: error, reason: 'cancelled' });
      // The transport passes a Request the platform would not build on as a bare TypeError
      // (every fetch failure it turns into a NetworkError): the app's input, not the network.
      if (error instanceof TypeError) throw fail({ cause: error, reason: 'invalid-input', summary: `Request to ${meta.id} cannot be sent: ${refusalReason(sent, error)}` });
      throw fail({ cause: error });
    }
    deprecations(meta, received);
    if (!received.ok) {
      // An error answer: its body is read here, bounded.
      try {
        errorData = parseErrorBody(await readText(received, limit, bodyDeadlineOf(context.stats, received)));
      } catch (error) {
        errorReadFailure = error;
      }
    }

    const response = received!;
    (rawOptions as { [RESPONSE_SINK]?: ResponseSink } | undefined)?.[RESPONSE_SINK]?.(response);
    if (!response.ok) throw fail({ response, data: errorData, cause: errorReadFailure });

    // From here on the answer is the server's: anything that goes wrong reading, parsing or
    // checking it (invalid JSON, a body over the limit, nesting deeper than the stack) is a
    // bad answer, UNKNOWN, saying what was wrong. Never retried: the server did answer.
    let data: unknown;
    // Read by the answer's own Content-Type, checked against the declared ones (answer-kind.ts).
    let kind = meta.responseKind;
    try {
      const present = hasBody(response, sent.method);
      if (present) kind = answerKind(meta, response);
      data = await readData(kind, response, present, limit, context.stats);
    } catch (error) {
      if (error instanceof UnexpectedContentTypeError) releaseBody(response, context.stats);
      throw fail({ cause: error, response, summary: badBodySummary(error, response) });
    }
    // The spec's schemas describe the JSON answer; a text or binary one has nothing to check.
    const schema = validate === 'off' || kind !== 'json' ? undefined : responseSchema(meta, response.status, init.params?.query);
    let issues: ValidationIssue[] | undefined;
    try {
      const found = schema && issuesOf(schema, data);
      issues = isThenable(found) ? await found : found;
    } catch (error) {
      throw fail({ cause: error, response, summary: `Response of ${meta.id} (${response.status}) could not be validated (${errorName(error)}: nested too deeply?)` });
    }
    if (issues) {
      const what = `Response of ${meta.id} (${response.status}) does not match the spec (${describe(issues)})`;
      if (validate === 'strict') {
        throw logOutcome(options.log, new NetworkError({
          type: NetworkErrorType.UNKNOWN,
          summary: what,
          ...where(),
          status: response.status,
          data,
          issues,
          attempts: context.stats.attempts,
          requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? context.stats.requestId,
        }));
      }
      options.log.warn(`${what}; passing the data through`);
    }
    return data;
  };
}

/** False where openapi-fetch finds no body: 204, HEAD, `Content-Length: 0` (not chunked). */
function hasBody(response: Response, method: string): boolean {
  if (response.status === 204 || method === 'HEAD') return false;
  return response.headers.get('content-length') !== '0' || response.headers.get('transfer-encoding')?.includes('chunked') === true;
}

/**
 * The success body by the operation's response kind. `hasBody` is false where there is none
 * (see above); a body the platform still holds is released.
 */
async function readData(kind: OperationMeta['responseKind'], response: Response, hasBody: boolean, limit: number, stats: CallStats): Promise<unknown> {
  if (!hasBody || kind === 'none') {
    if (response.body && !response.bodyUsed) releaseBody(response, stats);
    return undefined;
  }
  const deadline = bodyDeadlineOf(stats, response);
  switch (kind) {
    case 'stream':
      // The app consumes it; a live stream has no total size to limit.
      return response.body;
    case 'blob': {
      const bytes = await readBytes(response, limit, deadline);
      // The part type is derived: BlobPart exists only in lib DOM, not in @types/node.
      return new Blob([bytes as NonNullable<ConstructorParameters<typeof Blob>[0]>[number]], { type: response.headers.get('content-type') ?? '' });
    }
    case 'text':
      return readText(response, limit, deadline);
    case 'json': {
      const text = await readText(response, limit, deadline);
      return text === '' ? undefined : JSON.parse(text);
    }
  }
}

/** An error answer's body: JSON when it parses, else its text; empty means no data. */
function parseErrorBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** What was wrong with a success body we could not use. */
function badBodySummary(error: unknown, response: Response): string {
  if (error instanceof ResponseTooLargeError || error instanceof UnexpectedContentTypeError) return error.message;
  const type = response.headers.get('content-type');
  const typed = type ? ` (Content-Type ${type.split(';')[0]})` : '';
  if (error instanceof SyntaxError) return `Response body of the ${response.status} answer is not valid JSON${typed}`;
  if (error instanceof RangeError) return `Response body of the ${response.status} answer is nested too deeply to parse`;
  if (error instanceof TypeError) return `Connection lost while reading the ${response.status} response body`;
  return `Could not read the ${response.status} response body${typed}`;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
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
 * The call's final outcome, once. The app receives the error itself, so a failure it can
 * handle is not logged as a problem: answers about the request (4xx, VALIDATION refused before
 * sending) and the caller's own abort are `debug`. Faults of the network or the server (5xx,
 * CONNECTION, TIMEOUT, a bad answer) get one `warn` line with the few fields a person needs;
 * the whole error (with its data) only at `debug`.
 */
function logOutcome(log: Logger, error: NetworkError): NetworkError {
  const handled = error.type === 'CANCELLED' || error.source === 'client' || (error.status !== undefined && error.status < 500);
  if (!handled) {
    log.warn(`call failed: ${error.message}`, { type: error.type, status: error.status, attempts: error.attempts, requestId: error.requestId });
  }
  log.debug(`call failed: ${error.message}`, { error });
  return error;
}
