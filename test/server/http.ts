/**
 * HTTP plumbing shared by the routes: the Reply value handlers return, RFC 9457 problems, body
 * reading, and turning a Reply into bytes on the wire.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Issue } from './validate.js';

/** What a handler returns; the pipeline serialises it (and may corrupt it for a fault). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialisable value, or a string/Buffer sent as is. Absent for 204/304. */
  body?: unknown;
  /** Defaults to application/json when there is a body. */
  contentType?: string;
}

/** A reply reduced to bytes: what the idempotency store keeps and replays byte-identically. */
export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export const PROBLEM_BASE = 'https://api.shop.example.com/problems/';
export const PROBLEM_JSON = 'application/problem+json';

/** Thrown by handlers to answer with `reply` at once. */
export class HttpError extends Error {
  constructor(readonly reply: Reply) {
    super(`HTTP ${reply.status}`);
    this.name = 'HttpError';
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, ...(headers && { headers }) };
}

export function problem(
  status: number,
  slug: string,
  title: string,
  detail?: string,
  extra?: { headers?: Record<string, string>; members?: Record<string, unknown> },
): Reply {
  const body = { type: PROBLEM_BASE + slug, title, status, ...(detail !== undefined && { detail }), ...extra?.members };
  return { status, body, contentType: PROBLEM_JSON, ...(extra?.headers && { headers: extra.headers }) };
}

export function fail(...args: Parameters<typeof problem>): never {
  throw new HttpError(problem(...args));
}

export type Location = 'body' | 'query' | 'path' | 'header';

/** A 422 ValidationProblem listing every issue. */
export function validationProblem(issues: Issue[], location: Location): Reply {
  const errors = issues.map((i) => ({ pointer: i.pointer || '/', detail: i.detail, location, code: i.code }));
  const detail = `${errors.length} field${errors.length === 1 ? ' is' : 's are'} invalid.`;
  return problem(422, 'validation', 'Your request is not valid.', detail, { members: { errors } });
}

export const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 413: 'Content Too Large',
  415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

/** A problem for a bare status, used by status faults and unexpected errors. */
export function statusProblem(status: number, detail?: string): Reply {
  const title = STATUS_TEXT[status] ?? `HTTP ${status}`;
  return problem(status, title.toLowerCase().replace(/\s+/g, '-'), title, detail);
}

export function toWire(reply: Reply, instance: string): WireReply {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(reply.headers ?? {})) headers[k.toLowerCase()] = v;
  if (reply.body === undefined) return { status: reply.status, headers, body: Buffer.alloc(0) };
  let body = reply.body;
  const contentType = reply.contentType ?? 'application/json';
  if (contentType === PROBLEM_JSON && isRecord(body) && body.instance === undefined) body = { ...body, instance };
  headers['content-type'] ??= /json/.test(contentType) ? `${contentType}; charset=utf-8` : contentType;
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  return { status: reply.status, headers, body: bytes };
}

/** Writes a complete response, unless the client is gone. */
export function writeWire(res: ServerResponse, wire: WireReply, extraHeaders: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const headers = { ...wire.headers, ...extraHeaders };
  if (wire.status !== 204 && wire.status !== 304) headers['content-length'] = String(wire.body.length);
  res.writeHead(wire.status, headers);
  res.end(wire.status === 204 || wire.status === 304 ? undefined : wire.body);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads the request body, at most `limit` bytes (413 beyond that). */
export function readBody(req: IncomingMessage, limit = 1 << 20): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new HttpError(problem(413, 'body-too-large', 'Request body too large.', `The limit is ${limit} bytes.`)));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

/** Parses a JSON request body; 415 for a non-JSON content type, 400 for malformed JSON. */
export function parseJsonBody(req: IncomingMessage, raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && !/^application\/([\w.+-]+\+)?json$/.test(type)) {
    fail(415, 'unsupported-media-type', 'Unsupported media type.', `Send application/json, not ${type}.`);
  }
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch (error) {
    return fail(400, 'malformed-json', 'The request body is not valid JSON.', (error as Error).message);
  }
}
