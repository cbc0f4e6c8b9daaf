/**
 * Logging: `createLog` turns the app's `logger` (anything console-shaped) into the SDK's log,
 * which filters by `logLevel` and redacts every line on the way out; `logging()` is the layer
 * just above the transport that logs each attempt as sent.
 *
 * It sits inside auth, retry, redirect and timeout on purpose: it sees every attempt and every
 * redirect hop, with the headers that really went out (the bearer token included), which is
 * exactly why redaction is built into the log rather than left to each caller. Bodies are
 * never logged: they hold passwords, tokens and personal data, and reading them would consume
 * the stream.
 */
import { isNetworkError } from '../errors/network-error.js';
import { REDACTED, isSecretFieldName, redactHeaders, redactLogUrl, redactText, type Redaction } from './redact.js';
import type { Attempt, FetchLike, LogFields, LogLevel, Logger, Middleware, RequestContext } from './types.js';

/** What `createLog` needs, resolved by options.ts. */
export interface LogOptions {
  /** Where lines go; `globalThis.console` (looked up per line) when undefined. */
  readonly logger: Logger | undefined;
  readonly level: LogLevel;
  readonly redaction: Redaction;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, off: Infinity };
type Severity = Exclude<LogLevel, 'off'>;

// Deep enough for an error's toJSON with its data; a cycle or a huge graph stops here.
const MAX_DEPTH = 5;

// The threshold of each log createLog made, so a layer can skip building a line nobody keeps.
const thresholds = new WeakMap<Logger, number>();

/**
 * False only when `log` is one createLog made and its level drops `severity`: then the caller
 * can skip building the line (template strings, field objects) on every request. A logger the
 * SDK did not make (a test's, a wrapper) is assumed to want everything.
 */
export function logsAt(log: Logger, severity: Severity): boolean {
  const threshold = thresholds.get(log);
  return threshold === undefined || RANK[severity] >= threshold;
}

/** The SDK's log: level-filtered and redacting. A throwing logger never fails a request. */
export function createLog(options: LogOptions): Logger {
  const threshold = RANK[options.level];
  const emit = (severity: Severity) => (message: string, fields?: LogFields) => {
    if (RANK[severity] < threshold) return;
    const target: Partial<Logger> | undefined = options.logger ?? (globalThis.console as Partial<Logger> | undefined);
    const write = target?.[severity];
    if (typeof write !== 'function') return;
    const line = `[tether] ${redactMessage(message, options.redaction)}`;
    try {
      if (fields === undefined) write.call(target, line);
      else write.call(target, line, sanitise(fields, options.redaction, 0) as LogFields);
    } catch {
      // The app's logger failing is not the request failing; there is nowhere left to report it.
    }
  };
  const log: Logger = Object.freeze({ debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') });
  thresholds.set(log, threshold);
  return log;
}

/** Free text may embed URLs (`→ GET https://…?token=…`): those are redacted like `url` fields. */
function redactMessage(message: string, redaction: Redaction): string {
  return redactText(message.replace(/\bhttps?:\/\/[^\s"'<>]+/gi, (url) => redactLogUrl(url, redaction)));
}

/**
 * Copies `value` for a log line: header maps redacted, `…url` fields stripped of secret query
 * values, secret-named fields masked, errors reduced to their safe JSON, strings scrubbed of
 * `Bearer …` credentials.
 */
function sanitise(value: unknown, redaction: Redaction, depth: number, key = ''): unknown {
  if (typeof value === 'string') {
    return /url$/i.test(key) ? redactText(redactLogUrl(value, redaction)) : redactMessage(value, redaction);
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (typeof Headers !== 'undefined' && value instanceof Headers) return redactHeaders(value, redaction);
  if (key.toLowerCase() === 'headers' && !Array.isArray(value)) return redactHeaders(value as Record<string, unknown>, redaction);
  if (isNetworkError(value)) return sanitise(value.toJSON(), redaction, depth + 1);
  if (value instanceof Error) return { name: value.name, message: redactMessage(value.message, redaction) };
  if (Array.isArray(value)) return value.map((item) => sanitise(item, redaction, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    out[name] = isSecretFieldName(name) && field !== undefined && field !== null ? REDACTED : sanitise(field, redaction, depth + 1, name);
  }
  return out;
}

/** Injectable clock for durations (tests pin it). */
export interface LoggingOptions {
  readonly now?: (() => number) | undefined;
}

/**
 * Layer logging each attempt at `debug`: the request as sent (headers included, redacted) and
 * its answer (status, duration to headers, request id, headers), or the failure. Never above
 * debug: what matters to a reader at `warn` is one line per event, written where the event is
 * understood: the retry layer's "retrying" line, and the call's outcome (service/call.ts).
 */
export function logging(options: LoggingOptions = {}): Middleware {
  return (next) => (attempt, context) => {
    const log = context.log;
    // At the default level nothing here is kept: pass the attempt straight on, without the
    // fields, the clock reads and the extra promise of an async layer.
    if (!log || !logsAt(log, 'debug')) return next(attempt, context);
    return logAttempt(next, attempt, context, log, options.now ?? defaultNow);
  };
}

/** One attempt, logged as sent and as answered (or failed), at debug. */
async function logAttempt(next: FetchLike, attempt: Attempt, context: RequestContext, log: Logger, now: () => number): Promise<Response> {
  const base = {
    operation: context.meta.id,
    method: attempt.method,
    url: attempt.url,
    attempt: context.attempt,
  };
  log.debug(`→ ${attempt.method} ${attempt.url}`, { ...base, headers: attempt.headers });
  const started = now();
  let response: Response;
  try {
    response = await next(attempt, context);
  } catch (error) {
    const fields = { ...base, durationMs: elapsed(now, started), requestId: attempt.headers.get('x-request-id') ?? undefined, error };
    log.debug(`✕ ${attempt.method} ${attempt.url} ${context.signal?.aborted ? 'cancelled' : 'failed without a response'}`, fields);
    throw error;
  }
  log.debug(`← ${response.status} ${attempt.method} ${attempt.url}`, {
    ...base,
    status: response.status,
    durationMs: elapsed(now, started),
    requestId: response.headers.get('x-request-id') ?? response.headers.get('request-id') ?? attempt.headers.get('x-request-id') ?? undefined,
    headers: response.headers,
  });
  return response;
}

function elapsed(now: () => number, started: number): number {
  return Math.round(now() - started);
}

function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
