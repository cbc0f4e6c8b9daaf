/**
 * When an event stream reconnects, and when it gives up. EventSource's rules, hardened for
 * fleets of phones: the server's `retry:` is the base wait, consecutive failures double it up
 * to a cap, and jitter spreads a fleet that lost the same server so it does not come back in
 * one burst. The wait is never shorter than `retry:` (or Retry-After), so the server's wish is
 * honoured, and never longer than the cap, so a hostile `retry: 99999999` cannot park the app.
 */
import { isTransientFailure } from '../../errors/transient.js';
import type { ReconnectOptions } from './types.js';

/** Defaults, each chosen for a reason. */
export const RECONNECT_DEFAULTS = Object.freeze({
  // EventSource's usual default when the server sends no `retry:`.
  initialDelayMs: 1000,
  // A stream is how an app stays current: half a minute is the longest it should look dead.
  maxDelayMs: 30_000,
  // A live stream retries for as long as the app keeps it open (the signal ends it).
  maxAttempts: Number.POSITIVE_INFINITY,
});

/** ReconnectOptions after validation. */
export type ResolvedReconnect = { readonly [K in keyof typeof RECONNECT_DEFAULTS]: number };

/** Validates the `reconnect` option (TypeError naming a bad field) and fills in defaults. */
export function resolveReconnect(options: ReconnectOptions | undefined): ResolvedReconnect {
  const out: { -readonly [K in keyof ResolvedReconnect]: number } = { ...RECONNECT_DEFAULTS };
  for (const key of Object.keys(RECONNECT_DEFAULTS) as Array<keyof ResolvedReconnect>) {
    const value = options?.[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
      throw new TypeError(`Tether: reconnect.${key} must be a number >= 0`);
    }
    out[key] = value;
  }
  return out;
}

/**
 * The wait before the next connection. `failures` counts consecutive failed connections (0
 * after a connection that opened, e.g. a stream the server ended or dropped); `retryMs` is the
 * server's `retry:` or the initial delay; `random` in [0, 1).
 */
export function reconnectDelay(policy: ResolvedReconnect, retryMs: number, failures: number, random: number, retryAfterMs?: number): number {
  const base = Math.min(policy.maxDelayMs, retryMs * 2 ** Math.min(failures, 30));
  // Up to half again as long: spread, but never earlier than asked.
  const jittered = Math.min(policy.maxDelayMs, base * (1 + 0.5 * clampUnit(random)));
  return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs));
}

/** True for failures a later connection may not see (errors/transient.ts: the network, 5xx, 408, 429). */
export const isTransient = isTransientFailure;

function clampUnit(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.min(value, 1) : 0;
}
