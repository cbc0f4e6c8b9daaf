/**
 * Hostile answers: request faults (the handler never runs) that send what a broken proxy, a
 * misconfigured server or an attacker might, to prove the SDK turns every one of them into a
 * NetworkError. Large bodies are generated chunk by chunk, so the server never holds them.
 */
import type { ServerResponse } from 'node:http';

export type HostileFault =
  /** 200 JSON nested `depth` arrays deep (`[[[…]]]`). */
  | { type: 'deep-json'; depth: number }
  /** 200 JSON of `bytes` bytes, streamed in 64 KiB chunks; `contentLength` announces the size. */
  | { type: 'big-body'; bytes: number; contentLength?: boolean }
  /** 200 with this Content-Type and body. */
  | { type: 'content-type'; contentType: string; body: string }
  /** 200 JSON with one header of `bytes` bytes (beyond the client's header limit when large). */
  | { type: 'huge-header'; bytes: number }
  /** Raw bytes written to the socket (status line, headers, body), then the socket is closed. */
  | { type: 'raw'; wire: string };

export const HOSTILE_TYPES: ReadonlyArray<HostileFault['type']> = ['deep-json', 'big-body', 'content-type', 'huge-header', 'raw'];

/** Describes what is wrong with a hostile fault, or undefined when it is valid. */
export function checkHostile(fault: Record<string, unknown>): string | undefined {
  switch (fault.type) {
    case 'deep-json':
      return Number.isInteger(fault.depth) && (fault.depth as number) > 0 ? undefined : 'deep-json needs depth > 0';
    case 'big-body':
      return Number.isInteger(fault.bytes) && (fault.bytes as number) > 2 ? undefined : 'big-body needs bytes > 2';
    case 'content-type':
      return typeof fault.contentType === 'string' && typeof fault.body === 'string' ? undefined : 'content-type needs contentType and body strings';
    case 'huge-header':
      return Number.isInteger(fault.bytes) && (fault.bytes as number) > 0 ? undefined : 'huge-header needs bytes > 0';
    case 'raw':
      return typeof fault.wire === 'string' ? undefined : 'raw needs a wire string';
    default:
      return `unknown fault type ${JSON.stringify(fault.type)}`;
  }
}

/** Answers `res` with the hostile fault. */
export function writeHostile(res: ServerResponse, fault: HostileFault): void {
  switch (fault.type) {
    case 'deep-json': {
      const body = '['.repeat(fault.depth) + ']'.repeat(fault.depth);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      return void res.end(body);
    }
    case 'content-type':
      res.writeHead(200, { 'content-type': fault.contentType, 'content-length': String(Buffer.byteLength(fault.body)) });
      return void res.end(fault.body);
    case 'huge-header':
      res.writeHead(200, { 'content-type': 'application/json', 'x-padding': 'a'.repeat(fault.bytes), 'content-length': '2' });
      return void res.end('{}');
    case 'raw':
      res.socket?.end(fault.wire);
      return;
    case 'big-body':
      return streamBigBody(res, fault.bytes, fault.contentLength === true);
  }
}

const CHUNK = 64 * 1024;

/** `"aaaa…"` as one JSON string of `bytes` bytes, written as the client reads (backpressure). */
function streamBigBody(res: ServerResponse, bytes: number, announce: boolean): void {
  res.writeHead(200, { 'content-type': 'application/json', ...(announce && { 'content-length': String(bytes) }) });
  const filler = Buffer.alloc(CHUNK, 'a');
  let left = bytes - 2;
  res.write('"');
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const size = Math.min(CHUNK, left);
      left -= size;
      const more = res.write(size === CHUNK ? filler : filler.subarray(0, size));
      if (left === 0) return void res.end('"');
      if (!more) return void res.once('drain', pump);
    }
  };
  // A client that stops reading (the SDK's size limit) closes the socket: `destroyed` ends it.
  pump();
}
