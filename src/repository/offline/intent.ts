/**
 * Turning a call into a storable intent: whether the operation may be queued at all (a replay
 * repeats it, so it must be idempotent, keyed, or declared repeatable by the app), whether its
 * init survives JSON (streams, Blobs and FormData do not), the init with every credential
 * removed (the token is attached at replay from the session current then), the idempotency key
 * fixed once, and the default ordering scope (the resolved resource path).
 */
import type { OperationMeta } from '../../contract/operation.js';
import type { SecuritySchemes } from '../../auth/security-schemes.js';
import { applyIdempotencyKey, type HeaderCarriers, type IdempotencyMode } from '../../service/idempotency.js';
import { isThenable, requestIssues, type ValidateMode } from '../../service/validate.js';
import { NetworkError, NetworkErrorType } from '../../errors/network-error.js';
import { toFieldErrors } from '../../errors/field-errors.js';

/** What an operation needs so its queued intent can be replayed safely. */
export interface IntentRules {
  readonly idempotency: IdempotencyMode;
  readonly repeatable: ReadonlySet<string>;
  readonly schemes: SecuritySchemes | undefined;
  /** 'strict': an init the spec refuses is refused at enqueue, not dead-lettered at replay. */
  readonly validate: ValidateMode;
}

/** Headers that carry credentials whatever the spec says. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

/** Whether a replay of `meta` carries an idempotency key (so the server applies it once). */
export function takesKey(meta: OperationMeta, mode: IdempotencyMode): boolean {
  return meta.idempotencyKeyHeader !== undefined || (mode === 'always' && (meta.method === 'post' || meta.method === 'patch'));
}

/** Throws a TypeError naming the operation when it cannot be queued safely. */
export function checkQueueable(meta: OperationMeta, rules: IntentRules): void {
  if (meta.idempotent || takesKey(meta, rules.idempotency) || rules.repeatable.has(meta.id)) return;
  throw new TypeError(
    `Tether: ${meta.id} cannot be queued offline: it is not idempotent (${meta.method.toUpperCase()} ${meta.path}) and takes no idempotency key, so a replay could apply it twice; ` +
      `declare an idempotency header in the spec, or list it in offline.repeatable if the server tolerates repeats`,
  );
}

/** The init to store: a JSON copy with credential headers and API-key parameters removed. */
export function storableInit(meta: OperationMeta, init: unknown, rules: IntentRules): unknown {
  if (init === undefined || init === null) return {};
  const problem = notJsonStorable(init, 'init');
  if (problem !== undefined) {
    throw new TypeError(`Tether: ${meta.id} cannot be queued offline: ${problem}; only JSON-storable bodies and parameters can be kept across a restart`);
  }
  const copy = JSON.parse(JSON.stringify(init)) as { headers?: Record<string, unknown>; params?: { header?: Record<string, unknown>; query?: Record<string, unknown>; cookie?: Record<string, unknown> } };
  const headerNames = new Set(CREDENTIAL_HEADERS);
  const queryNames = new Set<string>();
  const cookieNames = new Set<string>();
  for (const scheme of Object.values(rules.schemes ?? {})) {
    if (scheme.kind !== 'apiKey') continue;
    if (scheme.in === 'header') headerNames.add(scheme.name.toLowerCase());
    else if (scheme.in === 'query') queryNames.add(scheme.name);
    else cookieNames.add(scheme.name);
  }
  // The key lives in the entry's own field and is re-applied on every replay.
  if (meta.idempotencyKeyHeader) headerNames.add(meta.idempotencyKeyHeader.toLowerCase());
  headerNames.add('idempotency-key');
  const drop = (record: Record<string, unknown> | undefined, names: Set<string>, lower: boolean) => {
    if (!record) return;
    for (const name of Object.keys(record)) if (names.has(lower ? name.toLowerCase() : name)) delete record[name];
  };
  drop(copy.headers, headerNames, true);
  drop(copy.params?.header, headerNames, true);
  drop(copy.params?.query, queryNames, false);
  drop(copy.params?.cookie, cookieNames, false);
  return copy;
}

/**
 * Rejects with a client-side VALIDATION NetworkError (fieldErrors named) when the SDK validates
 * strictly and the init breaks the spec: such an intent would only fail at replay, long after
 * the form that produced it is gone. Checked with the key applied, as the call runner does.
 */
export async function checkInput(meta: OperationMeta, init: unknown, key: string | undefined, rules: IntentRules): Promise<void> {
  if (rules.validate !== 'strict') return;
  const keyed = applyIdempotencyKey(meta, (init ?? {}) as HeaderCarriers, key, undefined, rules.idempotency);
  const found = requestIssues(meta, keyed as Parameters<typeof requestIssues>[1]);
  const issues = isThenable(found) ? await found : found;
  if (issues.length === 0) return;
  throw new NetworkError({
    type: NetworkErrorType.VALIDATION, summary: `Request to ${meta.id} is invalid; not queued`, method: meta.method, url: meta.path,
    fieldErrors: toFieldErrors(issues), issues, source: 'client',
  });
}

/** A key the app put in the init's headers itself (kept as the entry's key), if any. */
export function keyInInit(meta: OperationMeta, init: unknown): string | undefined {
  const name = (meta.idempotencyKeyHeader ?? 'Idempotency-Key').toLowerCase();
  const carriers = [(init as { headers?: unknown } | undefined)?.headers, (init as { params?: { header?: unknown } } | undefined)?.params?.header];
  for (const headers of carriers) {
    if (typeof headers !== 'object' || headers === null) continue;
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

/** The operation's path with its path parameters filled in (`/orders/42`): the default scope. */
export function resourcePath(meta: OperationMeta, init: unknown): string {
  const values = (init as { params?: { path?: Record<string, unknown> } } | undefined)?.params?.path ?? {};
  return meta.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? whole : encodeURIComponent(String(value));
  });
}

/** Why `value` would not survive JSON (a description naming where), or undefined when it would. */
function notJsonStorable(value: unknown, where: string, depth = 0): string | undefined {
  if (depth > 64) return `${where} is nested too deeply`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${where} is ${value}`;
  if (value === undefined) return undefined; // dropped by JSON, as a call would omit it
  if (typeof value !== 'object') return `${where} is a ${typeof value}`;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = notJsonStorable(value[i], `${where}[${i}]`, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
    return `${where} is a ${name} (streams, Blobs, FormData, dates and other class instances do not survive storage)`;
  }
  for (const [key, item] of Object.entries(value)) {
    const problem = notJsonStorable(item, `${where}.${key}`, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}
