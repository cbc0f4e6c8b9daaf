/**
 * Shared by the test/backend suites, which test the reference Shop API server (test/server/)
 * over real loopback HTTP with undici. Responses are checked against openapi/v1/openapi.yaml
 * with the server's own validator, so the server and the spec are held to each other.
 */
import * as assert from 'uvu/assert';
import { Agent, fetch, type Response } from 'undici';
import type { ServerOptions, TestServer, Tokens } from '../server/index.js';
import { loadSpec } from '../server/spec.js';
import { validate } from '../server/validate.js';
import { serverSuite, type ServerContext } from '../helpers/server-suite.js';

export { validate };

// Short keep-alive: the servers close their sockets after each suite anyway.
export const agent = new Agent({ keepAliveTimeout: 500, keepAliveMaxTimeout: 500 });
export const spec = loadSpec();

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test bodies are inspected ad hoc
export type Json = any;

export interface Reply {
  status: number;
  headers: Response['headers'];
  text: string;
  body: Json;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function call(server: TestServer, method: string, path: string, options: CallOptions = {}): Promise<Reply> {
  const res = await send(server, method, path, options);
  const text = await res.text();
  let body: Json;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

export function send(server: TestServer, method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(server.url + path, {
    method,
    headers,
    dispatcher: agent,
    ...(options.json !== undefined && { body: JSON.stringify(options.json) }),
    ...(options.signal && { signal: options.signal }),
  });
}

export async function login(server: TestServer, email = 'alice@example.com'): Promise<Tokens> {
  const r = await call(server, 'POST', '/auth/login', { json: { email, password: 'password123' } });
  assert.is(r.status, 200, r.text);
  return r.body as Tokens;
}

/** Asserts that `body` matches the spec's response schema for an operation and status. */
export function conforms(operationId: string, status: number, body: unknown): void {
  const schema = spec.responseSchema(operationId, status);
  assert.ok(schema, `spec declares ${operationId} ${status}`);
  assert.equal(validate(schema, body, spec.document), [], `${operationId} ${status} body conforms to the spec`);
}

export const address = { name: 'Alice Example', line1: '1 Main Street', city: 'Berlin', postalCode: '10115', country: 'DE' };
export const orderBody = (extra: Record<string, unknown> = {}) => ({ items: [{ sku: 'MUG-LOGO', quantity: 2 }], shippingAddress: address, ...extra });

/** Resolves after `ms` of real time (only where a test must let the server's own timers run). */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function createOrder(server: TestServer, token: string, key: string = crypto.randomUUID(), body: unknown = orderBody()): Promise<Reply> {
  return call(server, 'POST', '/orders', { token, json: body, headers: { 'idempotency-key': key } });
}

/** A suite with its own server (reset before each test); tests read `ctx.server`. */
export function backendSuite(name: string, options: ServerOptions = {}) {
  const ctx = {} as ServerContext;
  const s = serverSuite(name, {
    server: options,
    beforeEach: (context) => {
      ctx.server = context.server;
    },
  });
  return { s, ctx };
}
