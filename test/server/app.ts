/**
 * The request pipeline. For each request:
 *   X-Request-Id + CORS → control endpoints (never logged, never faulted) → request log →
 *   fault lookup → request faults → route → body → auth → query/body validation →
 *   Idempotency-Key claim → latency fault → handler → idempotency store → response faults → wire.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken } from './auth.js';
import { answerPreflight, setCorsHeaders } from './cors.js';
import type { Ctx, Deps, Route } from './context.js';
import { destroyConnection, isResponseFault, writeWithFault } from './fault-responses.js';
import type { Fault } from './faults.js';
import { writeHostile } from './hostile.js';
import {
  HttpError, fail, parseJsonBody, problem, readBody, statusProblem, toWire, validationProblem, writeWire,
  type Reply, type WireReply,
} from './http.js';
import { fingerprint, type Claim } from './idempotency.js';
import { readQuery } from './query.js';
import type { Router } from './router.js';
import { handleControl } from './routes/control.js';
import { handleCacheLab } from './routes/cache-lab.js';
import { handleEcho } from './routes/echo.js';
import { handleRespond } from './routes/respond.js';
import { handleRedirect } from './routes/redirect.js';
import { validate } from './validate.js';

export interface App {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends requests held by `hang` faults. */
  releaseHung(): void;
}

const REALM = 'Bearer realm="shop"';

export function createApp(deps: Deps, router: Router): App {
  const hung = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && /^[\x21-\x7e]{1,200}$/.test(incoming) ? incoming : randomUUID();
    res.setHeader('x-request-id', requestId);
    setCorsHeaders(res);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;

    if (method === 'OPTIONS' && req.headers['access-control-request-method']) return answerPreflight(res);
    if (path.startsWith('/__control/')) return handleControl(req, res, method, path, deps);
    if (path.startsWith('/__echo/')) return handleEcho(req, res, method);
    if (path.startsWith('/__respond/')) return handleRespond(req, res);
    if (path === '/__redirect' || path.startsWith('/__redirect/')) return handleRedirect(req, res);

    deps.requests.push({ method, path, url: path + url.search, headers: { ...req.headers }, requestId, at: deps.now() });
    const fault = deps.faults.take(method, path);
    switch (fault?.type) {
      case 'reset-before':
        return destroyConnection(res);
      case 'hang':
        hung.add(res);
        res.once('close', () => hung.delete(res));
        return;
      case 'rate-limit':
        return writeWire(res, toWire(rateLimitReply(fault), path));
      case 'status':
        if (!fault.commit) return writeWire(res, statusFaultWire(fault, path));
        break;
      case 'deep-json': case 'big-body': case 'content-type': case 'huge-header': case 'raw':
        return writeHostile(res, fault);
    }
    if (path.startsWith('/__cache/')) return handleCacheLab(req, res, method, deps); // logged and faultable, outside the spec

    const match = router.match(method, path);
    if (match.kind === 'not-found') return writeWire(res, toWire(problem(404, 'not-found', 'No such endpoint.', `${method} ${path}`), path));
    if (match.kind === 'method-not-allowed') {
      const reply = problem(405, 'method-not-allowed', 'Method not allowed.', `${path} allows ${match.allow.join(', ')}.`, { headers: { allow: match.allow.join(', ') } });
      return writeWire(res, toWire(reply, path));
    }

    const { route, operation } = match;
    let claim: Claim | undefined;
    let reply: Reply | 'streamed';
    try {
      const raw = await readBody(req);
      const ctx: Ctx = {
        req, res, method, path, params: match.params, query: {}, body: undefined, requestId,
        user: undefined, accessToken: undefined, idempotencyKey: undefined, deps,
      };
      authenticate(ctx, route, fault);
      prepare(ctx, route, raw, url.searchParams, operation.requestSchema, operation.requestBodyRequired, operation);

      if (route.idempotencyKey) {
        const key = ctx.req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length === 0 || key.length > 255) {
          fail(400, 'idempotency-key-missing', 'Idempotency-Key header is required.', 'Send a unique Idempotency-Key (1-255 characters) and reuse it on retries.');
        }
        ctx.idempotencyKey = key;
        claim = deps.idempotency.claim(ctx.user?.id ?? '', key, fingerprint(method, path, ctx.body));
        if (claim.state === 'in-flight') {
          fail(409, 'idempotency-key-in-flight', 'A request with this Idempotency-Key is still being processed.', 'Retry after the first request completes.', { headers: { 'retry-after': '1' } });
        }
        if (claim.state === 'mismatch') {
          fail(422, 'idempotency-key-reused', 'This Idempotency-Key was used with a different request body.', 'Use a new Idempotency-Key for a different request.');
        }
        if (claim.state === 'done') {
          const replay = { ...claim.reply, headers: { ...claim.reply.headers, 'idempotent-replayed': 'true' } };
          return finish(res, replay, fault, path);
        }
      }
      if (fault?.type === 'latency' && !(await deps.timers.sleep(fault.ms))) {
        if (claim?.state === 'new') claim.release();
        return destroyConnection(res); // the server is closing
      }
      reply = await route.handle(ctx);
    } catch (error) {
      reply = toReply(error, method, path, requestId);
    }
    if (reply === 'streamed') return;
    const wire = toWire(reply, path);
    if (claim?.state === 'new') claim.complete(wire);
    finish(res, wire, fault, path);
  }

  function finish(res: ServerResponse, wire: WireReply, fault: Fault | undefined, path: string): void {
    if (fault?.type === 'status' && fault.commit) return writeWire(res, statusFaultWire(fault, path));
    if (isResponseFault(fault)) return writeWithFault(res, wire, fault, deps.timers);
    writeWire(res, wire);
  }

  return {
    handle(req, res) {
      handle(req, res).catch((error: unknown) => {
        // Reaching here is a bug in the server itself; never leave the client hanging.
        console.error('[test-server] unhandled', error);
        if (!res.headersSent) writeWire(res, toWire(statusProblem(500), ''));
        else res.destroy();
      });
    },
    releaseHung() {
      for (const res of [...hung]) destroyConnection(res);
      hung.clear();
    },
  };
}

function authenticate(ctx: Ctx, route: Route, fault: Fault | undefined): void {
  if (route.auth === false) return;
  const { tokens, store } = ctx.deps;
  const header = ctx.req.headers.authorization;
  const token = bearerToken(header);
  if (!token) {
    fail(401, 'unauthorized', 'Authentication required.', 'Send Authorization: Bearer <access token>.', { headers: { 'www-authenticate': REALM } });
  }
  if (fault?.type === 'expire-token') tokens.expire(token);
  const check = tokens.check(token);
  const user = check.ok ? store.userById(check.userId) : undefined;
  if (!check.ok || !user) {
    const reason = check.ok ? 'revoked' : check.reason;
    const description = `The access token is ${reason === 'unknown' ? 'not valid' : reason}`;
    fail(401, 'invalid-token', 'The access token is not valid.', `${description}; refresh it or sign in again.`, {
      headers: { 'www-authenticate': `${REALM}, error="invalid_token", error_description="${description}"` },
    });
  }
  ctx.user = user;
  ctx.accessToken = token;
}

/** Parses and validates query and body; 422 (or OAuth 400) on the first invalid part. */
function prepare(
  ctx: Ctx,
  route: Route,
  raw: Buffer,
  search: URLSearchParams,
  schema: Record<string, unknown> | undefined,
  required: boolean,
  operation: Parameters<typeof readQuery>[0],
): void {
  const root = ctx.deps.spec.document;
  try {
    const query = readQuery(operation, search, root);
    if (query.issues.length > 0) throw new HttpError(validationProblem(query.issues, 'query'));
    ctx.query = query.values;
    ctx.body = parseJsonBody(ctx.req, raw);
    if (!schema) return;
    const issues = ctx.body === undefined
      ? required ? [{ pointer: '', detail: 'a JSON request body is required', code: 'required' }] : []
      : validate(schema, ctx.body, root);
    if (issues.length > 0) throw new HttpError(validationProblem(issues, 'body'));
  } catch (error) {
    if (route.errorStyle !== 'oauth' || !(error instanceof HttpError)) throw error;
    const body = error.reply.body as { detail?: string; errors?: Array<{ pointer: string; detail: string }> };
    const first = body.errors?.[0];
    const description = first ? `${first.pointer.slice(1) || 'body'} ${first.detail}` : body.detail ?? 'Malformed request.';
    throw new HttpError({ status: 400, body: { error: 'invalid_request', error_description: description } });
  }
}

function rateLimitReply(fault: Extract<Fault, { type: 'rate-limit' }>): Reply {
  const headers: Record<string, string> = {};
  if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
  if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = fault.retryAfterMs;
  const status = fault.status ?? 429;
  const title = status === 429 ? 'Too many requests.' : 'Service unavailable.';
  return problem(status, status === 429 ? 'rate-limited' : 'unavailable', title, 'Slow down and retry later.', { headers });
}

function statusFaultWire(fault: Extract<Fault, { type: 'status' }>, path: string): WireReply {
  const base = fault.body === undefined
    ? statusProblem(fault.status, 'Injected fault.')
    : { status: fault.status, body: fault.body, contentType: typeof fault.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json' };
  return toWire({ ...base, headers: { ...base.headers, ...fault.headers } }, path);
}

function toReply(error: unknown, method: string, path: string, requestId: string): Reply {
  if (error instanceof HttpError) return error.reply;
  if (error instanceof Error && error.message === 'request aborted') return statusProblem(400, 'The request was aborted.');
  console.error(`[test-server] ${method} ${path} (${requestId}) failed:`, error);
  return statusProblem(500, 'Unexpected error; see the server log.');
}
