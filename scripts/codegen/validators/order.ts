/**
 * The order component consts are written in: dependencies first (depth-first post-order from
 * the document's own order), so most references are plain identifiers. What remains — cycles —
 * is handled by the emitter, which wraps any reference to a const not yet written in
 * `v.lazy(() => …)`; this order is an optimisation, never a correctness requirement.
 */
import { DocumentIndex, isRecord } from './document.js';

/** Keywords whose values are subschemas (single, list, or map of them). */
const SINGLE = ['items', 'additionalProperties', 'additionalItems', 'not'];
const LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const MAPS = ['properties'];

/** Component schema names `schema` references, in order of first reference. */
export function componentRefs(index: DocumentIndex, schema: unknown): string[] {
  const found = new Set<string>();
  const visited = new Set<unknown>();
  const walk = (node: unknown): void => {
    if (!isRecord(node) || visited.has(node)) return;
    visited.add(node);
    const ref = node['$ref'];
    if (typeof ref === 'string') {
      const target = index.resolve(ref);
      if (target?.component !== undefined) found.add(target.component);
      else if (target) walk(target.node);
    }
    for (const key of SINGLE) walk(node[key]);
    for (const key of LISTS) {
      const value = node[key];
      if (Array.isArray(value)) value.forEach(walk);
    }
    for (const key of MAPS) {
      const value = node[key];
      if (isRecord(value)) Object.values(value).forEach(walk);
    }
  };
  walk(schema);
  return [...found];
}

/** All component schema names, dependencies before dependants where there is no cycle. */
export function componentOrder(index: DocumentIndex): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const dep of componentRefs(index, index.schemas[name])) visit(dep);
    state.set(name, 'done');
    order.push(name);
  };
  for (const name of Object.keys(index.schemas)) visit(name);
  return order;
}
