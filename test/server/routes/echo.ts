/**
 * /__echo: answers with exactly what arrived, for wire-fidelity tests (parameter styles, body
 * media types, credentials) of specs other than the Shop API. Outside the spec on purpose: it
 * serves any method and path under /__echo, never logged, never faulted, no auth.
 *
 *   ANY /__echo/<anything>  → 200 application/json
 *     { method, rawPath, rawQuery, headers, contentType, bodyBase64 }
 *   `rawPath` and `rawQuery` are as sent (not percent-decoded), so a test compares the bytes a
 *   serializer produced; `headers` are lower-cased as Node gives them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.js';

/** What /__echo answers. */
export interface EchoReply {
  readonly method: string;
  readonly rawPath: string;
  readonly rawQuery: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly contentType: string | undefined;
  readonly bodyBase64: string;
}

/** Handles one /__echo request. */
export async function handleEcho(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  const raw = req.url ?? '/';
  const q = raw.indexOf('?');
  let body: Buffer;
  try {
    body = await readBody(req, 8 << 20);
  } catch {
    res.writeHead(413, { 'content-type': 'text/plain' });
    return void res.end('body too large');
  }
  const reply: EchoReply = {
    method,
    rawPath: q === -1 ? raw : raw.slice(0, q),
    rawQuery: q === -1 ? '' : raw.slice(q + 1),
    headers: { ...req.headers },
    contentType: req.headers['content-type'],
    bodyBase64: body.toString('base64'),
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(reply));
}
