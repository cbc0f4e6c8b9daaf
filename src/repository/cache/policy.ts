/**
 * RFC 9111 decisions, made by http-cache-semantics as a private cache (`shared: false`:
 * `private` responses are stored, `s-maxage` and `proxy-revalidate` are ignored), with the
 * rules it leaves to the cache added here: which statuses and bodies may be stored at all,
 * the app's `ttlMs` where the server says nothing, and how stale an entry may be served.
 */
import HttpCachePolicy from 'http-cache-semantics';
import type { Clock } from '../../platform/clock.js';
import type { HttpExchangeResponse } from './types.js';

/**
 * The part of http-cache-semantics' policy the cache uses, written out here so the published
 * declarations name nothing from a package the consumer does not install (the library itself is
 * bundled into the runtime).
 */
export interface CachePolicy {
  storable(): boolean;
  /** Seconds since the response was generated, from Age and the time it was stored. */
  age(): number;
  /** Freshness lifetime in seconds (max-age, Expires, or the RFC's heuristic). */
  maxAge(): number;
  toObject(): PolicyObject;
  revalidationHeaders(request: PolicyRequest): Record<string, string | string[] | undefined>;
  revalidatedPolicy(request: PolicyRequest, response: { status: number; headers: Record<string, string> }): { policy: CachePolicy; modified: boolean; matches: boolean };
}

/** http-cache-semantics' serialised policy (its toObject()), stored inside an entry's envelope. */
export interface PolicyObject {
  readonly v: number;
}

/** Makes and revives policies that read `clock` instead of Date.now. */
export interface PolicyFactory {
  create(request: PolicyRequest, response: { status: number; headers: Record<string, string> }): CachePolicy;
  revive(object: PolicyObject): CachePolicy;
}

/** The request as http-cache-semantics wants it. */
export interface PolicyRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
}

/**
 * A policy class bound to `clock`. http-cache-semantics reads time only through its `now()`
 * method (documented as the seam for tests), and calls it from its constructor, so the clock
 * is closed over rather than set on the instance.
 */
export function policyFactory(clock: Pick<Clock, 'now'>): PolicyFactory {
  class ClockedPolicy extends HttpCachePolicy {
    now(): number {
      return clock.now();
    }
  }
  return {
    create: (request, response) => new ClockedPolicy(request, response, { shared: false }),
    revive: (object) => ClockedPolicy.fromObject(object as unknown as HttpCachePolicy.CachePolicyObject),
  };
}

/**
 * Whether a response may be stored (RFC 9111 §3) — http-cache-semantics' verdict (method,
 * status understood, no-store in request or response, explicit freshness or a status cacheable
 * by default) narrowed by our own rules: only GET is stored (POST responses with explicit
 * freshness are rare and would need a body in the key); never a 5xx or 429 (a transient
 * failure must not outlive itself); never `Vary: *` (it can never match); never a body that
 * claims JSON but does not parse (it would fail every later read).
 */
export function isStorable(method: string, policy: CachePolicy, response: HttpExchangeResponse): boolean {
  if (method.toUpperCase() !== 'GET') return false;
  if (response.status >= 500 || response.status === 429 || response.status < 200) return false;
  if (response.headers['vary']?.trim() === '*') return false;
  if (!policy.storable()) return false;
  return bodyParses(response);
}

/** True unless the Content-Type says JSON and the body is not JSON (an empty body is fine). */
export function bodyParses(response: HttpExchangeResponse): boolean {
  const type = response.headers['content-type'] ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type) || response.body === '') return true;
  try {
    JSON.parse(response.body);
    return true;
  } catch {
    return false;
  }
}

/** Cache-Control directives, lower-cased, as a name → value map (valueless ones map to ''). */
export function directives(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(',')) {
    const [name, ...rest] = part.split('=');
    const key = name?.trim().toLowerCase();
    if (key) out.set(key, rest.join('=').trim().replace(/^"|"$/g, ''));
  }
  return out;
}

/**
 * Whether the server said anything about freshness: max-age, no-cache (or Pragma: no-cache
 * without Cache-Control), or Expires. `s-maxage` does not count: a private cache ignores it.
 * Only when it said nothing may the app's ttlMs stand in for the RFC's heuristic.
 */
export function hasExplicitFreshness(headers: Record<string, string>): boolean {
  const cc = directives(headers['cache-control']);
  if (cc.has('max-age') || cc.has('no-cache') || cc.has('no-store')) return true;
  if (headers['cache-control'] === undefined && /no-cache/i.test(headers['pragma'] ?? '')) return true;
  return headers['expires'] !== undefined;
}

/** How fresh a stored response is, for the request at hand. */
export interface Freshness {
  /** Usable without asking the origin. */
  readonly fresh: boolean;
  /** Age in ms (Age header + time stored). */
  readonly ageMs: number;
  /** How far past its freshness lifetime, in ms (0 while fresh). */
  readonly staleByMs: number;
  /** May be served stale at all (false for no-cache and must-revalidate, RFC 9111 §4.2.4). */
  readonly mayServeStale: boolean;
  /** Extra staleness the server allows on errors (`stale-if-error`, RFC 5861), in ms. */
  readonly staleIfErrorMs: number;
}

/**
 * Freshness of a stored response for the request at hand (RFC 9111 §4.2, §5.2.1). The
 * library supplies the lifetime (max-age, Expires against Date, the Last-Modified heuristic
 * for statuses cacheable by default; 0 for no-cache and Vary: *) and the age (Age header +
 * time stored); the request's own directives are applied here. We do not use the library's
 * evaluateRequest for this: it treats `must-revalidate` as "always revalidate", while the RFC
 * only forbids serving such a response once it is stale. Vary is matched by the variant key.
 */
export function freshness(policy: CachePolicy, requestHeaders: Record<string, string>, storedHeaders: Record<string, string>, ttlMs: number | undefined): Freshness {
  const ageMs = Math.max(0, policy.age() * 1000);
  const cc = directives(storedHeaders['cache-control']);
  const requestCc = directives(requestHeaders['cache-control']);
  const lifetimeMs = ttlMs !== undefined && !hasExplicitFreshness(storedHeaders) ? ttlMs : policy.maxAge() * 1000;
  const mayServeStale = !cc.has('no-cache') && !cc.has('must-revalidate') && !/no-cache/i.test(storedHeaders['pragma'] ?? '');
  const staleByMs = Math.max(0, ageMs - lifetimeMs);
  let fresh = ageMs < lifetimeMs;
  if (requestCc.has('no-cache') || (requestHeaders['cache-control'] === undefined && /no-cache/i.test(requestHeaders['pragma'] ?? ''))) fresh = false;
  if (requestCc.has('max-age') && ageMs > seconds(requestCc.get('max-age')) * 1000) fresh = false;
  if (requestCc.has('min-fresh') && lifetimeMs - ageMs < seconds(requestCc.get('min-fresh')) * 1000) fresh = false;
  // max-stale: the client accepts a stale answer (valueless = any staleness), unless forbidden.
  if (!fresh && staleByMs > 0 && requestCc.has('max-stale') && mayServeStale && !requestCc.has('no-cache')) {
    const limit = requestCc.get('max-stale') === '' ? Infinity : seconds(requestCc.get('max-stale')) * 1000;
    if (staleByMs <= limit) fresh = true;
  }
  return {
    fresh,
    ageMs,
    staleByMs: fresh ? 0 : staleByMs,
    mayServeStale,
    staleIfErrorMs: cc.has('stale-if-error') ? seconds(cc.get('stale-if-error')) * 1000 : 0,
  };
}

/** A delta-seconds value (RFC 9111 §1.2.2); invalid → 0. */
function seconds(value: string | undefined): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
