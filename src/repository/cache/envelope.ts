/**
 * The persistent form of one cached response: a versioned JSON envelope. Reading is defensive:
 * storage is shared with the app, survives upgrades, and can be cut off mid-write by a crash,
 * so anything that is not exactly a current envelope (truncated JSON, another version, a wrong
 * field type) decodes to undefined, and the cache treats it as a miss and removes it.
 */
import type { PolicyObject } from './policy.js';

/** Bumped whenever the shape changes; older envelopes are then misses (and removed). */
export const ENVELOPE_VERSION = 1;

/** One stored response and everything needed to judge and serve it later. */
export interface Envelope {
  readonly v: typeof ENVELOPE_VERSION;
  readonly scope: string;
  /** The subscription key (scope, method, normalised URL), checked on read against digest collisions. */
  readonly key: string;
  /** The variant string (Vary-named request header values), checked likewise. */
  readonly variant: string;
  /** Lower-cased Vary names the variant was built from. */
  readonly vary: ReadonlyArray<string>;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** When it was stored, by the cache's clock (ms since the epoch). */
  readonly storedAt: number;
  /** http-cache-semantics' toObject(): request/response data for freshness and revalidation. */
  readonly policy: PolicyObject;
  /**
   * Set while the body is an app's local change (`sdk.cache.update`) rather than the server's:
   * the write's id, so its rollback can tell whether a newer answer replaced it since, and the
   * server's body it was made on, which a 304 restores once no rollback in this process can.
   */
  readonly overlay?: Overlay | undefined;
}

/** The marker of a locally changed body (local-write.ts). */
export interface Overlay {
  readonly id: string;
  /** The server's body under the change (under every change, when changes were stacked). */
  readonly base: string;
}

/** The index of a URL within a scope: which headers its responses vary on. */
export interface IndexRecord {
  readonly v: typeof ENVELOPE_VERSION;
  readonly key: string;
  readonly vary: ReadonlyArray<string>;
}

/** JSON text of an envelope or index. */
export function encode(value: Envelope | IndexRecord): string {
  return JSON.stringify(value);
}

/** The envelope in `text`, or undefined when it is not a well-formed current one. */
export function decodeEnvelope(text: string): Envelope | undefined {
  const value = parse(text);
  if (value === undefined || value['v'] !== ENVELOPE_VERSION) return undefined;
  const ok =
    typeof value['scope'] === 'string' &&
    typeof value['key'] === 'string' &&
    typeof value['variant'] === 'string' &&
    isStringArray(value['vary']) &&
    Number.isInteger(value['status']) &&
    isStringRecord(value['headers']) &&
    typeof value['body'] === 'string' &&
    Number.isFinite(value['storedAt']) &&
    isPolicyObject(value['policy']) &&
    (value['overlay'] === undefined || isOverlay(value['overlay']));
  return ok ? (value as unknown as Envelope) : undefined;
}

/** The index record in `text`, or undefined when it is not a well-formed current one. */
export function decodeIndex(text: string): IndexRecord | undefined {
  const value = parse(text);
  if (value === undefined || value['v'] !== ENVELOPE_VERSION) return undefined;
  return typeof value['key'] === 'string' && isStringArray(value['vary']) ? (value as unknown as IndexRecord) : undefined;
}

function parse(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isOverlay(value: unknown): value is Overlay {
  return typeof value === 'object' && value !== null && typeof (value as Overlay).id === 'string' && typeof (value as Overlay).base === 'string';
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string');
}

/** The fields http-cache-semantics' fromObject reads; it throws on a version it does not know. */
function isPolicyObject(value: unknown): value is PolicyObject {
  if (typeof value !== 'object' || value === null) return false;
  const o = value as Record<string, unknown>;
  return o['v'] === 1 && typeof o['t'] === 'number' && typeof o['m'] === 'string' && typeof o['resh'] === 'object' && o['resh'] !== null && typeof o['rescc'] === 'object' && typeof o['reqcc'] === 'object';
}
