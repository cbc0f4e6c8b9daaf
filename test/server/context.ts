/**
 * What a route handler gets: the request, its parsed and validated parts, the signed-in user,
 * and the server's services (Deps).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TokenService } from './auth.js';
import type { FaultController } from './faults.js';
import { fail, type Reply } from './http.js';
import type { IdempotencyStore } from './idempotency.js';
import type { Ledger } from './ledger.js';
import type { Spec } from './spec.js';
import type { SseHub } from './sse.js';
import type { Store } from './store.js';
import type { Timers } from './timers.js';
import type { RequestLogEntry, User } from './types.js';

export interface Deps {
  store: Store;
  tokens: TokenService;
  ledger: Ledger;
  idempotency: IdempotencyStore;
  faults: FaultController;
  timers: Timers;
  spec: Spec;
  sse: SseHub;
  requests: RequestLogEntry[];
  now: () => number;
  /** Restores the seed state (TestServer.reset). */
  reset(): void;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without query string. */
  path: string;
  /** Path parameters by name, URL-decoded. */
  params: Record<string, string>;
  /** Query parameters coerced to their schema types and validated against the spec. */
  query: Record<string, unknown>;
  /** Parsed JSON body (validated against the spec), undefined when there was none. */
  body: unknown;
  requestId: string;
  /** The signed-in user, on routes that require auth. */
  user: User | undefined;
  accessToken: string | undefined;
  /** The Idempotency-Key, on routes that require one. */
  idempotencyKey: string | undefined;
  deps: Deps;
}

export interface Route {
  /** The spec operation this route implements; its method and path come from the spec. */
  operationId: string;
  /** Requires a valid access token (default true). */
  auth?: boolean;
  /** Requires and enforces an Idempotency-Key header. */
  idempotencyKey?: boolean;
  /**
   * How malformed or invalid request bodies are answered: `problem` (422 ValidationProblem,
   * default) or `oauth` (400 `{ error: 'invalid_request' }`, for the token endpoint).
   */
  errorStyle?: 'problem' | 'oauth';
  /** Returns the reply, or 'streamed' when it wrote the response itself (SSE). */
  handle(ctx: Ctx): Reply | 'streamed' | Promise<Reply | 'streamed'>;
}

/** The signed-in user; only valid on routes with auth. */
export function me(ctx: Ctx): User {
  return ctx.user ?? fail(401, 'unauthorized', 'Sign in first.');
}

export function header(ctx: Ctx, name: string): string | undefined {
  const value = ctx.req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}
