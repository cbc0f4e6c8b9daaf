/**
 * Query parameters: decoded per the spec's style/explode, coerced from strings to the schema's
 * type, then validated. Issues point at `/<name>` (location `query`).
 */
import type { OperationInfo } from './spec.js';
import { escapePointer, resolveRef, validate, type Issue } from './validate.js';

export function readQuery(
  operation: OperationInfo,
  search: URLSearchParams,
  root: unknown,
): { values: Record<string, unknown>; issues: Issue[] } {
  const values: Record<string, unknown> = {};
  const issues: Issue[] = [];
  for (const param of operation.parameters) {
    if (param.in !== 'query') continue;
    const raw = search.getAll(param.name);
    const pointer = `/${escapePointer(param.name)}`;
    if (raw.length === 0) {
      if (param.required) issues.push({ pointer, detail: 'is required', code: 'required' });
      continue;
    }
    const schema = deref(param.schema, root);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    let value: unknown;
    if (type === 'array') {
      const parts = param.explode ? raw : raw.flatMap((r) => r.split(','));
      const itemSchema = deref((schema.items ?? {}) as Record<string, unknown>, root);
      value = parts.filter((p) => p !== '').map((p) => coerce(p, itemSchema.type));
    } else {
      if (raw.length > 1) {
        issues.push({ pointer, detail: 'must be given once', code: 'type' });
        continue;
      }
      value = coerce(raw[0]!, type);
    }
    const found = validate(param.schema, value, root, pointer);
    if (found.length > 0) issues.push(...found);
    else values[param.name] = value;
  }
  return { values, issues };
}

function deref(schema: Record<string, unknown>, root: unknown): Record<string, unknown> {
  let s = schema;
  while (typeof s.$ref === 'string') s = resolveRef(root, s.$ref) as Record<string, unknown>;
  return s;
}

/** Converts a query string value to the schema type; leaves it a string when it does not parse. */
function coerce(raw: string, type: unknown): unknown {
  switch (type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw.trim()) ? Number(raw) : raw;
    case 'boolean':
      return raw === 'true' ? true : raw === 'false' ? false : raw;
    default:
      return raw;
  }
}
