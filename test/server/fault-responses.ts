/**
 * Response faults: the handler has run (its side effects are committed); these corrupt only what
 * goes back on the wire. Every timer goes through `timers`, so close() cancels a drip midway.
 */
import type { ServerResponse } from 'node:http';
import type { Fault } from './faults.js';
import { writeWire, type WireReply } from './http.js';
import type { Timers } from './timers.js';

export type ResponseFault = Extract<Fault, { type: 'reset-after' | 'truncate' | 'malformed' | 'drip' | 'wrong-type' }>;

export function isResponseFault(fault: Fault | undefined): fault is ResponseFault {
  return fault !== undefined && ['reset-after', 'truncate', 'malformed', 'drip', 'wrong-type'].includes(fault.type);
}

/** Kills the connection without a (complete) response. */
export function destroyConnection(res: ServerResponse): void {
  res.socket?.destroy();
  res.destroy();
}

export function writeWithFault(res: ServerResponse, wire: WireReply, fault: ResponseFault, timers: Timers): void {
  if (res.destroyed) return;
  switch (fault.type) {
    case 'reset-after':
      return destroyConnection(res);
    case 'truncate':
      return truncate(res, wire);
    case 'malformed':
      return writeWire(res, {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: Buffer.from('{"id": "0b9a3e0e", "status": "paid",, "total": {amount: 12.00}'),
      });
    case 'drip':
      return drip(res, wire, fault.bytesPerChunk, fault.intervalMs, timers);
    case 'wrong-type':
      return writeWire(res, { ...wire, body: Buffer.from(JSON.stringify(wrongType(parse(wire.body)))), headers: jsonHeaders(wire) });
  }
}

/** Promises the full length, sends the first half, then drops the connection. */
function truncate(res: ServerResponse, wire: WireReply): void {
  const full = wire.body.length > 0 ? wire.body : Buffer.from('{"truncated":"this body never arrives whole"}');
  res.writeHead(wire.body.length > 0 ? wire.status : 200, {
    ...jsonHeaders(wire),
    'content-length': String(full.length),
  });
  res.write(full.subarray(0, Math.max(1, Math.floor(full.length / 2))), () => destroyConnection(res));
}

/** Sends the body a few bytes at a time. */
function drip(res: ServerResponse, wire: WireReply, bytesPerChunk: number, intervalMs: number, timers: Timers): void {
  const headers: Record<string, string> = { ...wire.headers, 'content-length': String(wire.body.length) };
  res.writeHead(wire.status, headers);
  let offset = 0;
  const step = () => {
    if (res.destroyed) return stop();
    const chunk = wire.body.subarray(offset, offset + bytesPerChunk);
    offset += chunk.length;
    if (offset >= wire.body.length) {
      stop();
      res.end(chunk);
    } else {
      res.write(chunk);
    }
  };
  const stop = timers.every(Math.max(1, intervalMs), step);
  res.once('close', stop);
  step();
}

function jsonHeaders(wire: WireReply): Record<string, string> {
  return { ...wire.headers, 'content-type': wire.headers['content-type'] ?? 'application/json; charset=utf-8' };
}

function parse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Valid JSON that breaks the response schema in a typical way: a money object turned into a
 * number, an id turned into a number, and so on, first match wins, searching depth-first.
 */
export function wrongType(value: unknown): unknown {
  const replacements: Array<[string, (v: unknown) => unknown]> = [
    ['total', (v) => Number((v as { amount?: string }).amount ?? 0)],
    ['accessToken', () => 12345],
    ['expiresIn', (v) => String(v)],
    ['nextCursor', () => 42],
    ['id', () => 12345],
    ['status', (v) => (typeof v === 'number' ? String(v) : 0)],
  ];
  for (const [key, replace] of replacements) {
    const copy = structuredClone(value);
    if (replaceFirst(copy, key, replace)) return copy;
  }
  return { unexpected: true, value: 42 };
}

function replaceFirst(node: unknown, key: string, replace: (v: unknown) => unknown): boolean {
  if (Array.isArray(node)) return node.some((item) => replaceFirst(item, key, replace));
  if (node === null || typeof node !== 'object') return false;
  const obj = node as Record<string, unknown>;
  if (key in obj) {
    obj[key] = replace(obj[key]);
    return true;
  }
  return Object.values(obj).some((v) => replaceFirst(v, key, replace));
}
