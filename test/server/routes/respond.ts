/**
 * /__respond: answers with the status, Content-Type and body a test asks for, for content
 * negotiation tests of specs other than the Shop API (an HTML page where JSON was declared, a
 * binary answer, text vs JSON). Outside the spec on purpose, like /__echo: any method, any
 * path under /__respond, never logged, never faulted, no auth.
 *
 *   ANY /__respond/<anything>?status=200&type=text/html&body=<text>&base64=1
 *     → <status> with `content-type: <type>` (none when `type` is absent) and <body> (base64-
 *       decoded when base64=1); `x-echo-accept` repeats the request's Accept header.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http.js';

/** Handles one /__respond request. */
export async function handleRespond(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    await readBody(req, 1 << 20); // drain whatever was sent
  } catch {
    res.writeHead(413, { 'content-type': 'text/plain' });
    return void res.end('body too large');
  }
  const status = Number(url.searchParams.get('status') ?? '200');
  const type = url.searchParams.get('type');
  const text = url.searchParams.get('body') ?? '';
  const body = url.searchParams.get('base64') === '1' ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  const headers: Record<string, string> = { 'x-echo-accept': String(req.headers.accept ?? '') };
  if (type !== null) headers['content-type'] = type;
  res.writeHead(Number.isInteger(status) && status >= 200 && status <= 599 ? status : 400, headers);
  res.end(body);
}
