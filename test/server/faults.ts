/**
 * Fault injection rules. A test adds rules (JS API or POST /__control/faults); each request that
 * is not a control request takes the first rule that matches its method and path and still has
 * `times` left, which counts that rule down. How each fault is carried out is in app.ts
 * (request faults) and fault-responses.ts (response faults).
 *
 * Request faults answer without running the handler: reset-before, hang, status, rate-limit.
 * latency delays, then handles normally (after the Idempotency-Key is claimed, so the key is
 * "in flight" during the delay). expire-token expires the presented access token for good.
 * Response faults run the handler, so its side effects are committed, then corrupt only what
 * goes on the wire: reset-after, truncate, malformed, drip, wrong-type, and status with
 * `commit: true`.
 */
import { checkHostile, HOSTILE_TYPES, type HostileFault } from './hostile.js';

export type Fault =
  | { type: 'latency'; ms: number }
  | { type: 'hang' }
  | { type: 'reset-before' }
  | { type: 'reset-after' }
  | { type: 'status'; status: number; body?: unknown; headers?: Record<string, string>; commit?: boolean }
  | { type: 'rate-limit'; retryAfter?: string; retryAfterMs?: string; status?: 429 | 503 }
  | { type: 'truncate' }
  | { type: 'malformed' }
  | { type: 'drip'; bytesPerChunk: number; intervalMs: number }
  | { type: 'wrong-type' }
  | { type: 'expire-token' }
  | HostileFault;

export type FaultType = Fault['type'];

export interface FaultRule {
  /** HTTP method, any case; absent or `*` matches every method. */
  method?: string;
  /**
   * Path to match (without query). A string is a template: `{name}` and `*` match one segment,
   * `**` matches anything, e.g. `/orders/{orderId}`. A RegExp is tested against the path.
   * Absent matches every path.
   */
  path?: string | RegExp;
  /** How many matching requests get the fault; default 1, `Infinity` for all. */
  times?: number;
  /** Let this many matching requests through untouched first; default 0. */
  skip?: number;
  fault: Fault;
}

export interface FaultRuleState {
  id: string;
  method: string | undefined;
  path: string | undefined;
  fault: Fault;
  /** Faults still to apply (`Infinity` stays Infinity). */
  remaining: number;
  /** Matching requests seen so far, skipped ones included. */
  hits: number;
}

export interface FaultController {
  /** Adds a rule after the existing ones; returns its id. Throws on an invalid rule. */
  add(rule: FaultRule): string;
  remove(id: string): boolean;
  clear(): void;
  list(): FaultRuleState[];
  /** Finds the fault for a request and counts its rule down; undefined when none applies. */
  take(method: string, path: string): Fault | undefined;
  /** Faults applied so far (since the last clear). */
  readonly applied: number;
}

interface LiveRule {
  id: string;
  rule: FaultRule;
  test: (path: string) => boolean;
  remaining: number;
  skip: number;
  hits: number;
}

export function createFaultController(): FaultController {
  let rules: LiveRule[] = [];
  let nextId = 1;
  let applied = 0;
  return {
    add(rule) {
      const problem = checkFault(rule.fault);
      if (problem) throw new TypeError(`Invalid fault rule: ${problem}`);
      const times = rule.times ?? 1;
      if (!(times >= 0)) throw new TypeError('Invalid fault rule: times must be >= 0');
      const live: LiveRule = { id: `f${nextId++}`, rule, test: pathTester(rule.path), remaining: times, skip: rule.skip ?? 0, hits: 0 };
      rules.push(live);
      return live.id;
    },
    remove(id) {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      return rules.length !== before;
    },
    clear() {
      rules = [];
      applied = 0;
    },
    list: () =>
      rules.map((r) => ({
        id: r.id,
        method: r.rule.method,
        path: r.rule.path === undefined ? undefined : String(r.rule.path),
        fault: r.rule.fault,
        remaining: r.remaining,
        hits: r.hits,
      })),
    take(method, path) {
      for (const r of rules) {
        if (r.remaining <= 0) continue;
        const m = r.rule.method;
        if (m !== undefined && m !== '*' && m.toUpperCase() !== method.toUpperCase()) continue;
        if (!r.test(path)) continue;
        r.hits += 1;
        if (r.skip > 0) {
          r.skip -= 1;
          return undefined;
        }
        r.remaining -= 1;
        applied += 1;
        return r.rule.fault;
      }
      return undefined;
    },
    get applied() {
      return applied;
    },
  };
}

function pathTester(path: string | RegExp | undefined): (path: string) => boolean {
  if (path === undefined) return () => true;
  if (path instanceof RegExp) return (p) => new RegExp(path.source, path.flags.replace('g', '')).test(p);
  const source = path
    .split(/(\*\*|\*|\{[^}/]+\})/)
    .map((part) => (part === '**' ? '.*' : part === '*' || /^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const re = new RegExp(`^${source}/?$`);
  return (p) => re.test(p);
}

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const stringOrAbsent = (v: unknown) => v === undefined || typeof v === 'string';

/** Returns what is wrong with a fault, or undefined when it is valid. */
function checkFault(fault: unknown): string | undefined {
  if (fault === null || typeof fault !== 'object') return 'fault must be an object';
  const f = fault as Record<string, unknown>;
  switch (f.type) {
    case 'latency':
      return typeof f.ms === 'number' && f.ms >= 0 ? undefined : 'latency needs ms >= 0';
    case 'status':
      return Number.isInteger(f.status) && (f.status as number) >= 100 && (f.status as number) <= 599 ? undefined : 'status needs an HTTP status';
    case 'rate-limit':
      if (!stringOrAbsent(f.retryAfter) || !stringOrAbsent(f.retryAfterMs)) return 'retryAfter and retryAfterMs are raw header strings';
      return f.status === undefined || f.status === 429 || f.status === 503 ? undefined : 'rate-limit status must be 429 or 503';
    case 'drip':
      return positive(f.bytesPerChunk) && typeof f.intervalMs === 'number' && f.intervalMs >= 0 ? undefined : 'drip needs bytesPerChunk > 0 and intervalMs >= 0';
    case 'hang': case 'reset-before': case 'reset-after': case 'truncate': case 'malformed': case 'wrong-type': case 'expire-token':
      return undefined;
    default:
      if (HOSTILE_TYPES.includes(f.type as HostileFault['type'])) return checkHostile(f);
      return `unknown fault type ${JSON.stringify(f.type)}`;
  }
}

/**
 * Reads a rule sent as JSON over HTTP: `path` is a template string, `pathRegex` a RegExp source,
 * `times` a number, `"Infinity"` or null (= Infinity).
 */
export function ruleFromJson(input: unknown): FaultRule {
  if (input === null || typeof input !== 'object') throw new TypeError('Invalid fault rule: expected a JSON object');
  const raw = input as Record<string, unknown>;
  if (!stringOrAbsent(raw.method) || !stringOrAbsent(raw.path) || !stringOrAbsent(raw.pathRegex)) {
    throw new TypeError('Invalid fault rule: method, path and pathRegex must be strings');
  }
  const times = raw.times === 'Infinity' || raw.times === null ? Infinity : raw.times;
  if (times !== undefined && typeof times !== 'number') throw new TypeError('Invalid fault rule: times must be a number or "Infinity"');
  if (raw.skip !== undefined && typeof raw.skip !== 'number') throw new TypeError('Invalid fault rule: skip must be a number');
  const path = typeof raw.pathRegex === 'string' ? new RegExp(raw.pathRegex) : (raw.path as string | undefined);
  return {
    ...(raw.method !== undefined && { method: raw.method as string }),
    ...(path !== undefined && { path }),
    ...(times !== undefined && { times }),
    ...(raw.skip !== undefined && { skip: raw.skip as number }),
    fault: raw.fault as Fault,
  };
}
