/**
 * `const` and `enum`: the value list, narrowed by a sibling `type` (both keywords must hold, so a
 * value the type refuses can never be valid), and its valibot form.
 *
 * @see https://json-schema.org/draft/2020-12/json-schema-validation#name-validation-keywords-for-any
 */
import { literal, type Expr } from '../ast.js';
import type { Pointer } from '../model.js';
import { child } from './document.js';
import { inlineList, list, vc, vUnion } from './emit.js';

export type Primitive = string | number | boolean | null;

export const isPrimitive = (value: unknown): value is Primitive =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));

/** The values a node allows: none declared, a primitive list, or a list that is not checked. */
export type Values = { kind: 'none' } | { kind: 'unchecked' } | { kind: 'list'; values: Primitive[] };

/**
 * Reads `const` (wins over `enum`: both must hold, and const is the narrower) or `enum`. Object
 * and array values are not compared (warning); the schema then checks its type only.
 */
export function readValues(node: Record<string, unknown>, pointer: Pointer, warn: (pointer: Pointer, message: string) => void): Values {
  if ('const' in node) {
    const value = node['const'];
    if (isPrimitive(value)) return { kind: 'list', values: [value] };
    warn(child(pointer, 'const'), 'const with an object or array value is not checked');
    return { kind: 'unchecked' };
  }
  const values = node['enum'];
  if (!Array.isArray(values)) return { kind: 'none' };
  if (values.length === 0) {
    warn(child(pointer, 'enum'), 'empty enum ignored');
    return { kind: 'none' };
  }
  if (!values.every(isPrimitive)) {
    warn(child(pointer, 'enum'), 'enum with object or array values is not checked');
    return { kind: 'unchecked' };
  }
  return { kind: 'list', values };
}

/** Whether a value is of one of the declared JSON types (`undefined`: no `type`, any value). */
export function admits(types: readonly string[] | undefined, value: Primitive): boolean {
  if (types === undefined) return true;
  if (value === null) return types.includes('null');
  switch (typeof value) {
    case 'string':
      return types.includes('string');
    case 'boolean':
      return types.includes('boolean');
    default:
      // JSON Schema's integer is any number with a zero fractional part (1.0 included).
      return types.includes('number') || (types.includes('integer') && Number.isInteger(value));
  }
}

/**
 * All strings (or all numbers) → `v.picklist`, one value → `v.literal`, mixed → a union of
 * literals, nothing left → `v.never()`. `null` among the values is returned as `nullable`.
 */
export function valuesExpr(values: readonly Primitive[]): { expr: Expr; nullable: boolean } {
  const nullable = values.includes(null);
  const distinct = [...new Set(values.filter((value) => value !== null))];
  if (distinct.length === 0) return { expr: vc(nullable ? 'null' : 'never'), nullable: false };
  if (distinct.length === 1) return { expr: vc('literal', literal(distinct[0])), nullable };
  const sameKind = distinct.every((value) => typeof value === 'string') || distinct.every((value) => typeof value === 'number');
  const expr = sameKind
    ? vc('picklist', (distinct.length > 8 ? list : inlineList)(distinct.map(literal)))
    : vUnion(distinct.map((value) => vc('literal', literal(value))));
  return { expr, nullable };
}
