/**
 * The `batch` option of createSdk: off by default (a batch endpoint answers differently from
 * the single read, e.g. a forbidden id is merely "missing", so an app opts in knowingly).
 * `true` batches every operation whose spec declares `x-tether-batch`; an object picks
 * operations by id (`'users.getUser'`) and may tune each one.
 */

/** How one operation's calls are coalesced. */
export interface BatchTuning {
  /** Most ids per batch call; never above the spec's `maxItems` for the id list. [spec's maxItems, else 100] */
  readonly maxBatchSize?: number | undefined;
  /** 0: calls made in the same macrotask go together; > 0: wait this long after the first call. [0] */
  readonly windowMs?: number | undefined;
}

/** `true` (every batchable operation), or per operation id: `true`/`false` or its tuning. */
export type BatchOption = boolean | Readonly<Record<string, boolean | BatchTuning>>;

/** The resolved option: the tuning for an operation id, or undefined when it is not batched. */
export interface BatchSettings {
  readonly tuning: (operationId: string) => BatchTuning | undefined;
  /** The ids the option names (true or tuned; `false` entries too): each must be a batchable operation. */
  readonly named: readonly string[];
}

const OFF: BatchSettings = { tuning: () => undefined, named: [] };
const ALL: BatchSettings = { tuning: () => ({}), named: [] };

/**
 * Throws a TypeError for an id the option names that is not a batchable operation: a typo would
 * otherwise leave batching silently off. `batchable`: ids of operations that declare `x-tether-batch`.
 */
export function checkNamedOperations(settings: BatchSettings, batchable: readonly string[], where = 'options.batch'): void {
  const known = new Set(batchable);
  for (const id of settings.named) {
    if (known.has(id)) continue;
    const list = batchable.length === 0 ? 'none' : batchable.map((b) => `'${b}'`).join(', ');
    throw new TypeError(`Tether: ${where}[${JSON.stringify(id)}] is not a batchable operation (batchable: ${list})`);
  }
}

/** Checks the option once; throws a TypeError naming a bad entry. */
export function resolveBatchOption(value: unknown): BatchSettings {
  if (value === undefined || value === false) return OFF;
  if (value === true) return ALL;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError("Tether: options.batch must be true, false or { '<service>.<operation>': true | { maxBatchSize, windowMs } }");
  }
  const table = new Map<string, BatchTuning>();
  const named = Object.keys(value);
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const name = `options.batch[${JSON.stringify(id)}]`;
    if (entry === false) continue;
    if (entry === true) {
      table.set(id, {});
      continue;
    }
    if (typeof entry !== 'object' || entry === null) throw new TypeError(`Tether: ${name} must be true, false or { maxBatchSize, windowMs }`);
    const { maxBatchSize, windowMs } = entry as BatchTuning;
    if (maxBatchSize !== undefined && (!Number.isInteger(maxBatchSize) || maxBatchSize < 1)) throw new TypeError(`Tether: ${name}.maxBatchSize must be an integer of at least 1`);
    if (windowMs !== undefined && (typeof windowMs !== 'number' || !Number.isFinite(windowMs) || windowMs < 0)) throw new TypeError(`Tether: ${name}.windowMs must be a number of at least 0`);
    table.set(id, Object.freeze({ maxBatchSize, windowMs }));
  }
  return Object.freeze({ tuning: (operationId: string) => table.get(operationId), named: Object.freeze(named) });
}
